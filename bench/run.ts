/**
 * `npm run bench [-- name…]`: runs the benchmark suites (bench/*.bench.ts), each comparing Vigil's
 * code with a baseline measured in the same process, and prints a Markdown table per suite to
 * paste into docs/BENCHMARKS.md. Never part of `npm test`.
 */
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export type BenchResult = {
  suite: string;
  rows: Array<Record<string, string | number>>;
  notes?: string[];
};

const dir = new URL('./', import.meta.url);
const wanted = process.argv.slice(2);
const suites = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

console.log(
  `# Vigil benchmarks\n\nNode ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB, ${new Date().toISOString()}\n`,
);
for (const file of suites) {
  const mod = (await import(new URL(file, dir).href)) as { run: () => Promise<BenchResult> };
  const result = await mod.run();
  console.log(`## ${result.suite}\n`);
  console.log(toMarkdown(result.rows));
  for (const note of result.notes ?? []) console.log(`\n${note}`);
  console.log('');
}

// A function declaration, not a const: the loop above runs (top-level await) before a const here
// would be initialised.
function line(cells: Array<string | number>): string {
  return `| ${cells.join(' | ')} |`;
}

function toMarkdown(rows: BenchResult['rows']): string {
  if (rows.length === 0) return '(no rows)';
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [
    line(cols),
    line(cols.map(() => '---')),
    ...rows.map((r) => line(cols.map((c) => r[c] ?? ''))),
  ].join('\n');
}
