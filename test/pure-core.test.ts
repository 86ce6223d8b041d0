import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Linking, scoring and evaluation are pure (docs/SCORING.md): a score must be reproducible from a
// rule set and the evidence alone, so these folders may not reach a database, the clock or the disk.
const root = fileURLToPath(new URL('..', import.meta.url));
// The subjects service, its repository and queries (src/core/subjects/*.ts) are the wiring and do
// I/O; the pure parts there are linking/ and the row schemas.
const PURE = [
  'src/core/subjects/linking',
  'src/core/subjects/subjects.schema.ts',
  'src/core/subjects/cybertip.schema.ts',
  'src/core/scoring',
  // The evaluation service and its reads (evaluation.service.ts, *.read.ts) are wiring.
  'src/core/evaluation/metrics.ts',
  'src/core/evaluation/baselines.ts',
  'src/core/evaluation/report.ts',
  'src/core/evaluation/truth-mapping.ts',
  'src/core/evaluation/outcomes.ts',
  'src/core/evaluation/evaluation.types.ts',
  'src/core/evaluation/evaluation.schema.ts',
];
const ALLOWED =
  /^(zod|ipaddr\.js|node:crypto|#shared\/|#core\/(subjects|scoring|evaluation)\/|#core\/intake\/canonical\/|#core\/investigations\/workflow\.js$|#core\/simulation\/truth\.schema\.js$|\.{1,2}\/)/;

function files(dir: string): string[] {
  if (dir.endsWith('.ts')) return [dir];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('pure core', () => {
  it('imports nothing with I/O in linking, scoring and evaluation', () => {
    const offending = PURE.flatMap((folder) => files(join(root, folder))).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)]
        .map((m) => m[1]!)
        .filter((spec) => !ALLOWED.test(spec))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('never reads the clock in linking, scoring and evaluation', () => {
    const offending = PURE.flatMap((folder) => files(join(root, folder))).filter((file) =>
      /Date\.now\(|new Date\(\)|performance\.now\(/.test(readFileSync(file, 'utf8')),
    );
    expect(offending).toEqual([]);
  });

  it('never lets linking or scoring see the simulated truth or the evaluation', () => {
    const scorer = ['src/core/subjects', 'src/core/scoring'];
    const offending = scorer
      .flatMap((folder) => files(join(root, folder)))
      .filter((file) =>
        /from\s+['"][^'"]*(simulation|evaluation)\//.test(readFileSync(file, 'utf8')),
      );
    expect(offending).toEqual([]);
  });
});
