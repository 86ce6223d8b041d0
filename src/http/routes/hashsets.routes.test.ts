import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '#src/app.js';
import {
  createSecurityCore,
  newOrganisation,
  newUser,
  sessionCookie,
  signedInApp,
} from '#test/security.js';
import { createHttpApp } from '#http/app.js';
import { md5Of, media, vics2 } from '#test/hashsets.js';
import { HASHSET_UPLOAD_MAX_BYTES } from './hashsets.routes.js';

type Body = { error?: { code: string; message: string; details?: unknown } } & Record<
  string,
  unknown
>;

describe('hash set routes', () => {
  let core: Core;
  // Every call as a system administrator's UI session (the import is admin-only).
  let sut: Awaited<ReturnType<typeof signedInApp>>;
  beforeAll(async () => {
    core = await createSecurityCore();
    sut = await signedInApp(core);
  });
  afterAll(async () => core.close());

  const upload = (query: string, body: string | Uint8Array | ReadableStream) =>
    sut.request(`/api/hashsets/import?${query}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/octet-stream' },
      // Node's fetch needs half duplex to send a streamed body.
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);

  it('imports a streamed upload over the 1 MiB API limit and lists and gets the set', async () => {
    const many = Array.from({ length: 9000 }, (_, i) =>
      media(`http-${i}`, { Comments: 'x'.repeat(40) }),
    );
    const file = vics2(many);
    expect(file.length).toBeGreaterThan(1024 * 1024);
    const stream = new Blob([file]).stream();
    const res = await upload('name=http-set&fileName=http.json', stream);
    const body = (await res.json()) as Body;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ name: 'http-set', imported: 18000, rejected: 0, version: 1 });

    const list = (await (await sut.request('/api/hashsets')).json()) as {
      items: Array<{ id: string; name: string }>;
    };
    const item = list.items.find((s) => s.name === 'http-set');
    expect(item).toMatchObject({
      kind: 'known',
      activeVersion: 1,
      entryCount: 18000,
      format: 'vics',
      sourceFileName: 'http.json',
    });
    const one = await sut.request(`/api/hashsets/${item!.id}`);
    expect(one.status).toBe(200);
  });

  it('answers 400 for a list that does not say what it holds when no kind is given', async () => {
    const text = `${md5Of('http-kindless')}  a\n`;
    const res = await upload('name=http-kindless&fileName=benign.md5', text);
    expect(res.status).toBe(400);
    const body = (await res.json()) as Body;
    expect(body.error?.details).toEqual([expect.objectContaining({ path: 'kind' })]);
    const list = (await (await sut.request('/api/hashsets')).json()) as {
      items: Array<{ name: string }>;
    };
    expect(list.items.map((s) => s.name)).not.toContain('http-kindless');
    const ok = await upload('name=http-kindless&fileName=benign.md5&kind=benign', text);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ kind: 'benign', imported: 1 });
  });

  it('answers 404 for an unknown set id', async () => {
    const res = await sut.request('/api/hashsets/00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(((await res.json()) as Body).error?.code).toBe('not_found');
    expect((await sut.request('/api/hashsets/not-a-uuid')).status).toBe(404);
  });

  it('answers 400 with the position for a malformed file and for bad parameters', async () => {
    const dup = await upload(
      'name=dup',
      '{"@odata.context":"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Media","value":[{"MD5":"a","MD5":"b"}]}',
    );
    expect(dup.status).toBe(400);
    const body = (await dup.json()) as Body;
    expect(body.error).toMatchObject({
      code: 'validation_failed',
      details: [{ path: '$.value[0].MD5 (byte 121)', reason: 'duplicate key "MD5"' }],
    });
    const bad = await upload('format=xml', 'x');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Body).error?.code).toBe('validation_failed');
  });

  it("answers 413 when the declared upload is over the route's own cap", async () => {
    const res = await sut.request('/api/hashsets/import?name=huge', {
      method: 'POST',
      body: 'x',
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(HASHSET_UPLOAD_MAX_BYTES + 1),
      },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Body).error?.code).toBe('payload_too_large');
  });

  it('answers 415 for imagery, whether raw bytes or a data: field', async () => {
    const jpeg = await upload('name=jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    expect(jpeg.status).toBe(415);
    expect(((await jpeg.json()) as Body).error?.code).toBe('forbidden_content');
    const field = await upload(
      'name=field',
      vics2([media('f', { Thumbnail: 'data:image/png;base64,iVBOR' })]),
    );
    expect(field.status).toBe(415);
  });

  it('matches hashes over POST /api/match and validates the request', async () => {
    await upload('name=match-set&kind=known', `${md5Of('match-me')}  a\n`);
    const res = await sut.request('/api/match', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hashes: [md5Of('match-me'), md5Of('absent')] }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      results: Array<{ status: string; primary: { hashSetName: string } | null }>;
    };
    expect(body.results.map((r) => r.status)).toEqual(['known', 'none']);
    expect(body.results[0]!.primary?.hashSetName).toBe('match-set');

    const bad = await sut.request('/api/match', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hashes: [] }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Body).error?.code).toBe('validation_failed');
  });

  it('shows a VICS US 4 match labelled and marked as no lead', async () => {
    await upload(
      'name=policy-set&fileName=policy.json',
      vics2([media('compare-me', { Category: 4 }), media('abuse-me', { Category: 1 })]),
    );
    const res = await sut.request('/api/match', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hashes: [md5Of('compare-me'), md5Of('abuse-me')] }),
    });
    const body = (await res.json()) as {
      results: Array<{ primary: { categoryLabel: string | null; isLead: boolean } | null }>;
    };
    expect(body.results.map((r) => r.primary)).toMatchObject([
      { categoryLabel: 'Comparison', isLead: false },
      { categoryLabel: 'Child Abuse Material', isLead: true },
    ]);
  });

  it('lets analysts read the category policy; other roles get 404, partners 403', async () => {
    const analyst = await signedInApp(core, ['analyst']);
    const res = await analyst.request('/api/hashsets/category-policy');
    expect(res.status).toBe(200);
    const policy = (await res.json()) as {
      lines: Array<{ scheme: string; code: string; decision: string; text: string }>;
      otherwise: string;
    };
    const notLead = policy.lines.filter((l) => l.decision === 'not_lead').map((l) => l.text);
    expect(notLead).toEqual(
      expect.arrayContaining(['VICS US 0 (Non-Pertinent)', 'VICS US 4 (Comparison)']),
    );
    expect(policy.otherwise).toBe('lead');

    const auditor = await signedInApp(core, ['auditor']);
    expect((await auditor.request('/api/hashsets/category-policy')).status).toBe(404);
    const partner = await newUser(core, (await newOrganisation(core, 'partner')).id, [
      'agency_admin',
    ]);
    const cookie = await sessionCookie(core, partner.id);
    const refused = await createHttpApp(core).request('/api/hashsets/category-policy', {
      headers: { cookie },
    });
    expect(refused.status).toBe(403);
  });
});
