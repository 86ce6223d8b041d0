import { buildSubjectEvidence, type RuleSet, type SubjectEvidence } from '#core/scoring/index.js';
import type { Db } from '#platform/db/client.js';
import { linkRegion } from './linking/link-region.js';
import type { LinkDecision, LinkOptions, LinkResult } from './linking/link.types.js';
import { linkSubjects } from './linking/link-subjects.js';
import type { StoredNode } from './linking/relink-region.js';
import { nodeFactsOf } from './node-facts.js';
import type { RescoreResult } from './queue.schema.js';
import {
  fileKeyById,
  filesWithNewCounts,
  keyChangesOf,
  latestTimeOf,
  storedSubjects,
  subjectOf,
  subjectsHoldingFiles,
  subjectsPerFile,
} from './relink-plan.js';
import {
  insertKeyChanges,
  readLinksOf,
  readRelinkState,
  readStoredNodes,
  writeRelinkState,
  type RelinkState,
} from './relink.repository.js';
import { SubjectsRepository, type WriteCounts } from './subjects.repository.js';
import type { StoredRows } from './subjects.read.js';
import { subjectWrites } from './subject-writes.js';

export type RelinkInput = {
  rows: StoredRows;
  decisions: LinkDecision[];
  ruleSet: RuleSet;
  /** Validated linking parameters. */
  linkOptions: LinkOptions;
  /** Forces a full relink (also chosen when the rule set or linking parameters changed). */
  isFull: boolean;
  /** Scores come from a candidate rule set, not a stored one: full, and the next run is full too. */
  isCandidate: boolean;
  now: Date;
};

type Plan = {
  mode: 'full' | 'incremental';
  /** Every subject (those not scored again may lack their links: see subjectOf). */
  linking: LinkResult;
  /** Subjects to score again (all, in a full run). */
  rescore: Set<string>;
  /** Keys whose members and links are rewritten (the region's old and new keys); all when full. */
  relinkedKeys: Set<string>;
  /** Nodes re-resolved. */
  relinkedNodes: number;
};

/** Why a run must be full, or undefined when an incremental run gives the same subjects. */
function fullReason(input: RelinkInput, state: RelinkState | undefined): string | undefined {
  if (input.isFull) return 'requested';
  if (input.isCandidate) return 'candidate rule set';
  if (!state) return 'first run';
  if (state.ruleSetVersion !== input.ruleSet.version) return 'rule set changed';
  if (state.linkOptions !== JSON.stringify(input.linkOptions)) return 'linking parameters changed';
  return undefined;
}

async function planIncremental(
  trx: Db,
  input: RelinkInput,
  state: RelinkState,
  stored: Map<string, StoredNode>,
  facts: ReturnType<typeof nodeFactsOf>,
): Promise<Plan> {
  const { rows, decisions } = input;
  const applied = new Set(state.decisionIds);
  const fresh = new Set(decisions.map((d) => d.id).filter((id) => !applied.has(id)));
  const { region, linking } = linkRegion(rows, facts, stored, decisions, fresh, input.linkOptions);
  const untouched = storedSubjects(stored, region.oldKeys);
  const isAsOfMoved = latestTimeOf(rows).getTime() !== state.evidenceAsOf.getTime();
  // A gone node's file is unknown now, and a later asOf moves every recency: score all again.
  const isEveryScore = isAsOfMoved || region.removed.length > 0;
  const oldGroups = [...storedSubjects(stored, new Set()).entries()]
    .filter(([key]) => region.oldKeys.has(key))
    .map(([, refs]) => refs);
  const files = isEveryScore
    ? new Set<string>()
    : filesWithNewCounts(
        rows,
        oldGroups,
        linking.subjects.map((s) => s.nodeRefs),
      );
  const again = isEveryScore
    ? new Set(untouched.keys())
    : subjectsHoldingFiles(rows, untouched, files);
  const links = await readLinksOf(trx, [...again]);
  const subjects = [
    ...[...untouched.entries()].map(([key, refs]) => subjectOf(key, refs, links.get(key))),
    ...linking.subjects,
  ].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const newKeys = linking.subjects.map((s) => s.key);
  return {
    mode: 'incremental',
    linking: { subjects, blocked: linking.blocked, conflicts: linking.conflicts },
    rescore: new Set([...again, ...newKeys]),
    relinkedKeys: new Set([...region.oldKeys, ...newKeys]),
    relinkedNodes: region.nodes.size,
  };
}

/**
 * The evidence of the subjects to score. A full run builds it for all; an incremental one only for
 * those it scores again, with each file's count of subjects taken over every subject (as building
 * it for all would count them; the equivalence test compares both).
 */
function evidenceFor(rows: StoredRows, plan: Plan, asOf: Date): SubjectEvidence[] {
  const build = (linking: LinkResult) =>
    buildSubjectEvidence(rows.observations, rows.matches, rows.attributions, rows.tips, {
      linking,
      asOf,
    });
  if (plan.mode === 'full') return build(plan.linking);
  const fileOf = fileKeyById(rows);
  const counts = subjectsPerFile(
    plan.linking.subjects.map((s) => s.nodeRefs),
    fileOf,
  );
  const subjects = plan.linking.subjects.filter((s) => plan.rescore.has(s.key));
  return build({ ...plan.linking, subjects }).map((e) => ({
    ...e,
    fileSubjectCounts: Object.fromEntries(
      Object.keys(e.fileSubjectCounts ?? {}).map((file) => [file, counts.get(file) ?? 0]),
    ),
  }));
}

/**
 * One relink-and-score run inside the caller's transaction: incremental (only the region new,
 * changed or gone rows and new decisions touch is re-linked; subjects whose score inputs changed
 * are scored again) unless `fullReason` says full. Both end with the same stored subjects and
 * scores (relink.db.test.ts).
 */
export async function relinkAndScoreIn(trx: Db, input: RelinkInput): Promise<RescoreResult> {
  const { rows, decisions, ruleSet, now } = input;
  const state = await readRelinkState(trx);
  const stored = await readStoredNodes(trx);
  const facts = nodeFactsOf(rows);
  const reason = fullReason(input, state);
  const plan: Plan =
    reason === undefined
      ? await planIncremental(trx, input, state!, stored, facts)
      : (() => {
          const linking = linkSubjects(rows, decisions, input.linkOptions);
          const keys = linking.subjects.map((s) => s.key);
          return {
            mode: 'full',
            linking,
            rescore: new Set(keys),
            relinkedKeys: new Set(keys),
            relinkedNodes: facts.size,
          };
        })();
  const asOf = latestTimeOf(rows);
  const evidence = evidenceFor(rows, plan, asOf);
  const scores = evidence.map((e) => ruleSet.evaluate(e));
  const writes = subjectWrites(plan.linking, evidence, scores, rows, now, facts);
  const repository = new SubjectsRepository();
  const counts: WriteCounts =
    plan.mode === 'full'
      ? await repository.replaceAll(trx, writes, now)
      : await repository.replaceSome(trx, { writes, relinkedKeys: plan.relinkedKeys }, now);
  const keyChanges = keyChangesOf(
    stored,
    plan.linking.subjects,
    plan.mode === 'full' ? undefined : plan.relinkedKeys,
  );
  await insertKeyChanges(trx, keyChanges, now);
  await writeRelinkState(trx, {
    linkOptions: JSON.stringify(input.linkOptions),
    ruleSetVersion: input.isCandidate ? 0 : ruleSet.version,
    evidenceAsOf: asOf,
    decisionIds: decisions.map((d) => d.id),
    mode: plan.mode,
    ranAt: now,
  });
  return {
    mode: plan.mode,
    fullReason: reason ?? null,
    ruleSetVersion: ruleSet.version,
    observations: rows.observations.length,
    tips: rows.tips.length,
    subjects: plan.linking.subjects.length,
    relinkedNodes: plan.relinkedNodes,
    rescored: scores.length,
    keyChanges: keyChanges.length,
    ...counts,
    decisions: decisions.length,
    blockedLinks: plan.linking.blocked.length,
    conflicts: plan.linking.conflicts,
  };
}
