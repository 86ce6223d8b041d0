import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#test/clock.js';
import { CLI, createSecurityCore, newOrganisation, newUser } from '#test/security.js';
import { CHECKPOINT_JOB } from './audit-checkpoints.service.js';
import { generateSigningKey, verifyCheckpointExport } from './checkpoint.js';

// Issue 14 item 6: verification and checkpoints are audited; checkpoints are signed on a schedule
// by a job and exported with the public key, which alone suffices to check them.
describe('audited verification and scheduled, exportable checkpoints', () => {
  const clock = fixedClock('2026-05-04T10:15:00Z');
  const key = generateSigningKey();
  let core: Awaited<ReturnType<typeof createSecurityCore>>;
  beforeAll(async () => {
    core = await createSecurityCore({
      clock,
      security: { auditSigningKeyPem: key.privatePem, auditCheckpointMinutes: 60 },
    });
    await newUser(core, (await newOrganisation(core)).id, ['analyst']);
  });
  afterAll(async () => core.close());

  const lastRow = () =>
    core.handle.db
      .selectFrom('auditLog')
      .select(['action', 'outcome', 'entry'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();

  it('audits a verification by the CLI operator', async () => {
    const result = await core.auditCheckpoints.verify(CLI);
    expect(result).toMatchObject({ ok: true });
    const row = await lastRow();
    expect(row).toMatchObject({ action: 'audit.verify', outcome: 'success' });
    expect(JSON.parse(row.entry)).toMatchObject({
      source: 'cli',
      actor: { kind: 'system', id: 'test' },
      details: { size: result.size },
    });
  });

  it('signs checkpoints on a schedule through the job, each audited, and exports them', async () => {
    expect(await core.auditCheckpoints.scheduleNext(true)).toBe(true);
    const worker = core.createWorker(10);
    expect(await worker.runOnce()).toBe(true);
    expect((await lastRow()).action).toBe('audit.checkpoint');
    // The next run waits for the next hour.
    const next = await core.handle.db
      .selectFrom('job')
      .select(['runAt', 'status'])
      .where('name', '=', CHECKPOINT_JOB)
      .where('status', '=', 'queued')
      .executeTakeFirstOrThrow();
    expect(next.runAt.toISOString()).toBe('2026-05-04T11:00:00.000Z');
    expect(await worker.runOnce()).toBe(false);
    await newUser(core, (await newOrganisation(core)).id, ['analyst']);
    clock.advance(46 * 60_000);
    expect(await worker.runOnce()).toBe(true);

    const exported = await core.auditCheckpoints.exportCheckpoints(CLI);
    expect(exported.checkpoints).toHaveLength(2);
    expect(exported.publicKeys).toEqual([key.publicPem]);
    const checked = verifyCheckpointExport(JSON.stringify(exported), key.publicPem);
    expect(checked.count).toBe(2);
    expect(checked.latest!.treeSize).toBeGreaterThan(exported.checkpoints[0]!.checkpoint.treeSize);
    // The second checkpoint covers the first one's audit row and the accounts created since.
    const head = await core.verifyAudit();
    expect(head.ok && head.size).toBeGreaterThan(checked.latest!.treeSize);

    // Checked with the public key alone: another key, or an edited export, fails.
    expect(() =>
      verifyCheckpointExport(JSON.stringify(exported), generateSigningKey().publicPem),
    ).toThrow(/signature/);
    const edited = structuredClone(exported);
    edited.checkpoints[1]!.checkpoint.treeSize = 1;
    expect(() => verifyCheckpointExport(JSON.stringify(edited), key.publicPem)).toThrow(
      /Checkpoint 2/,
    );
  });

  it('does not schedule without a signing key', async () => {
    const bare = await createSecurityCore({ clock });
    try {
      expect(await bare.auditCheckpoints.scheduleNext(true)).toBe(false);
      await expect(bare.auditCheckpoints.checkpoint(CLI)).rejects.toThrow(/signing key/);
    } finally {
      await bare.close();
    }
  });
});
