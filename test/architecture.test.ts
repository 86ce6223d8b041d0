import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The one-way rule (docs/ARCHITECTURE.md): shells -> core -> shared, never back. oxlint's
// no-restricted-imports enforces the same per folder; this test reads every import to be sure.
const root = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

function violations(folder: string, forbidden: RegExp, options: { typeOnlyOk?: boolean } = {}) {
  const dir = join(root, folder);
  return sourceFiles(dir).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return importsOf(file)
      .filter((spec) => forbidden.test(spec))
      .filter(
        (spec) =>
          !(options.typeOnlyOk && new RegExp(`import type [^;]*['"]${spec}['"]`).test(text)),
      )
      .map((spec) => `${relative(root, file)} imports ${spec}`);
  });
}

describe('architecture', () => {
  it('keeps the core free of shells, the composition root and frameworks', () => {
    expect(
      violations(
        'src/core',
        /^(#http\/|#cli\/|#src\/|hono|@hono\/|commander|react|pino)|\/(http|cli|ui)\//,
      ),
    ).toEqual([]);
  });

  it('keeps the core free of platform code at run time (types are allowed)', () => {
    expect(violations('src/core', /^#platform\//, { typeOnlyOk: true })).toEqual([]);
  });

  it('keeps process.env out of everything but the entry point and the composition root', () => {
    const offenders = sourceFiles(join(root, 'src'))
      .filter((f) => /process\.env/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f))
      .filter((f) => !['src/main.ts', 'src/app.ts'].includes(f));
    expect(offenders).toEqual([]);
  });

  it('keeps the web UI off the server code: it speaks to it only over HTTP', () => {
    expect(
      violations(
        'src/ui',
        /^(#|node:|hono|@hono\/|commander|pino|kysely)|\/(core|platform|http|cli|shared)\//,
      ),
    ).toEqual([]);
  });

  it('lets shells reach data only through services, never a repository', () => {
    const shells = ['src/http', 'src/cli'].flatMap((folder) =>
      violations(folder, /\.repository\.js$/),
    );
    expect(shells).toEqual([]);
  });
});
