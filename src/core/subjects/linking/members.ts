import { observationRef, tipPersonRef, type CyberTipRow } from '#core/subjects/cybertip.schema.js';
import type { AttributionRow, ObservationRow } from '#core/subjects/subjects.schema.js';
import { classifyClientId } from './client-id.js';
import { classifyAddress } from './ip-address.js';

/** One piece of linking evidence of a node: an observation, a tip IP event or a tip identifier. */
export type Member = {
  /** Evidence row id: an observation id, or `tip:<id>#<n>@ip<k>` / `...@email` for tip data. */
  rowId: string;
  /** The node the row belongs to. */
  ref: string;
  atMs?: number;
  strongClientKey?: string;
  /** The IP group the row falls in, if it may link by IP (used to count weak-id repeats). */
  ipKey?: string;
};

/** A member filed under one group key; edges are a pure function of a group's members. */
export type GroupedMember = { groupKey: string; member: Member };

const NEVER_LINK_BY_IP = new Set(['tor', 'anonymous_vpn', 'hosting', 'private', 'special']);

function ipGroupKey(
  ip: string,
  port: number | null | undefined,
  isFlaggedCgnat: boolean,
): string | undefined {
  const kind = classifyAddress(ip);
  if (kind === 'non_public') return undefined;
  if (kind === 'public' && !isFlaggedCgnat) return `ip:${ip.toLowerCase()}`;
  // Behind carrier-grade NAT the address is shared; only address plus port narrows it to one line.
  return port === undefined || port === null ? undefined : `cgnat:${ip}:${port}`;
}

/** Files one observation under its client-id and IP groups. */
export function observationMembers(
  observation: ObservationRow,
  attribution: AttributionRow | undefined,
): GroupedMember[] {
  const ref = observationRef(observation.id);
  const client = classifyClientId(observation.network, observation.clientId);
  const member: Member = { rowId: observation.id, ref, atMs: observation.observedAt.getTime() };
  if (client?.strength === 'strong') member.strongClientKey = client.key;
  const out: GroupedMember[] = [];
  if (client) out.push({ groupKey: `${client.strength}-client:${client.key}`, member });
  const flags = attribution?.flags ?? [];
  if (!flags.some((flag) => NEVER_LINK_BY_IP.has(flag))) {
    const key = ipGroupKey(observation.ip, observation.port, flags.includes('cgnat'));
    if (key) {
      member.ipKey = key;
      out.push({ groupKey: key, member });
    }
  }
  return out;
}

/** Files the persons of one CyberTip under their identifier and IP groups. */
export function tipMembers(tip: CyberTipRow): GroupedMember[] {
  return tip.persons.flatMap((person, index) => {
    const ref = tipPersonRef(tip.reportId, index);
    const esp = (person.espService ?? '').trim().toLowerCase();
    const ids: Array<[string, string]> = [
      ...person.emails.map((e): [string, string] => ['email', e.trim().toLowerCase()]),
      ...person.screenNames.map((s): [string, string] => [
        'account',
        `${esp}/${s.trim().toLowerCase()}`,
      ]),
      ...person.deviceIds.map((d): [string, string] => [
        'device',
        `${d.idType.trim().toLowerCase()}/${d.idValue.trim()}`,
      ]),
    ];
    const out: GroupedMember[] = ids
      .filter(([, value]) => value !== '' && !value.endsWith('/'))
      .map(([kind, value]) => ({
        groupKey: `tip-${kind}:${value}`,
        member: { rowId: `${ref}@${kind}`, ref },
      }));
    person.ipCaptureEvents.forEach((event, k) => {
      // An event without a time cannot be placed in a lease window; a proxy hint bars IP linking.
      if (!event.dateTime || event.possibleProxy === true) return;
      const key = ipGroupKey(event.ip, event.port, false);
      if (key) {
        const member = { rowId: `${ref}@ip${k}`, ref, atMs: event.dateTime.getTime() };
        out.push({ groupKey: key, member });
      }
    });
    return out;
  });
}
