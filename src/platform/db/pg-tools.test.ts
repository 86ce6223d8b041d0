import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeFor, EXIT_BAD_INPUT } from '#cli/exit-codes.js';
import { ConfigError } from '#shared/errors.js';
import { connectionFor, runPgTool } from './pg-tools.js';

describe(runPgTool.name, () => {
  it('says clearly that pg_dump is missing, as a configuration error (exit 2)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'vigil-no-pg-'));
    const failure = runPgTool({ binDir: empty, env: {} }, 'pg_dump', ['--version']);
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/pg_dump was not found in .*postgresql-client/);
    expect(exitCodeFor(await failure.catch((e: unknown) => e))).toBe(EXIT_BAD_INPUT);
  });

  it('keeps the password out of the command line', () => {
    expect(
      connectionFor('postgres://vigil:s%40cret@db.example:5432/vigil?sslmode=verify-full'),
    ).toEqual({
      dbname: 'postgres://vigil@db.example:5432/vigil?sslmode=verify-full',
      password: 's@cret',
    });
  });
});
