import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '#src/app.js';
import { fixedClock } from '#test/clock.js';
import { testEngine } from '#test/db.js';
import { createSecurityCore, signedInApp } from '#test/security.js';
import { importRows, p2pRow } from '#test/subject-world.js';
import { createHttpApp } from '../app.js';

const STUCK_MS = 10 * 60_000;

/** A promise and the function that settles it. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  const settle: { resolve?: () => void } = {};
  const promise = new Promise<void>((r) => {
    settle.resolve = r;
  });
  return { promise, resolve: () => settle.resolve?.() };
}

describe('GET /api/health and GET /api/metrics', () => {
  const clock = fixedClock('2026-06-01T12:00:00Z');
  let core: Core;
  let app: ReturnType<typeof createHttpApp>;
  beforeAll(async () => {
    core = await createSecurityCore({ clock, stuckAfterMs: STUCK_MS });
    app = createHttpApp(core);
  }, 60_000);
  afterAll(async () => core.close());

  const health = async () => {
    const res = await app.request('/api/health');
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('is green with the audit appendable, jobs moving and no worker in this process', async () => {
    expect(await health()).toMatchObject({
      status: 200,
      body: { status: 'ok', checks: { audit: 'ok', jobs: 'ok', worker: 'absent' }, problems: [] },
    });
  });

  it('turns red (503, jobs stuck) when a due job has waited past the threshold', async () => {
    const runAt = new Date(clock.now().getTime() - STUCK_MS - 60_000);
    await core.handle.db
      .insertInto('job')
      .values({ name: 'test.waiting', payload: '{}', runAt })
      .execute();
    try {
      const { status, body } = await health();
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: 'degraded', checks: { jobs: 'stuck', audit: 'ok' } });
      expect((body.problems as string[]).join()).toMatch(/jobs: a due job has waited 660 s/);
    } finally {
      await core.handle.db.deleteFrom('job').where('name', '=', 'test.waiting').execute();
    }
  });

  it('turns red (503, worker stuck) when the worker has not polled within the threshold', async () => {
    const worker = core.createWorker(60_000);
    worker.start();
    try {
      expect((await health()).body).toMatchObject({ checks: { worker: 'ok' } });
      clock.advance(STUCK_MS + 1000);
      const { status, body } = await health();
      expect(status).toBe(503);
      expect(body).toMatchObject({ checks: { worker: 'stuck' } });
    } finally {
      await worker.stop();
    }
    expect((await health()).status).toBe(200);
  });

  it.runIf(testEngine() === 'pg')(
    'turns red (503, audit stuck) while a transaction holds the audit chain lock',
    async () => {
      const held = signal();
      const isLocked = signal();
      const holder = core.handle.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(7388452)`.execute(trx);
        isLocked.resolve();
        await held.promise;
      });
      await isLocked.promise;
      try {
        const { status, body } = await health();
        expect(status).toBe(503);
        expect(body).toMatchObject({ checks: { audit: 'stuck' } });
      } finally {
        held.resolve();
        await holder;
      }
    },
  );

  it('serves Prometheus metrics to a system administrator only', async () => {
    expect((await app.request('/api/metrics')).status).toBe(401);
    const analyst = await signedInApp(core, ['analyst']);
    expect((await analyst.request('/api/metrics')).status).toBe(404);

    await importRows(core, [
      p2pRow('2015-03-02T10:00:00Z', '24.114.1.1', 'a', '1'),
      p2pRow('2015-03-02T11:00:00Z', '24.114.1.2', 'b', '2'),
    ]);
    const worker = core.createWorker(60_000);
    while (await worker.runOnce());

    const admin = await signedInApp(core, ['system_admin']);
    await admin.request('/api/health');
    await admin.request('/api/users/00000000-0000-4000-8000-000000000000');
    const res = await admin.request('/api/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(
      /vigil_http_requests_total\{method="GET",route="\/api\/health",status="200"\} \d+/,
    );
    // The route template, never the concrete identifier.
    expect(text).toContain('route="/api/users/{id}",status="404"');
    expect(text).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(text).toContain(
      'vigil_http_requests_total{method="GET",route="/api/metrics",status="404"} 1',
    );
    expect(text).toContain('vigil_ingest_rows_total{outcome="accepted"} 2');
    expect(text).toMatch(/vigil_rescore_duration_seconds_count\{outcome="done"\} [1-9]/);
    expect(text).toContain('vigil_job_queue_depth{status="queued"} 0');
    expect(text).toMatch(/vigil_job_oldest_ready_age_seconds 0/);
    expect(text).toMatch(/vigil_audit_entries [1-9]\d*/);
    expect(text).toMatch(/vigil_audit_last_entry_age_seconds \d/);
    expect(text).toContain('vigil_audit_appendable 1');
  }, 60_000);
});
