/**
 * `npm run build:cli` (run by `npm install`): compiles the server and CLI sources (src/, not the
 * web UI or tests) file by file with esbuild into build/, the same tree, so that `vigil` starts
 * without a TypeScript loader: `vigil --help` and `vigil totp` answer in a fraction of a second.
 * `#core/…`-style imports become relative paths; other files (region data) are copied. bin/vigil.js
 * uses build/ only while it is newer than every source file, else runs the sources through tsx.
 * Plain JavaScript on purpose: it runs before anything else exists.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SRC = join(ROOT, 'src');
const OUT = join(ROOT, 'build');
/** package.json "imports" that point into src/. */
const ALIASES = {
  '#core/': 'core/',
  '#platform/': 'platform/',
  '#shared/': 'shared/',
  '#http/': 'http/',
  '#cli/': 'cli/',
  '#src/': '',
};

const isSource = (rel) =>
  !rel.startsWith('ui/') && !rel.endsWith('.test.ts') && !rel.endsWith('.d.ts');

/** Rewrites `'#core/x.js'` in import and export specifiers to a path relative to `rel`'s folder. */
function rewrite(code, rel) {
  return code.replace(
    /(from\s*|import\s*\(\s*|import\s+)(['"])(#[a-z]+\/)([^'"]+)\2/g,
    (m, lead, q, alias, rest) => {
      const target = ALIASES[alias];
      if (target === undefined) return m;
      let path = relative(dirname(rel), `${target}${rest}`);
      if (!path.startsWith('.')) path = `./${path}`;
      return `${lead}${q}${path}${q}`;
    },
  );
}

rmSync(OUT, { recursive: true, force: true });
const files = readdirSync(SRC, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => relative(SRC, join(e.parentPath, e.name)))
  .filter(isSource);
await Promise.all(
  files.map(async (rel) => {
    const out = join(OUT, rel.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    if (!rel.endsWith('.ts')) {
      copyFileSync(join(SRC, rel), out);
      return;
    }
    const { code } = await transform(readFileSync(join(SRC, rel), 'utf8'), {
      loader: 'ts',
      format: 'esm',
      target: 'node20.19',
      // Node 20.10+ reads `with { type: 'json' }`; esbuild's node20 table would drop it.
      supported: { 'import-attributes': true },
      sourcefile: rel,
    });
    writeFileSync(out, rewrite(code, rel));
  }),
);
// Written last: bin/vigil.js compares its time with the sources'.
writeFileSync(join(OUT, '.stamp'), `${new Date().toISOString()}\n`);
