import { SubjectScoreSchema, ZERO_SCORE_CAUSES, type ZeroScoreCause } from '#core/scoring/index.js';
import { z } from 'zod';
import { ReasonSchema, type QueueItem, type SubjectDetail } from './queue.schema.js';

const ReasonsSchema = z.array(ReasonSchema);
import type { queuePage, subjectDetail } from './subjects.queries.js';

type QueueRow = Awaited<ReturnType<typeof queuePage>>['rows'][number];
type DetailRows = NonNullable<Awaited<ReturnType<typeof subjectDetail>>>;
type Places = { ips: string[]; isps: string[]; municipalities: string[] };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The stored explanation (a SubjectScore plus asOf), checked on the way out. */
function explanationOf(text: string) {
  const raw = JSON.parse(text) as { asOf?: unknown };
  return {
    ...SubjectScoreSchema.parse(raw),
    asOf: typeof raw.asOf === 'string' ? raw.asOf : '',
  };
}

/** Reasons by points (then rule id), as the queue and the detail list them. */
function byPoints<T extends { points: number; ruleId: string }>(matched: T[]): T[] {
  return [...matched].sort((a, b) => b.points - a.points || (a.ruleId < b.ruleId ? -1 : 1));
}

/** One queue row as the API shows it: score, top 3 reasons, attribution, places and counts. */
export function toQueueItem(
  row: QueueRow,
  rank: number,
  places: Places | undefined,
  cause?: string | null,
): QueueItem {
  return {
    rank,
    subjectKey: row.key,
    isAssessment: true,
    score: row.score ?? 0,
    maxScore: row.maxScore ?? 0,
    ruleSetVersion: row.ruleSetVersion ?? 0,
    topReasons: ReasonsSchema.parse(JSON.parse(row.topReasons)),
    zeroScoreCause: row.score === 0 ? causeOf(cause) : null,
    attribution: {
      level: row.attributionLevel ?? 'low',
      confidence: row.attributionConfidence ?? 0,
      flags: row.attributionFlags,
    },
    agencyCode: row.agencyCode,
    firstSeen: iso(row.firstSeen),
    lastSeen: iso(row.lastSeen),
    ips: places?.ips ?? [],
    isps: places?.isps ?? [],
    municipalities: places?.municipalities ?? [],
    counts: {
      observations: row.observationCount,
      tipPersons: row.tipPersonCount,
      links: row.linkCount,
    },
  };
}

function causeOf(cause: string | null | undefined): ZeroScoreCause | null {
  return (ZERO_SCORE_CAUSES as readonly string[]).includes(cause ?? '')
    ? (cause as ZeroScoreCause)
    : null;
}

/** The three reasons with most points, as stored on the subject row for the queue. */
export function topReasonsOf(matched: Array<{ ruleId: string; points: number; reason: string }>) {
  return byPoints(matched)
    .slice(0, 3)
    .map((m) => ({ ruleId: m.ruleId, points: m.points, reason: m.reason }));
}

/** The full view of one subject; its current score is that of the rule set the last rescore used. */
export function toDetail(rows: DetailRows): SubjectDetail {
  const { subject } = rows;
  const version = subject.ruleSetVersion;
  const current = rows.scores.find((s) => s.ruleSetVersion === version) ?? null;
  const explanation = current ? explanationOf(current.explanation) : null;
  return {
    subjectKey: subject.key,
    isAssessment: true,
    agencyCode: subject.agencyCode,
    firstSeen: iso(subject.firstSeen),
    lastSeen: iso(subject.lastSeen),
    counts: {
      observations: subject.observationCount,
      tipPersons: subject.tipPersonCount,
      links: subject.linkCount,
    },
    score:
      current && explanation
        ? {
            ruleSetVersion: current.ruleSetVersion,
            score: current.score,
            maxScore: current.maxScore,
            asOf: explanation.asOf,
            scoredAt: current.scoredAt.toISOString(),
            reasons: byPoints(explanation.matched),
            attribution: {
              level: explanation.attribution.confidence.level,
              confidence: explanation.attribution.confidence.value,
              flags: explanation.attribution.flags,
              reasons: explanation.attribution.reasons,
            },
          }
        : null,
    olderScores: rows.scores
      .filter((s) => s.ruleSetVersion !== version)
      .map((s) => ({
        ruleSetVersion: s.ruleSetVersion,
        score: s.score,
        scoredAt: s.scoredAt.toISOString(),
      })),
    links: rows.links.map((l) => ({
      rule: l.rule,
      nodes: [l.nodeA, l.nodeB] as [string, string],
      evidenceIds: l.evidenceIds,
      identifier: l.identifier,
      confidence: { level: l.confidenceLevel, value: l.confidence },
    })),
    tipPersons: rows.tipRefs,
    decisions: rows.decisions.map((d) => ({
      id: d.id,
      kind: d.kind,
      reason: d.reason,
      decidedBy: d.decidedBy,
      decidedAt: d.decidedAt.toISOString(),
      subjectKeys: d.subjectKeys,
    })),
    timeline: rows.timeline.map((o) => ({
      observationId: o.id,
      observedAt: o.observedAt.toISOString(),
      network: o.network,
      ip: o.ip,
      port: o.port,
      clientId: o.clientId,
      evidenceKind: o.evidenceKind,
      hashType: o.hashType,
      hash: o.hash,
      fileName: o.fileName,
      municipality: o.city,
      isp: o.asOrg,
      ipFlags: o.ipFlags,
      agencyCode: o.agencyCode,
    })),
  };
}
