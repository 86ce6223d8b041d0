import { fieldList, type CaseField, type FieldScope } from '#core/access/field-scope.js';
import type { FieldCipher } from '#core/crypto/field-cipher.port.js';
import type { Trx } from '#core/audit/audit.service.js';
import { toAuthorityView, scopesOf } from './authority-view.js';
import type { CaseRow } from './case-access.js';
import { scopedSummary, subjectKeysOf } from './case-view.js';
import { maskIdentity } from './identity-view.js';
import { caseCharges } from './lead-package.js';
import { openNote } from './notes.js';
import { hasReadiness, readinessOf, recordedAnIdentity } from './readiness-inputs.js';
import { SELF_CONFIRMATION_REFUSAL } from './readiness.js';
import { thirdPartyIpsOf } from './third-party-ips.service.js';
import { handMovesFrom, type CaseState } from './workflow.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * Everything on one case that the actor's field scope shows (`fields`: every field for the
 * owner), identities masked (revealing one is a separate, justified request). A section outside
 * the scope is read from nowhere and answers empty (`readiness` null: see hasReadiness); `fieldScope` says which sections are shown.
 */
export async function caseDetail(
  trx: Trx,
  row: CaseRow,
  now: Date,
  cipher: FieldCipher | undefined,
  fields: FieldScope,
  /** The caller (whether they may be the readiness checklist's second person). */
  callerId: string | null = null,
) {
  const id = row.id;
  // Each section is read only when in scope: what is out of scope never leaves the database.
  const when = async <T>(field: CaseField, read: () => Promise<T[]>): Promise<T[]> =>
    fields.has(field) ? read() : [];
  const keys = (await subjectKeysOf(trx, [id])).get(id) ?? [];
  const events = await when('workflow', () =>
    trx.selectFrom('caseEvent').selectAll().where('caseId', '=', id).orderBy('seq').execute(),
  );
  const authorities = await when('authorities', () =>
    trx
      .selectFrom('legalAuthority')
      .selectAll()
      .where('caseId', '=', id)
      .orderBy('recordedAt')
      .execute(),
  );
  const identities = await when('identities', () =>
    trx
      .selectFrom('subscriberIdentity')
      .selectAll()
      .where('caseId', '=', id)
      .orderBy('recordedAt')
      .execute(),
  );
  const warrants = await when('warrants', () =>
    trx.selectFrom('warrant').selectAll().where('caseId', '=', id).orderBy('soughtAt').execute(),
  );
  const arrests = await when('outcomes', () =>
    trx.selectFrom('arrest').selectAll().where('caseId', '=', id).orderBy('arrestedAt').execute(),
  );
  const charges = await when('outcomes', () => caseCharges(trx, id));
  const victims = await when('outcomes', () =>
    trx
      .selectFrom('caseVictim')
      .selectAll()
      .where('caseId', '=', id)
      .orderBy('recordedOn')
      .execute(),
  );
  const evidence = await when('evidence', () =>
    trx
      .selectFrom('evidenceRef')
      .selectAll()
      .where('caseId', '=', id)
      .orderBy('recordedAt')
      .execute(),
  );
  const notes = await when('notes', () =>
    trx.selectFrom('caseNote').selectAll().where('caseId', '=', id).orderBy('createdAt').execute(),
  );
  const tasks = await when('tasks', () =>
    trx.selectFrom('caseTask').selectAll().where('caseId', '=', id).orderBy('dueOn').execute(),
  );
  const referrals = await when('workflow', () =>
    trx
      .selectFrom('referral')
      .select(['id', 'status', 'toOrganisationId', 'createdAt', 'decidedAt'])
      .where('caseId', '=', id)
      .orderBy('createdAt')
      .execute(),
  );
  const scopes = await scopesOf(
    trx,
    authorities.map((a) => a.id),
  );
  return {
    ...scopedSummary(row, keys, fields),
    fieldScope: fieldList(fields),
    /** The moves a person may make by hand from the current state (records make the others). */
    handMoves: handMovesFrom(row.state as CaseState),
    anonymiserExplanation: fields.has('subjects') ? row.anonymiserExplanation : null,
    events: events.map((e) => ({
      seq: e.seq,
      at: e.at.toISOString(),
      effectiveAt: e.effectiveAt.toISOString(),
      fromState: e.fromState,
      toState: e.toState,
      disposition: e.disposition,
      actorId: e.actorId,
      reason: e.reason,
    })),
    legalAuthorities: authorities.map((a) =>
      toAuthorityView(
        a,
        scopes.filter((s) => s.authorityId === a.id),
        now,
      ),
    ),
    identities: identities.map(maskIdentity),
    warrants: warrants.map((w) => ({
      id: w.id,
      typeCode: w.typeCode,
      soughtAt: w.soughtAt.toISOString(),
      readinessOverride: w.readinessOverride,
      issuedAt: iso(w.issuedAt),
      executedAt: iso(w.executedAt),
      result: w.result,
    })),
    arrests: arrests.map((a) => ({
      id: a.id,
      accusedRef: a.personRef,
      arrestedAt: a.arrestedAt.toISOString(),
    })),
    charges,
    victims: victims.map((v) => ({
      id: v.id,
      victimsIdentified: v.victimsIdentified,
      childrenSafeguarded: v.childrenSafeguarded,
      victimServicesRef: v.victimServicesRef,
      recordedOn: v.recordedOn,
    })),
    evidence: evidence.map((e) => ({
      id: e.id,
      description: e.description,
      sha256: e.sha256,
      custodyRef: e.custodyRef,
      recordedAt: e.recordedAt.toISOString(),
    })),
    notes: notes.map((n) => ({
      id: n.id,
      authorId: n.authorId,
      createdAt: n.createdAt.toISOString(),
      text: openNote(cipher, n.body),
    })),
    tasks: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      dueOn: t.dueOn,
      assigneeId: t.assigneeId,
      doneAt: iso(t.doneAt),
      isOverdue: t.doneAt === null && t.dueOn < now.toISOString().slice(0, 10),
    })),
    referrals: referrals.map((r) => ({
      id: r.id,
      status: r.status,
      toOrganisationId: r.toOrganisationId,
      createdAt: r.createdAt.toISOString(),
      decidedAt: iso(r.decidedAt),
    })),
    thirdPartyIps: fields.has('authorities') ? await thirdPartyIpsOf(trx, id) : [],
    readiness: hasReadiness(fields) ? await readinessOf(trx, row) : null,
    /** Whether the caller may confirm the attribution: not the person who recorded an identity. */
    confirmation: (await recordedAnIdentity(trx, id, callerId))
      ? { isAllowed: false, reason: SELF_CONFIRMATION_REFUSAL }
      : { isAllowed: true, reason: null },
  };
}

export type CaseDetail = Awaited<ReturnType<typeof caseDetail>>;
