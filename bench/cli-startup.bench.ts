import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './run.js';

const RUNS = 7;
const BIN = fileURLToPath(new URL('../bin/vigil.js', import.meta.url));

/** Median wall time of a fresh `node …` process, in ms. */
function medianMs(args: string[], env: Record<string, string> = {}): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const child = spawnSync(process.execPath, args, {
      stdio: 'ignore',
      env: { ...process.env, ...env },
    });
    times.push(performance.now() - t0);
    if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited ${child.status}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

/**
 * Start-up of commands that need no database (`vigil --help`, `vigil totp`), against a bare
 * `node -e ''` in the same process: the goal is under 0.5 s on the reference machine.
 */
export async function run(): Promise<BenchResult> {
  const bare = medianMs(['-e', '']);
  const row = (name: string, args: string[], env: Record<string, string> = {}) => {
    const ms = medianMs(args, env);
    return { case: name, 'median ms': ms.toFixed(0), 'ratio to baseline': (ms / bare).toFixed(1) };
  };
  return {
    suite: 'Start-up: commands without a database',
    rows: [
      { case: "node -e '' (baseline)", 'median ms': bare.toFixed(0) },
      row('vigil --help', [BIN, '--help']),
      row('vigil --version', [BIN, '--version']),
      row('vigil totp SECRET', [BIN, 'totp', 'JBSWY3DPEHPK3PXP']),
      row('vigil --help from the sources (tsx)', [BIN, '--help'], { VIGIL_FROM_SOURCE: '1' }),
    ],
    notes: [
      `${RUNS} runs each; median wall time of a fresh process. \`vigil\` runs build/ (\`npm run build:cli\`, made by \`npm install\`) while it is newer than src/; VIGIL_FROM_SOURCE=1 forces the tsx path that a stale build/ falls back to.`,
    ],
  };
}
