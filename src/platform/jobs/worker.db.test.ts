import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '#test/db.js';
import { fixedClock } from '#test/clock.js';
import type { DatabaseHandle } from '../db/client.js';
import { silentLogger } from '../logger.js';
import type { JobHandlers } from './job.types.js';
import { JobQueue } from './queue.js';
import { backoffMs, JobWorker } from './worker.js';

describe(JobWorker.name, () => {
  let handle: DatabaseHandle;
  const clock = fixedClock('2026-01-01T00:00:00Z');
  const seen: string[] = [];
  let failuresLeft = 0;
  const handlers: JobHandlers = {
    'test.record': {
      payload: z.object({ value: z.string() }),
      handle: async (p: { value: string }) => {
        if (failuresLeft > 0) {
          failuresLeft--;
          throw new Error('transient');
        }
        seen.push(p.value);
      },
    },
  };
  let queue: JobQueue;
  let sut: JobWorker;

  beforeAll(async () => {
    handle = await createTestDatabase();
    queue = new JobQueue(handle.db, clock);
    sut = new JobWorker({ db: handle.db, handlers, clock, logger: silentLogger, pollMs: 10 });
  });
  afterAll(async () => handle.close());

  const statusOf = async (id: string) =>
    handle.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('runs a queued job once and marks it done', async () => {
    const { id } = await queue.enqueue('test.record', { value: 'a' });
    expect(await sut.runOnce()).toBe(true);
    expect(await sut.runOnce()).toBe(false);
    expect(seen).toContain('a');
    expect((await statusOf(id)).status).toBe('done');
  });

  it('does not run a job before its time', async () => {
    const { id } = await queue.enqueue(
      'test.record',
      { value: 'later' },
      { runAt: new Date(clock.now().getTime() + 60_000) },
    );
    expect(await sut.runOnce()).toBe(false);
    clock.advance(60_000);
    expect(await sut.runOnce()).toBe(true);
    expect((await statusOf(id)).status).toBe('done');
  });

  it('retries with backoff and keeps the last error', async () => {
    failuresLeft = 1;
    const { id } = await queue.enqueue('test.record', { value: 'retry' });
    await sut.runOnce();
    const failed = await statusOf(id);
    expect(failed).toMatchObject({ status: 'queued', attempts: 1, lastError: 'transient' });
    expect(failed.runAt.getTime()).toBe(clock.now().getTime() + backoffMs(1));
    expect(await sut.runOnce()).toBe(false);
    clock.advance(backoffMs(1));
    await sut.runOnce();
    expect(await statusOf(id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('fails a job for good after its last attempt', async () => {
    failuresLeft = 5;
    const { id } = await queue.enqueue('test.record', { value: 'x' }, { maxAttempts: 2 });
    await sut.runOnce();
    clock.advance(backoffMs(1));
    await sut.runOnce();
    expect(await statusOf(id)).toMatchObject({ status: 'failed', attempts: 2 });
    failuresLeft = 0;
  });

  it('fails unknown jobs and invalid payloads without running anything', async () => {
    const unknown = await queue.enqueue('test.nothing', {});
    const invalid = await queue.enqueue('test.record', { value: 42 });
    await sut.runOnce();
    await sut.runOnce();
    expect((await statusOf(unknown.id)).lastError).toMatch(/no handler/);
    expect((await statusOf(invalid.id)).lastError).toMatch(/invalid payload/);
  });

  it('takes back a job whose worker died holding the lease', async () => {
    const { id } = await queue.enqueue('test.record', { value: 'orphan' });
    await handle.db
      .updateTable('job')
      .set({ status: 'running', leasedUntil: clock.now(), lockedBy: 'dead', attempts: 1 })
      .where('id', '=', id)
      .execute();
    clock.advance(1);
    expect(await sut.runOnce()).toBe(true);
    expect(await statusOf(id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('keeps one unfinished job per dedupe key', async () => {
    const first = await queue.enqueue('test.record', { value: 'd' }, { dedupeKey: 'k1' });
    const second = await queue.enqueue('test.record', { value: 'd' }, { dedupeKey: 'k1' });
    expect(second).toEqual({ id: first.id, isDuplicate: true });
    await sut.runOnce();
    const third = await queue.enqueue('test.record', { value: 'd' }, { dedupeKey: 'k1' });
    expect(third.isDuplicate).toBe(false);
    await sut.runOnce();
  });

  it('never gives one job to two workers at once', async () => {
    const other = new JobWorker({
      db: handle.db,
      handlers,
      clock,
      logger: silentLogger,
      pollMs: 10,
    });
    for (let i = 0; i < 6; i++) await queue.enqueue('test.record', { value: `p${i}` });
    const before = seen.length;
    const runs = await Promise.all([
      sut.runOnce(),
      other.runOnce(),
      sut.runOnce(),
      other.runOnce(),
    ]);
    expect(runs.every(Boolean)).toBe(true);
    while (await sut.runOnce());
    const values = seen.slice(before);
    expect(values.sort()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5']);
  });
});
