import type { Insertable, Selectable } from 'kysely';
import type { CallContext } from '#core/access/actor.js';
import { ValidationError } from '#shared/errors.js';
import type { Db } from '#platform/db/client.js';
import type { SubjectDecisionTable } from '#platform/db/tables.js';
import type { LinkDecision } from './linking/link.types.js';
import type { DecisionView } from './decisions.schema.js';

export type DecisionRow = Selectable<SubjectDecisionTable>;

type NewDecision = Pick<
  Insertable<SubjectDecisionTable>,
  'kind' | 'refs' | 'sideA' | 'sideB' | 'subjectKeys' | 'reason'
>;

/** Rows per IN list (well under PostgreSQL's bind-parameter limit). */
const CHUNK = 5000;

/** Stores a decision with who took it (username for a user, the label for the CLI or a job). */
export async function insertDecision(
  db: Db,
  ctx: CallContext,
  now: Date,
  decision: NewDecision,
): Promise<DecisionRow> {
  const actor = ctx.actor;
  if (actor.kind === 'anonymous') throw new ValidationError('an anonymous caller cannot decide');
  const user =
    actor.kind === 'user'
      ? await db
          .selectFrom('appUser')
          .select('username')
          .where('id', '=', actor.userId)
          .executeTakeFirst()
      : undefined;
  return db
    .insertInto('subjectDecision')
    .values({
      ...decision,
      decidedByUserId: actor.kind === 'user' ? actor.userId : null,
      decidedBy: actor.kind === 'user' ? (user?.username ?? actor.userId) : actor.label,
      organisationId: actor.kind === 'user' ? actor.organisationId : null,
      decidedAt: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every decision, as the linking engine takes them (it orders them by time itself). */
export async function readDecisions(db: Db): Promise<LinkDecision[]> {
  const rows = await db.selectFrom('subjectDecision').selectAll().orderBy('decidedAt').execute();
  return rows.map((r): LinkDecision =>
    r.kind === 'merge'
      ? { kind: 'merge', id: r.id, decidedAt: r.decidedAt, refs: r.refs, reason: r.reason }
      : {
          kind: 'split',
          id: r.id,
          decidedAt: r.decidedAt,
          sideA: r.sideA,
          sideB: r.sideB,
          reason: r.reason,
        },
  );
}

/** The nodes of the given subjects (in the order of the keys), with each observation's IP and client. */
export async function membersOf(db: Db, keys: string[]) {
  const rows = await db
    .selectFrom('subjectMember as m')
    .leftJoin('observation as o', 'o.id', 'm.observationId')
    .select(['m.subjectKey', 'm.nodeRef', 'o.ip', 'o.clientId'])
    .where('m.subjectKey', 'in', keys)
    .orderBy('m.nodeRef')
    .execute();
  return keys.flatMap((k) => rows.filter((r) => r.subjectKey === k));
}

/** The subjects that now hold any of these nodes, sorted. */
export async function subjectsHolding(db: Db, refs: string[]): Promise<string[]> {
  const keys = new Set<string>();
  for (let i = 0; i < refs.length; i += CHUNK) {
    const rows = await db
      .selectFrom('subjectMember')
      .select('subjectKey')
      .distinct()
      .where('nodeRef', 'in', refs.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) keys.add(r.subjectKey);
  }
  return [...keys].sort();
}

export function decisionViewOf(row: DecisionRow): DecisionView {
  return {
    id: row.id,
    kind: row.kind,
    subjectKeys: row.subjectKeys,
    reason: row.reason,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt.toISOString(),
    refs: row.refs,
    sideA: row.sideA,
    sideB: row.sideB,
  };
}
