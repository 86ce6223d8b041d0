import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '#core/access/roles.js';
import { createAesGcmCipher } from '#platform/crypto/aes-gcm-cipher.js';
import type { Core } from '#src/app.js';
import { createHttpApp } from '#http/app.js';
import { fixedClock } from './clock.js';
import {
  createSecurityCore,
  jsonHeaders,
  newOrganisation,
  newUser,
  sessionCookie,
} from './security.js';

export const SUBJECT = 'sub_00000000000000005ca1';
export const IP = '142.51.17.9';
export const OBSERVED = '2026-03-14T18:30:05Z';
/** Synthetic personal data that must never leave through a view outside its field scope. */
export const CANARY_NAME = 'Canary Subscriber Qvxz';
export const CANARY_NOTE = 'Canary note Wpjk about the accused';
export const JUSTIFICATION = {
  caseReference: 'C-2026-0001',
  purpose: 'investigation',
  text: 'Production order PO-17 served on the ISP',
};
export const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** The text a PDF shows (pdfkit writes hex strings in TJ arrays, split at kerning pairs). */
export const pdfText = (pdf: Buffer) =>
  [...pdf.toString('latin1').matchAll(/\[(.*?)\] TJ/g)]
    .map((m) =>
      [...m[1]!.matchAll(/<([0-9a-f]+)>/g)]
        .map((h) => Buffer.from(h[1]!, 'hex').toString('latin1'))
        .join(''),
    )
    .join(' ')
    .replace(/\s+/g, ' ');

// oxlint-disable-next-line typescript/no-explicit-any -- the tests read JSON bodies loosely
type Body = Record<string, any>;
export type Reply = { status: number; text: string; body: Body };

const PEOPLE = [
  ['aInvestigator', 'a', 'investigator'],
  ['aSupervisor', 'a', 'supervisor'],
  ['aAdmin', 'a', 'agency_admin'],
  ['bInvestigator', 'b', 'investigator'],
  ['bSupervisor', 'b', 'supervisor'],
  ['bSupervisor2', 'b', 'supervisor'],
  ['cSupervisor', 'c', 'supervisor'],
] as const satisfies ReadonlyArray<readonly [string, 'a' | 'b' | 'c', Role]>;
export type Person = (typeof PEOPLE)[number][0];

/**
 * Three agencies over the real core and HTTP app: A owns cases (a subject observed on two days, a
 * production order, a subscriber identity, evidence, a note), B receives shares and referrals, C
 * is a stranger. Every person has a fresh (stepped-up) session; the clock stands still.
 */
export async function createCaseWorld() {
  const clock = fixedClock('2026-04-01T12:00:00Z');
  const core: Core = await createSecurityCore({
    clock,
    security: { cipher: createAesGcmCipher(randomBytes(32)) },
  });
  const app = createHttpApp(core);
  const orgs = {
    a: await newOrganisation(core),
    b: await newOrganisation(core),
    c: await newOrganisation(core),
  };
  const cookies = new Map<Person, string>();
  for (const [name, org, role] of PEOPLE) {
    const user = await newUser(core, orgs[org].id, [role]);
    cookies.set(name, await sessionCookie(core, user.id));
  }
  const db = core.handle.db;
  const journal = await db
    .insertInto('importJournal')
    .values({ fileSha256: sha('share-world'), fileName: 'p2p.csv', format: 'p2p-csv' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('subject')
    .values({
      key: SUBJECT,
      agencyCode: orgs.a.code,
      observationCount: 2,
      tipPersonCount: 0,
      linkCount: 1,
      updatedAt: clock.now(),
    })
    .execute();
  for (const [n, observedAt] of [OBSERVED, '2026-03-16T02:10:00Z'].entries()) {
    const id = sha(`share-obs${n}`);
    await db
      .insertInto('observation')
      .values({
        id,
        observedAt: new Date(observedAt),
        observedOffset: '+00:00',
        network: 'bittorrent',
        ip: IP,
        port: 51413,
        hashType: 'sha1',
        hash: 'a9993e364706816aba3e25717850c26c9cd0d89d',
        evidenceKind: 'query_hit',
        observer: 'station-1',
        importId: journal.id,
        sourceFile: 'p2p.csv',
        sourceLine: n + 2,
      })
      .execute();
    await db
      .insertInto('subjectMember')
      .values({ nodeRef: `obs:${id}`, subjectKey: SUBJECT, observationId: id })
      .execute();
  }

  async function call(who: Person, method: string, path: string, body?: unknown): Promise<Reply> {
    const res = await app.request(`http://localhost/api${path}`, {
      method,
      headers: jsonHeaders({ cookie: cookies.get(who)! }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const isJson = res.headers.get('content-type')?.includes('json') ?? false;
    return { status: res.status, text, body: isJson ? (JSON.parse(text) as Body) : {} };
  }

  async function pdf(who: Person, method: string, path: string, body?: unknown) {
    const res = await app.request(`http://localhost/api${path}`, {
      method,
      headers: jsonHeaders({ cookie: cookies.get(who)! }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, type: res.headers.get('content-type'), bytes };
  }

  /** A case of A's with a production order, an identity, evidence and a note (all through the API). */
  async function openFullCase(title: string) {
    const opened = await call('aInvestigator', 'POST', '/cases', {
      title,
      subjectKeys: [SUBJECT],
    });
    if (opened.status !== 201) throw new Error(`open: ${opened.status} ${opened.text}`);
    const caseId = opened.body.id as string;
    for (const to of ['assessed', 'legal_process_requested']) {
      const moved = await call('aInvestigator', 'POST', `/cases/${caseId}/transitions`, { to });
      if (moved.status !== 200) throw new Error(`${to}: ${moved.status} ${moved.text}`);
    }
    const order = await call('aInvestigator', 'POST', `/cases/${caseId}/authorities`, {
      typeCode: 'production_order',
      court: 'Ontario Court of Justice, Sudbury',
      number: 'PO-17',
      issuedAt: '2026-03-22T15:00:00Z',
      documentSha256: sha(`order ${title}`),
      scope: [{ ipRange: IP, startsAt: '2026-03-14T18:00:00Z', endsAt: '2026-03-14T19:00:00Z' }],
    });
    if (order.status !== 201) throw new Error(`authority: ${order.status} ${order.text}`);
    const identity = await call('aInvestigator', 'POST', `/cases/${caseId}/identities`, {
      subjectKey: SUBJECT,
      authorityId: order.body.id,
      ip: IP,
      port: 51413,
      observedAt: OBSERVED,
      ispTimeZone: 'America/Toronto',
      ispLocalTime: '2026-03-14T14:30:05',
      name: CANARY_NAME,
      installationAddress: '12 Elm St, Sudbury',
      justification: JUSTIFICATION,
    });
    if (identity.status !== 201) throw new Error(`identity: ${identity.status} ${identity.text}`);
    const evidence = await call('aInvestigator', 'POST', `/cases/${caseId}/evidence`, {
      description: `Seized laptop image (${title})`,
      sha256: sha(`evidence ${title}`),
    });
    if (evidence.status !== 201) throw new Error(`evidence: ${evidence.status} ${evidence.text}`);
    const note = await call('aInvestigator', 'POST', `/cases/${caseId}/notes`, {
      text: CANARY_NOTE,
    });
    if (note.status !== 201) throw new Error(`note: ${note.status} ${note.text}`);
    return {
      caseId,
      reference: opened.body.reference as string,
      identityId: identity.body.id as string,
    };
  }

  return { clock, core, app, orgs, call, pdf, openFullCase, db };
}

export type CaseWorld = Awaited<ReturnType<typeof createCaseWorld>>;
