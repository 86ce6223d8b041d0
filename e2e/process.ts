import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/vigil.js', import.meta.url));

export type Proc = {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
};

/** Starts `node bin/vigil.js …` as a real process, collecting its stdout and stderr. */
export function vigil(args: string[], env: Record<string, string | undefined> = {}): Proc {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, VIGIL_LOG_LEVEL: 'info', ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Waits until the process prints its URL, or fails with what it printed. */
export async function waitForUrl(proc: Proc, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /running at (http:\/\/[^\s/]+)/.exec(proc.output());
    if (match) return match[1]!;
    if (proc.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no URL printed; output:\n${proc.output()}`);
}

/** Runs a command to completion. */
export async function run(args: string[], env: Record<string, string | undefined> = {}) {
  const proc = vigil(args, env);
  const code = await proc.exited;
  return { code, output: proc.output() };
}
