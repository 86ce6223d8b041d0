import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '#src/app.js';
import { fixedClock } from '#test/clock.js';
import { createTestCore } from '#test/core.js';
import { signedInApp } from '#test/security.js';

const CSV = readFileSync('test/fixtures/intake/dirty.csv');
const REPORT = readFileSync(
  'test/fixtures/cybertipline-tools/buildReport__should-build-a-report-with-all-fields-and-multiple-incident-types-1.xml',
);

describe('intake routes', () => {
  let core: Core;
  let sut: Awaited<ReturnType<typeof signedInApp>>;
  beforeAll(async () => {
    core = await createTestCore({
      clock: fixedClock('2026-01-01T00:00:00Z'),
      maxUploadBytes: 64 * 1024,
    });
    sut = await signedInApp(core);
  });
  afterAll(async () => core.close());

  const upload = (
    body: Buffer | ReadableStream<Uint8Array>,
    key: string | null,
    query = 'format=p2p-csv&name=dirty.csv',
  ) =>
    sut.request(`/api/intake/imports?${query}`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/octet-stream',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      duplex: 'half',
    } as RequestInit);

  it('requires an Idempotency-Key (400)', async () => {
    const res = await upload(CSV, null);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'validation_failed',
    );
  });

  it('imports a streamed upload, then replays the stored result for the same key and body', async () => {
    const res = await upload(CSV, 'key-1');
    expect(res.status).toBe(201);
    const first = (await res.json()) as { accepted: number; duplicates: number; rejected: number };
    // Another test may have imported the same rows first (tests may run shuffled).
    expect(first.accepted + first.duplicates).toBe(14);
    expect(first.rejected).toBe(21);
    const again = await upload(CSV, 'key-1');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(first);
  });

  it('answers 422 for the same key with a different body', async () => {
    expect((await upload(CSV, 'key-422')).status).toBe(201);
    const res = await upload(Buffer.concat([CSV, Buffer.from('\n')]), 'key-422');
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'idempotency_key_mismatch',
    );
  });

  // On the embedded database the upload is spooled before its transaction opens, so the second
  // request (whose sign-in check needs the single connection) is not held up by the slow body.
  it('answers 409 while the same key is in flight', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new Uint8Array(CSV.subarray(0, 200)));
        await gate;
        controller.enqueue(new Uint8Array(CSV.subarray(200)));
        controller.close();
      },
    });
    const first = upload(slow, 'key-slow');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await upload(CSV, 'key-slow');
    expect(second.status).toBe(409);
    release();
    expect((await first).status).toBe(201);
  });

  it('refuses imagery with 415 and nothing stored, and a body over the cap with 413', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]);
    const res = await upload(jpeg, 'key-jpeg');
    expect(res.status).toBe(415);
    const retry = await upload(jpeg, 'key-jpeg');
    expect(retry.status).toBe(415);
    const big = await upload(Buffer.alloc(70 * 1024, 0x41), 'key-big');
    expect(big.status).toBe(413);
  });

  it('refuses a DOCTYPE report whole (quarantined) and imports a CyberTipline report', async () => {
    const bomb = Buffer.from(
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><report>&b;</report>',
    );
    const res = await upload(bomb, 'key-xml-1', 'format=cybertip&name=bomb.xml');
    expect(await res.json()).toMatchObject({ accepted: 0, rejected: 1 });
    const ok = await upload(REPORT, 'key-xml-2', 'format=cybertip&name=report.xml');
    expect(await ok.json()).toMatchObject({ accepted: 1, rejected: 0 });
    const list = await sut.request('/api/intake/quarantine?limit=5');
    const rows = (await list.json()) as Array<{ fileName: string; reason: string }>;
    expect(rows.find((r) => r.fileName === 'bomb.xml')!.reason).toMatch(/DOCTYPE/);
  });

  it('exports quarantine as CSV with formula prefixes escaped', async () => {
    await upload(
      Buffer.from(`${CSV.toString().split('\n')[0]}\n=HYPERLINK("http://x"),gnutella\n`),
      'key-formula',
      'format=p2p-csv&name=formula.csv',
    );
    const res = await sut.request(
      '/api/intake/quarantine/export?limit=100&reason=fixing%20formula%20rows',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await res.text();
    expect(text).toContain(`"'=HYPERLINK(""http://x""),gnutella"`);
  });

  it('attributes an IP posted in the body and shows the DB-IP notice', async () => {
    const res = await sut.request('/api/attribution/lookup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ip: '142.51.1.1', at: '2020-01-01T00:00:00Z' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      agencyCode: 'ON-GSPS',
      dataAttribution: expect.stringMatching(/DB-IP/),
    });
    const bad = await sut.request('/api/attribution/lookup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ip: '010.1.1.1', at: '2020-01-01T00:00:00Z' }),
    });
    expect(bad.status).toBe(400);
  });

  it('edits jurisdiction rules', async () => {
    const put = await sut.request('/api/jurisdiction/rules', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        countryCode: 'CA',
        region: 'Quebec',
        agencyCode: 'QC-SQ',
        note: 'Sûreté du Québec',
      }),
    });
    expect(await put.json()).toMatchObject({
      region: 'quebec',
      municipality: '',
      agencyCode: 'QC-SQ',
    });
    const rules = (await (await sut.request('/api/jurisdiction/rules')).json()) as Array<{
      agencyCode: string;
    }>;
    expect(rules.some((r) => r.agencyCode === 'ON-GSPS')).toBe(true);
    const remove = (body: object) =>
      sut.request('/api/jurisdiction/rules/remove', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await remove({ countryCode: 'CA', region: 'Quebec' })).status).toBe(204);
    expect((await remove({ countryCode: 'CA', region: 'Quebec' })).status).toBe(404);
  });
});

describe('intake upload with a column mapping', () => {
  it('imports a tool export through ?map=', async () => {
    const core = await createTestCore({ clock: fixedClock('2026-01-01T00:00:00Z') });
    try {
      const sut = await signedInApp(core);
      const csv =
        'When,Net,Peer,Port,Kind,Digest,Evidence,Station,Notes\n2015-03-02T14:05:11Z,gnutella,142.51.1.1,6346,md5,900150983cd24fb0d6963f7d28e17f72,query_hit,s-1,free text\n';
      const map = encodeURIComponent(
        'When=observed_at,Net=network,Peer=ip,Port=port,Kind=hash_type,Digest=hash,Evidence=evidence_kind,Station=observer,Notes=',
      );
      const res = await sut.request(`/api/intake/imports?format=p2p-csv&name=tool.csv&map=${map}`, {
        method: 'POST',
        body: csv,
        headers: { 'content-type': 'application/octet-stream', 'idempotency-key': 'map-1' },
      });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ accepted: 1, rejected: 0 });
    } finally {
      await core.close();
    }
  });
});
