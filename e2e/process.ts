import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * Waits until the process prints its URL, or fails with what it printed. The default allows for a
 * first start (migrations on a fresh PGlite) on a loaded 2-core machine.
 */
export async function waitForUrl(proc: Proc, timeoutMs = 120_000): Promise<string> {
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

/**
 * A throw-away field-encryption key (32 random bytes, hex, mode 0600) in a temporary directory of
 * its own, as the environment that names it: `vigil serve` refuses to start without one outside
 * demo mode.
 */
export function testKeyEnv(): { VIGIL_ENCRYPTION_KEY_FILE: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'vigil-e2e-key-')), 'encryption.key');
  writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  return { VIGIL_ENCRYPTION_KEY_FILE: file };
}
