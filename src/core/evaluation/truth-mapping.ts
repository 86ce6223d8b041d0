import { canonicalIp } from '#core/intake/canonical/ip.js';
import type { Truth } from '#core/simulation/truth.schema.js';
import type { CyberTipRow } from '#core/subjects/cybertip.schema.js';
import type { ObservationRow } from '#core/subjects/subjects.schema.js';
import type { GroundTruth, TruthSubject, TruthType } from './evaluation.types.js';

type Span = { from: number; to: number; truthId: string; ports?: readonly [number, number] };

/** Look-ups from what the stored rows show (client id, address and time, account) to truth ids. */
export type TruthIndex = {
  byClientId: ReadonlyMap<string, string>;
  byAccount: ReadonlyMap<string, string>;
  spansByIp: ReadonlyMap<string, readonly Span[]>;
};

const ip = (text: string): string => {
  const c = canonicalIp(text);
  return c.ok ? c.ip : text.toLowerCase();
};

function typeOf(s: Truth['subjects'][number]): TruthType | undefined {
  if (s.producer) return 'producer';
  if (s.handsOn) return 'hands_on';
  // A "hands-on risk" profile who has not offended is, for the evaluation, not relevant.
  return s.type === 'hands_on_risk' ? undefined : s.type;
}

/** The simulated world's subjects as ground truth (high risk: a hands-on offender or producer). */
export function groundTruthOf(truth: Truth): Map<string, TruthSubject> {
  return new Map(
    truth.subjects.map((s) => {
      const type = typeOf(s);
      const subject: TruthSubject = {
        isHighRisk: s.handsOn || s.producer,
        childrenAtRisk: s.childrenAtRisk,
        ...(type ? { type } : {}),
      };
      return [s.id, subject];
    }),
  );
}

/** Indexes the truth's installations, addresses (with their lease spans) and tip accounts. */
export function indexTruth(truth: Truth): TruthIndex {
  const byClientId = new Map<string, string>();
  const byAccount = new Map<string, string>();
  const spansByIp = new Map<string, Span[]>();
  const addSpan = (address: string, span: Span) => {
    const key = ip(address);
    spansByIp.set(key, [...(spansByIp.get(key) ?? []), span]);
  };
  for (const s of truth.subjects) {
    for (const i of s.installations) byClientId.set(i.clientId.toLowerCase(), s.id);
    byAccount.set(`email:${s.email.toLowerCase()}`, s.id);
    byAccount.set(`screen:${s.screenName}`, s.id);
    for (const lease of s.ips) {
      const span = { from: Date.parse(lease.from), to: Date.parse(lease.to), truthId: s.id };
      addSpan(lease.ip, lease.ports ? { ...span, ports: lease.ports } : span);
      // An observer inside the carrier's network sees the subscriber-side address.
      if (lease.internalIp) addSpan(lease.internalIp, span);
    }
  }
  return { byClientId, byAccount, spansByIp };
}

function byAddress(
  index: TruthIndex,
  address: string,
  at: number,
  port: number | null,
): string | undefined {
  const spans = index.spansByIp.get(ip(address)) ?? [];
  const hits = spans.filter(
    (s) =>
      s.from <= at &&
      at < s.to &&
      (!s.ports || (port !== null && s.ports[0] <= port && port <= s.ports[1])),
  );
  // An address shared at that moment (CGNAT without a port) names no one.
  return hits.length === 1 ? hits[0]!.truthId : undefined;
}

/** The truth subject behind one observation: its client id, else its address at that time. */
export function truthIdOfObservation(index: TruthIndex, o: ObservationRow): string | undefined {
  const byClient = o.clientId ? index.byClientId.get(o.clientId.toLowerCase()) : undefined;
  return byClient ?? byAddress(index, o.ip, o.observedAt.getTime(), o.port);
}

/** The truth subject behind one tip person: an email or screen name, else a timed IP event. */
export function truthIdOfTipPerson(
  index: TruthIndex,
  person: CyberTipRow['persons'][number],
): string | undefined {
  for (const email of person.emails) {
    const id = index.byAccount.get(`email:${email.toLowerCase()}`);
    if (id) return id;
  }
  for (const name of person.screenNames) {
    const id = index.byAccount.get(`screen:${name}`);
    if (id) return id;
  }
  for (const e of person.ipCaptureEvents) {
    const id = e.dateTime
      ? byAddress(index, e.ip, e.dateTime.getTime(), e.port ?? null)
      : undefined;
    if (id) return id;
  }
  return undefined;
}

/** How well Vigil's subjects line up with the truth's (linking quality, reported with the metrics). */
export type MappingStats = {
  subjects: number;
  /** Subjects whose nodes map to a truth subject (by majority). */
  mapped: number;
  /** Subjects none of whose nodes maps to a truth subject (e.g. seen only through Tor). */
  unmapped: number;
  /** Subjects whose nodes map to more than one truth subject (a wrong merge). */
  mixed: number;
  /** Distinct truth subjects reached by at least one subject. */
  truthSubjects: number;
  /** Truth subjects spread over more than one Vigil subject (a missed link). */
  truthSubjectsSplit: number;
};

/**
 * Maps each Vigil subject (its node refs) to the truth subject most of its nodes belong to; ties go
 * to the lowest truth id, so the mapping is deterministic.
 */
export function mapSubjectsToTruth(
  subjects: ReadonlyMap<string, readonly string[]>,
  truthIdOfNode: (nodeRef: string) => string | undefined,
): { subjectToTruth: Map<string, string>; stats: MappingStats } {
  const subjectToTruth = new Map<string, string>();
  const subjectsPerTruth = new Map<string, number>();
  let mixed = 0;
  for (const [key, nodes] of subjects) {
    const votes = new Map<string, number>();
    for (const node of nodes) {
      const id = truthIdOfNode(node);
      if (id) votes.set(id, (votes.get(id) ?? 0) + 1);
    }
    if (votes.size > 1) mixed += 1;
    const best = [...votes.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0];
    if (!best) continue;
    subjectToTruth.set(key, best[0]);
    subjectsPerTruth.set(best[0], (subjectsPerTruth.get(best[0]) ?? 0) + 1);
  }
  return {
    subjectToTruth,
    stats: {
      subjects: subjects.size,
      mapped: subjectToTruth.size,
      unmapped: subjects.size - subjectToTruth.size,
      mixed,
      truthSubjects: subjectsPerTruth.size,
      truthSubjectsSplit: [...subjectsPerTruth.values()].filter((n) => n > 1).length,
    },
  };
}

/** The ground truth restricted to the truth subjects the data reaches (the rest no ranking can). */
export function reachableTruth(truth: GroundTruth, subjectToTruth: ReadonlyMap<string, string>) {
  const reached = new Set(subjectToTruth.values());
  return new Map([...truth].filter(([id]) => reached.has(id)));
}
