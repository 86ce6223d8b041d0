import { maxOf } from '#shared/collections.js';
import { plural } from '#shared/wording.js';
import { confidence } from '#core/subjects/linking/link.types.js';
import { isCgnatAddress } from '#core/subjects/linking/ip-address.js';
import { FLAG_EXPLANATIONS, type AttributionFlagName } from './attribution-flags.js';
import type { AttributionParams } from './factors.schema.js';
import type { AttributionAssessment } from './score.schema.js';

export type { AttributionAssessment } from './score.schema.js';
import type { SubjectEvidence } from './subject-evidence.js';

type Lead = { value: number; flags: string[] };

function observationLeads(evidence: SubjectEvidence, factors: ReadonlyMap<string, number>): Lead[] {
  return evidence.observations.map((o) => {
    const flags: string[] = [...o.flags];
    if (!flags.includes('cgnat') && isCgnatAddress(o.ip)) flags.push('cgnat');
    if (flags.includes('cgnat') && o.port === null) flags.push('cgnat_without_port');
    if (!o.hasJurisdiction) flags.push('unassigned_jurisdiction');
    return { value: leadValue(flags, factors), flags };
  });
}

function tipLeads(evidence: SubjectEvidence, factors: ReadonlyMap<string, number>): Lead[] {
  return evidence.tips.flatMap((tip) =>
    tip.ipEvents.map((e) => {
      const flags: string[] = [];
      if (isCgnatAddress(e.ip)) flags.push(e.port === null ? 'cgnat_without_port' : 'cgnat');
      if (e.possibleProxy) flags.push('possible_proxy');
      return { value: leadValue(flags, factors), flags };
    }),
  );
}

function flagFactors(params: AttributionParams): ReadonlyMap<string, number> {
  return new Map<string, number>([
    ...Object.entries(params.flagFactors),
    ['cgnat_without_port', params.cgnatWithoutPort],
    ['possible_proxy', params.possibleProxy],
    ['unassigned_jurisdiction', params.unassignedJurisdiction],
  ]);
}

function leadValue(flags: readonly string[], factors: ReadonlyMap<string, number>): number {
  // The weakest flag decides: a Tor exit stays a Tor exit whatever else is true of it.
  let value = 1;
  for (const flag of flags) value = Math.min(value, factors.get(flag) ?? 1);
  return value;
}

/**
 * Assesses attribution: the best address lead of the subject (the one to request subscriber data
 * for), times the linking cohesion; it never lowers the threat score.
 */
export function assessAttribution(
  evidence: SubjectEvidence,
  params: AttributionParams,
): AttributionAssessment {
  const factors = flagFactors(params);
  const leads = [...observationLeads(evidence, factors), ...tipLeads(evidence, factors)];
  const hasAccounts = evidence.tips.some((t) => t.hasAccountIdentifiers);
  const best =
    leads.length > 0
      ? maxOf(
          leads.map((l) => l.value),
          0,
        )
      : hasAccounts
        ? params.accountOnly
        : 0;
  const flags = [...new Set(leads.flatMap((l) => l.flags))].sort();
  const reasons = flags.map((f) => {
    const count = leads.filter((l) => l.flags.includes(f)).length;
    return `${count} of ${plural(leads.length, 'address lead')}: ${FLAG_EXPLANATIONS[f as AttributionFlagName] ?? f}`;
  });
  if (leads.length === 0) {
    reasons.push(
      hasAccounts
        ? 'no address: account identifiers only (needs a request to the service)'
        : 'no address or account to attribute',
    );
  }
  if (evidence.linkCohesion < 1) {
    reasons.push(
      `subject held together by links of confidence ${evidence.linkCohesion} at the weakest`,
    );
  }
  return { confidence: confidence(best * evidence.linkCohesion), flags, reasons };
}
