import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'vigil-e2e-intake-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A synthetic log: 40,000 observations, every 500th row broken. */
function writeLog(path: string): void {
  const lines = ['observed_at,network,ip,port,hash_type,hash,evidence_kind,observer'];
  for (let i = 0; i < 40_000; i++) {
    const t = new Date(Date.UTC(2020, 0, 1) + i * 1000).toISOString();
    const ip = `142.51.${(i >> 8) & 255}.${i & 255}`;
    const hash = ((i * 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(4);
    lines.push(
      i % 500 === 7
        ? `${t},gnutella,${ip},0,md5,${hash},query_hit,e2e`
        : `${t},gnutella,${ip},${1024 + (i % 60000)},md5,${hash},query_hit,e2e`,
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

function ingest(
  dataDir: string,
  file: string,
  killAfterRows?: number,
): Promise<{ code: number | null; signal: string | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      'node',
      ['bin/vigil.js', 'ingest', file, '--json', '--progress', '--data-dir', dataDir],
      {
        env: { ...process.env, DATABASE_URL: '', VIGIL_LOG_LEVEL: 'silent' },
      },
    );
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      const rows = [...d.toString().matchAll(/: (\d+) rows/g)].map((m) => Number(m[1]));
      if (killAfterRows !== undefined && rows.some((n) => n >= killAfterRows)) {
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => resolve({ code, signal, stdout }));
  });
}

async function snapshot(dataDir: string) {
  const db = await PGlite.create({ dataDir });
  try {
    const obs = await db.query<Record<string, unknown>>(
      `select id, observed_at, ip, port, hash, source_file, source_line, agency_code, unassigned_reason from observation order by id`,
    );
    const quarantine = await db.query(
      `select file_sha256, line, field, reason, raw from quarantine order by line`,
    );
    const journal = await db.query<{ status: string; rows_done: number }>(
      `select status, rows_done from import_journal`,
    );
    return { observations: obs.rows, quarantine: quarantine.rows, journal: journal.rows };
  } finally {
    await db.close();
  }
}

describe('vigil ingest, killed with SIGKILL midway', () => {
  it('resumes and ends with the same database content as an uninterrupted import', async () => {
    const log = join(dir, 'big.csv');
    writeLog(log);
    const killed = await ingest(join(dir, 'a'), log, 3000);
    expect(killed.signal).toBe('SIGKILL');
    const partial = await snapshot(join(dir, 'a'));
    expect(partial.journal).toEqual([{ status: 'running', rows_done: expect.any(Number) }]);
    expect(partial.observations.length).toBeGreaterThan(0);
    expect(partial.observations.length).toBeLessThan(39_920);

    const resumed = await ingest(join(dir, 'a'), log);
    expect(resumed.code).toBe(2);
    expect(JSON.parse(resumed.stdout).files[0]).toMatchObject({ resumed: true, rejected: 80 });
    const whole = await ingest(join(dir, 'b'), log);
    expect(JSON.parse(whole.stdout)).toMatchObject({
      accepted: 39_920,
      rejected: 80,
      duplicates: 0,
    });

    const a = await snapshot(join(dir, 'a'));
    const b = await snapshot(join(dir, 'b'));
    expect(a.observations).toHaveLength(39_920);
    expect(a.observations).toEqual(b.observations);
    expect(a.quarantine).toEqual(b.quarantine);
    expect(a.journal).toEqual([{ status: 'done', rows_done: 40_000 }]);
  }, 420_000); // three CLI runs with PGlite start-up: slow on a loaded 2-core machine
});
