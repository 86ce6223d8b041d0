import { groupBy, maxOf } from '#shared/collections.js';
import type { CyberTipRow } from '#core/subjects/cybertip.schema.js';
import type {
  LinkDecision,
  LinkOptions,
  LinkResult,
  Subject,
} from '#core/subjects/linking/link.types.js';
import { linkSubjects } from '#core/subjects/linking/link-subjects.js';
import type {
  AttributionRow,
  HashMatchRow,
  ObservationRow,
} from '#core/subjects/subjects.schema.js';
import type { EvidenceTip, SubjectEvidence } from '#core/scoring/engine/subject-evidence.js';

/** Options of buildSubjectEvidence; every one has a deterministic default. */
export type BuildEvidenceOptions = {
  /** A linking result to use; by default the rows are linked here with `decisions`. */
  linking?: LinkResult;
  decisions?: readonly LinkDecision[];
  linkOptions?: Partial<LinkOptions>;
  /** Recency reference; by default the latest time in the rows, so a rerun gives the same score. */
  asOf?: Date;
  /** Registry checks by subject key: the evidence id of a recorded match. */
  registryMatches?: ReadonlyMap<string, string>;
};

function latestTime(observations: readonly ObservationRow[], tips: readonly CyberTipRow[]): Date {
  const times = [
    ...observations.map((o) => o.observedAt.getTime()),
    ...tips.flatMap((t) =>
      t.persons.flatMap((p) =>
        p.ipCaptureEvents.flatMap((e) => (e.dateTime ? [e.dateTime.getTime()] : [])),
      ),
    ),
  ];
  return new Date(maxOf(times, 0));
}

function tipsOf(subject: Subject, tipsById: ReadonlyMap<string, CyberTipRow>): EvidenceTip[] {
  const personsByReport = new Map<string, number[]>();
  for (const ref of subject.tipPersonRefs) {
    const hash = ref.lastIndexOf('#');
    const reportId = ref.slice('tip:'.length, hash);
    const list = personsByReport.get(reportId) ?? [];
    list.push(Number(ref.slice(hash + 1)));
    personsByReport.set(reportId, list);
  }
  return [...personsByReport.entries()].flatMap(([reportId, indexes]) => {
    const tip = tipsById.get(reportId);
    if (!tip) return [];
    const persons = indexes.flatMap((i) => tip.persons[i] ?? []);
    return [
      {
        id: `tip:${reportId}`,
        incidentType: tip.incidentType,
        reportAnnotations: [...tip.reportAnnotations],
        files: tip.files.map((f) => ({
          id: `tip:${reportId}/file:${f.fileId}`,
          fileAnnotations: [...f.fileAnnotations],
          industryClassification: f.industryClassification ?? null,
        })),
        ipEvents: persons.flatMap((p) =>
          p.ipCaptureEvents.map((e) => ({
            ip: e.ip,
            port: e.port ?? null,
            possibleProxy: e.possibleProxy === true,
          })),
        ),
        hasAccountIdentifiers: persons.some(
          (p) => p.emails.length + p.screenNames.length + p.deviceIds.length > 0,
        ),
      },
    ];
  });
}

const fileKeyOf = (o: ObservationRow): string => `${o.hashType}:${o.hash}`;

/** How many subjects were seen with each file (a file shared by many is circulating material). */
function countSubjectsPerFile(rowsBySubject: ReadonlyArray<readonly ObservationRow[]>) {
  const counts = new Map<string, number>();
  for (const rows of rowsBySubject) {
    for (const key of new Set(rows.map(fileKeyOf))) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Turns stored rows (observations, hash set matches, attributions, CyberTips) into one engine input
 * per subject, linking them first unless a linking result is given; pure and deterministic.
 */
export function buildSubjectEvidence(
  observations: readonly ObservationRow[],
  matches: readonly HashMatchRow[],
  attributions: readonly AttributionRow[],
  tips: readonly CyberTipRow[],
  options: BuildEvidenceOptions = {},
): SubjectEvidence[] {
  const linking =
    options.linking ??
    linkSubjects(
      { observations, attributions, tips },
      options.decisions ?? [],
      options.linkOptions ?? {},
    );
  const asOf = (options.asOf ?? latestTime(observations, tips)).toISOString();
  const observationById = new Map(observations.map((o) => [o.id, o]));
  const attributionById = new Map(attributions.map((a) => [a.observationId, a]));
  const matchesById = groupBy(matches, (m) => m.observationId);
  const tipsById = new Map(tips.map((t) => [t.reportId, t]));
  const rowsOf = (subject: Subject) =>
    subject.observationIds.flatMap((id) => observationById.get(id) ?? []);
  const subjectsPerFile = countSubjectsPerFile(linking.subjects.map(rowsOf));
  return linking.subjects.map((subject) => {
    const rows = rowsOf(subject);
    const registryEvidenceId = options.registryMatches?.get(subject.key);
    return {
      subjectKey: subject.key,
      asOf,
      observations: rows.map((o) => {
        const attribution = attributionById.get(o.id);
        return {
          id: o.id,
          observedAt: o.observedAt.toISOString(),
          network: o.network,
          evidenceKind: o.evidenceKind,
          fileKey: fileKeyOf(o),
          ip: o.ip,
          port: o.port,
          flags: [...(attribution?.flags ?? [])],
          hasJurisdiction: attribution?.agencyCode !== undefined && attribution.agencyCode !== null,
        };
      }),
      matches: rows.flatMap((o) =>
        (matchesById.get(o.id) ?? []).map((m) => ({
          observationId: m.observationId,
          hashSetId: m.hashSetId,
          hashSetVersion: m.hashSetVersion,
          kind: m.kind,
          categoryScheme: m.categoryScheme ?? null,
          categoryCode: m.categoryCode ?? null,
          series: m.series ?? null,
          victimIdentified: m.victimIdentified ?? null,
        })),
      ),
      tips: tipsOf(subject, tipsById),
      registryMatch:
        registryEvidenceId === undefined ? null : { isMatch: true, evidenceId: registryEvidenceId },
      linkCohesion: subject.cohesion.value,
      fileSubjectCounts: Object.fromEntries(
        [...new Set(rows.map(fileKeyOf))].sort().map((key) => [key, subjectsPerFile.get(key)!]),
      ),
    };
  });
}
