import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#core/access/actor.js';
import { scanFile } from '#core/intake/file-source.js';
import type { Core } from '#src/app.js';
import { createSecurityCore, signedInApp } from '#test/security.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Page = { total: number; items: Array<{ subjectKey: string; score: number; rank: number }> };

// Two sightings of one GUID from two addresses: one subject of two observations.
const CSV = [
  'observed_at,network,ip,port,client_id,client_name,hash_type,hash,file_name,file_size,evidence_kind,observer',
  `2015-03-01T10:00:00Z,gnutella,24.114.10.1,6346,${'a'.repeat(32)},Shareaza,sha1,${'1'.repeat(40)},a.jpg,100,download_verified,probe-1`,
  `2015-03-02T10:00:00Z,gnutella,24.114.10.2,6346,${'a'.repeat(32)},Shareaza,sha1,${'2'.repeat(40)},b.jpg,100,query_hit,probe-1`,
].join('\n');

describe('subjects routes', () => {
  let core: Core;
  let sut: Awaited<ReturnType<typeof signedInApp>>;
  let dir: string;
  beforeAll(async () => {
    core = await createSecurityCore();
    dir = mkdtempSync(join(tmpdir(), 'vigil-subject-routes-'));
    const path = join(dir, 'obs.csv');
    writeFileSync(path, CSV);
    const scan = await scanFile(path);
    await core.intake.importFile({
      fileName: 'obs.csv',
      format: 'p2p-csv',
      sourceSha256: scan.sha256,
      open: scan.open,
      mode: 'resumable',
    });
    await core.subjects.relinkAndScore(systemContext('cli', 'test'));
    // A system administrator sees every agency's subjects (agency scope: subject-decisions tests).
    sut = await signedInApp(core, ['system_admin']);
  });
  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GET /api/queue ranks the subjects', async () => {
    const res = await sut.request('/api/queue?limit=10');
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page;
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ rank: 1, isAssessment: true, ruleSetVersion: 2 });
  });

  it('GET /api/queue rejects a bad limit or agency with 400', async () => {
    expect((await sut.request('/api/queue?limit=0')).status).toBe(400);
    expect((await sut.request('/api/queue?limit=abc')).status).toBe(400);
    expect((await sut.request('/api/queue?agency=%20bad%20')).status).toBe(400);
    expect((await sut.request('/api/queue?flag=Not%20a%20flag')).status).toBe(400);
  });

  const total = async (q: string) =>
    ((await (await sut.request(`/api/queue?${q}`)).json()) as Page).total;
  it('GET /api/queue filters by municipality and attribution flag', async () => {
    expect(await total('municipality=toronto')).toBe(1);
    expect(await total('municipality=Kenora')).toBe(0);
    expect(await total('flag=tor')).toBe(0);
  });

  it('GET /api/subjects/{id} shows the subject, 404 for an unknown key, 400 for a malformed one', async () => {
    const page = (await (await sut.request('/api/queue')).json()) as Page;
    const key = page.items[0]!.subjectKey;
    const res = await sut.request(`/api/subjects/${key}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      counts: { observations: number };
      timeline: Array<{ observationId: string }>;
      links: Array<{ rule: string }>;
    };
    expect(body.counts.observations).toBe(2);
    expect(body.timeline).toHaveLength(2);
    expect(body.links.map((l) => l.rule)).toEqual(['client_id']);
    expect((await sut.request('/api/subjects/sub_00000000000000000000')).status).toBe(404);
    expect((await sut.request('/api/subjects/not-a-key')).status).toBe(404);
    expect((await sut.request('/api/subjects/not.a%20key')).status).toBe(400);
    expect((await sut.request(`/api/subjects/${'x'.repeat(65)}`)).status).toBe(400);
  });

  it('POST /api/subjects/rescore enqueues one run (a second request reuses it)', async () => {
    const first = await sut.request('/api/subjects/rescore', { method: 'POST' });
    expect(first.status).toBe(202);
    const a = (await first.json()) as { jobId: string };
    const second = (await (
      await sut.request('/api/subjects/rescore', { method: 'POST' })
    ).json()) as { jobId: string; isDuplicate: boolean };
    expect(second).toEqual({ jobId: a.jobId, isDuplicate: true });
    // The worker runs it: the job finishes and its run is audited as the job's.
    expect(await core.createWorker(1000).runOnce()).toBe(true);
    const job = await core.handle.db
      .selectFrom('job')
      .select('status')
      .where('id', '=', a.jobId)
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
    const rows = await core.handle.db
      .selectFrom('auditLog')
      .select('entry')
      .where('action', '=', 'subject.rescore')
      .execute();
    expect(rows.some((r) => (JSON.parse(r.entry) as { source: string }).source === 'job')).toBe(
      true,
    );
  });

  it('is refused (404) to a role outside intake', async () => {
    const auditor = await signedInApp(core, ['auditor']);
    expect((await auditor.request('/api/queue')).status).toBe(404);
  });
});
