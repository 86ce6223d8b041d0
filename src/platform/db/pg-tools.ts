import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, UnavailableError } from '#shared/errors.js';

/** Where PostgreSQL's client programs are, and the environment they run in. */
export type PgTools = {
  /** Directory of pg_dump and pg_restore; absent = found on PATH (Debian: postgresql-client). */
  binDir?: string;
  /** The environment the programs inherit (PATH, PG* variables), passed in by the shell. */
  env: Record<string, string | undefined>;
};

/**
 * The connection for a client program: the URL without its password (which would be visible in
 * the process list) and the password in PGPASSWORD instead.
 */
export function connectionFor(url: string): { dbname: string; password?: string } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { dbname: u.toString(), ...(password !== undefined ? { password } : {}) };
}

/**
 * Runs pg_dump or pg_restore to completion: `input` goes to its stdin, its stdout is returned.
 * A missing program is a ConfigError naming the package to install; a failure carries its stderr.
 */
export function runPgTool(
  tools: PgTools,
  program: 'pg_dump' | 'pg_restore',
  args: string[],
  options: { password?: string; input?: Buffer } = {},
): Promise<Buffer> {
  const command = tools.binDir ? join(tools.binDir, program) : program;
  return new Promise((resolve, reject) => {
    const env = {
      ...tools.env,
      ...(options.password !== undefined ? { PGPASSWORD: options.password } : {}),
    };
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdin.on('error', () => undefined); // an early exit closes stdin; the exit code tells why
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new ConfigError(
              `${program} was not found${tools.binDir ? ` in ${tools.binDir}` : ' on PATH'}: install PostgreSQL's client programs (Debian: apt-get install postgresql-client, the same major version as the server or newer) or set VIGIL_PG_BIN_DIR`,
              [{ path: 'VIGIL_PG_BIN_DIR', reason: `${program} missing` }],
              { cause: error },
            )
          : new UnavailableError(`${program} could not be started: ${error.message}`, undefined, {
              cause: error,
            }),
      );
    });
    child.on('close', (code) => {
      if (code === 0) {
        resolve(Buffer.concat(out));
      } else {
        reject(
          new UnavailableError(`${program} failed (exit ${code}): ${err.trim().slice(0, 2000)}`),
        );
      }
    });
    child.stdin.end(options.input ?? Buffer.alloc(0));
  });
}
