import { SCORING_FLAG_OF } from '#core/subjects/subjects.schema.js';
import { ipInRange } from './authority-scope.js';
import { ispLocalToUtc } from './isp-time.js';

/**
 * The observations' stored flags that mean the address may belong to an anonymising service, not
 * a home: those linking and scoring read as Tor, an anonymising VPN or proxy, or hosting
 * (`SCORING_FLAG_OF`, the one map of the intake's flags).
 */
export const ANONYMISER_FLAGS: readonly string[] = Object.entries(SCORING_FLAG_OF)
  .filter(([, flag]) => flag === 'tor' || flag === 'anonymous_vpn' || flag === 'hosting')
  .map(([stored]) => stored);
/** Carrier-grade NAT shared space (RFC 6598): one address, many subscribers. */
const CGNAT = '100.64.0.0/10';
/** How far the ISP's time, converted to UTC, may differ from the observation (clock granularity). */
export const TIME_TOLERANCE_MS = 1000;

export type ReadinessIdentity = {
  ip: string;
  port: number | null;
  observedAt: Date;
  isSharedAddress: boolean;
  ispTimeZone: string | null;
  ispLocalTime: string | null;
  hasInstallationAddress: boolean;
  recordedBy: string | null;
};

export type ReadinessInput = {
  /** Distinct UTC days on which the case's subjects were observed. */
  observationDays: number;
  /** Attribution flags seen on the subjects' observations. */
  attributionFlags: readonly string[];
  anonymiserExplanation: string | null;
  identities: readonly ReadinessIdentity[];
  confirmations: ReadonlyArray<{ confirmedBy: string | null }>;
  /**
   * The subjects' stored observations at the identities' addresses, near their times: the
   * identity's time must be one of them, not only agree with a second typed value.
   */
  storedObservations: ReadonlyArray<{ ip: string; observedAt: Date }>;
};

export const READINESS_ITEMS = [
  'observations_several_days',
  'shared_address_port',
  'anonymiser_explained',
  'installation_address',
  'times_in_utc_and_isp_zone',
  'second_person_confirmation',
] as const;
export type ReadinessItemId = (typeof READINESS_ITEMS)[number];

/** Why the person who recorded an identity cannot be the second person who confirms it. */
export const SELF_CONFIRMATION_REFUSAL =
  'You recorded a subscriber identity on this case: the confirmation must come from a second person.';

export type ReadinessItem = { id: ReadinessItemId; isMet: boolean; detail: string };
export type Readiness = { isComplete: boolean; items: ReadinessItem[] };

const item = (id: ReadinessItemId, isMet: boolean, detail: string): ReadinessItem => ({
  id,
  isMet,
  detail,
});

function timeCheck(
  i: ReadinessIdentity,
  stored: ReadinessInput['storedObservations'],
): string | undefined {
  const isStored = stored.some(
    (o) =>
      o.ip.toLowerCase() === i.ip.toLowerCase() &&
      Math.abs(o.observedAt.getTime() - i.observedAt.getTime()) <= TIME_TOLERANCE_MS,
  );
  const notStored = isStored
    ? undefined
    : `${i.ip}: no stored observation of the case's subjects at this address at ${i.observedAt.toISOString()} UTC`;
  const isp = ispTimeCheck(i);
  return notStored && isp ? `${notStored}; ${isp}` : (notStored ?? isp);
}

function ispTimeCheck(i: ReadinessIdentity): string | undefined {
  if (!i.ispTimeZone || !i.ispLocalTime) {
    return `${i.ip}: the ISP's local time and zone are not recorded`;
  }
  const utc = ispLocalToUtc(i.ispLocalTime, i.ispTimeZone);
  if (!utc.ok) return `${i.ip}: the ISP time ${i.ispLocalTime} (${i.ispTimeZone}) is ${utc.reason}`;
  const gap = Math.abs(utc.utc.getTime() - i.observedAt.getTime());
  if (gap > TIME_TOLERANCE_MS) {
    return `${i.ip}: the ISP time is ${utc.utc.toISOString()} UTC, the observation ${i.observedAt.toISOString()}`;
  }
  return undefined;
}

/**
 * The warrant-readiness checklist (docs/INVESTIGATIONS.md lists the sources): the failure modes
 * oversight reports trace wrong-house searches to, each checked against the case's own records.
 */
export function computeReadiness(input: ReadinessInput): Readiness {
  const ids = input.identities;
  const none = 'no subscriber identity is recorded';
  const shared = ids.filter((i) => i.isSharedAddress || ipInRange(i.ip, CGNAT));
  const noPort = shared.filter((i) => i.port === null);
  const flags = [...new Set(input.attributionFlags.filter((f) => ANONYMISER_FLAGS.includes(f)))];
  const billing = ids.filter((i) => !i.hasInstallationAddress);
  const timeProblems = ids
    .map((i) => timeCheck(i, input.storedObservations))
    .filter((p): p is string => p !== undefined);
  const recorders = new Set(ids.map((i) => i.recordedBy));
  const seconds = input.confirmations.filter(
    (c) => c.confirmedBy !== null && !recorders.has(c.confirmedBy),
  );
  const items = [
    item(
      'observations_several_days',
      input.observationDays >= 2,
      `observed on ${input.observationDays} distinct UTC day(s); at least 2 needed`,
    ),
    item(
      'shared_address_port',
      ids.length > 0 && noPort.length === 0,
      ids.length === 0
        ? none
        : noPort.length > 0
          ? `shared (CGNAT) address without a source port: ${noPort.map((i) => i.ip).join(', ')}`
          : `${shared.length} shared address(es), each with its port`,
    ),
    item(
      'anonymiser_explained',
      flags.length === 0 || Boolean(input.anonymiserExplanation),
      flags.length === 0
        ? 'no anonymiser flag on the observations'
        : input.anonymiserExplanation
          ? `flags ${flags.join(', ')} explained`
          : `flags ${flags.join(', ')} need an explanation`,
    ),
    item(
      'installation_address',
      ids.length > 0 && billing.length === 0,
      ids.length === 0
        ? none
        : billing.length > 0
          ? `no installation (service) address for ${billing.map((i) => i.ip).join(', ')}; a billing address is not where the connection is`
          : 'installation address recorded for every identity',
    ),
    item(
      'times_in_utc_and_isp_zone',
      ids.length > 0 && timeProblems.length === 0,
      ids.length === 0
        ? none
        : timeProblems.join('; ') || 'ISP times agree with the stored observations in UTC',
    ),
    item(
      'second_person_confirmation',
      ids.length > 0 && seconds.length > 0,
      seconds.length > 0
        ? 'confirmed by a second person'
        : 'needs a confirmation by someone other than who recorded the identity',
    ),
  ];
  return { isComplete: items.every((i) => i.isMet), items };
}
