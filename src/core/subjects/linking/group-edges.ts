import { confidence, type LinkEdge, type LinkOptions, type LinkRule } from './link.types.js';
import type { Member } from './members.js';

const HOUR_MS = 3_600_000;

function byTimeThenId(x: Member, y: Member): number {
  return (x.atMs ?? 0) - (y.atMs ?? 0) || (x.rowId < y.rowId ? -1 : x.rowId > y.rowId ? 1 : 0);
}

function edge(rule: LinkRule, x: Member, y: Member, value: number, identifier: string): LinkEdge {
  const [a, b] = x.ref < y.ref ? [x, y] : [y, x];
  return {
    rule,
    a: a.ref,
    b: b.ref,
    confidence: confidence(value),
    evidence: { rows: [a.rowId, b.rowId], identifier },
  };
}

/** Links every node of an identifier group to the group's lowest row (a star: linear, not quadratic). */
function starEdges(
  members: Member[],
  rule: LinkRule,
  value: number,
  identifier: string,
): LinkEdge[] {
  const sorted = [...members].sort(byTimeThenId);
  const anchor = sorted[0];
  if (!anchor) return [];
  return sorted
    .filter((m) => m.ref !== anchor.ref)
    .map((m) => edge(rule, anchor, m, value, identifier));
}

/**
 * Chains the sightings of one IP in time order; a gap longer than the window, or a sighting with a
 * different strong client id, starts a new lease segment (the address has changed hands).
 */
function ipEdges(members: Member[], options: LinkOptions, identifier: string): LinkEdge[] {
  const isCgnat = identifier.startsWith('cgnat:');
  const sorted = [...members].sort(byTimeThenId);
  const out: LinkEdge[] = [];
  let previous: Member | undefined;
  let segmentClient: string | undefined;
  for (const current of sorted) {
    const gapMs = previous ? (current.atMs ?? 0) - (previous.atMs ?? 0) : Infinity;
    const isClientChange =
      current.strongClientKey !== undefined &&
      segmentClient !== undefined &&
      current.strongClientKey !== segmentClient;
    if (previous && gapMs <= options.ipWindowHours * HOUR_MS && !isClientChange) {
      if (previous.ref !== current.ref) {
        const base = gapMs <= options.ipStrongWindowHours * HOUR_MS ? 0.6 : 0.4;
        const rule = isCgnat ? 'cgnat_ip_port_time_window' : 'ip_time_window';
        const link = edge(rule, previous, current, isCgnat ? base * 0.75 : base, identifier);
        link.evidence.window = {
          from: new Date(previous.atMs ?? 0).toISOString(),
          to: new Date(current.atMs ?? 0).toISOString(),
        };
        out.push(link);
      }
    } else {
      segmentClient = undefined;
    }
    segmentClient = current.strongClientKey ?? segmentClient;
    previous = current;
  }
  return out;
}

/**
 * Two strong client ids in use at one address at the same time: within one run of sightings no
 * further apart than the window, one client is seen before and after the other (their spans
 * overlap). A lease that changed hands shows the old client, then the new one, never both again;
 * interleaved ids are two programs or computers behind one router, one household. Each such pair
 * is linked once per run, at its first switch, with a lower confidence than a lease segment.
 */
function concurrentClientEdges(
  members: Member[],
  options: LinkOptions,
  identifier: string,
): LinkEdge[] {
  const sorted = members.filter((m) => m.strongClientKey !== undefined).sort(byTimeThenId);
  const out: LinkEdge[] = [];
  let from = 0;
  for (let i = 1; i <= sorted.length; i++) {
    const gapMs =
      i < sorted.length ? (sorted[i]!.atMs ?? 0) - (sorted[i - 1]!.atMs ?? 0) : Infinity;
    if (gapMs <= options.ipWindowHours * HOUR_MS) continue;
    out.push(...concurrentInRun(sorted.slice(from, i), identifier));
    from = i;
  }
  return out;
}

/** More client ids than a home runs, in use at one address at once: a shared address, not a household. */
const MAX_HOUSEHOLD_CLIENTS = 3;

/** The client ids of a run grouped by overlapping spans (interval merging); each a set of ids. */
function concurrentGroups(first: Map<string, number>, last: Map<string, number>): Set<string>[] {
  const byFirst = [...first.keys()].sort((x, y) => first.get(x)! - first.get(y)!);
  const groups: Set<string>[] = [];
  let reach = -1;
  for (const client of byFirst) {
    if (first.get(client)! > reach || groups.length === 0) groups.push(new Set());
    groups[groups.length - 1]!.add(client);
    reach = Math.max(reach, last.get(client)!);
  }
  return groups;
}

function concurrentInRun(run: Member[], identifier: string): LinkEdge[] {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  run.forEach((m, i) => {
    if (!first.has(m.strongClientKey!)) first.set(m.strongClientKey!, i);
    last.set(m.strongClientKey!, i);
  });
  const household = new Set(
    concurrentGroups(first, last)
      .filter((g) => g.size <= MAX_HOUSEHOLD_CLIENTS)
      .flatMap((g) => [...g]),
  );
  const linked = new Set<string>();
  const out: LinkEdge[] = [];
  for (let i = 1; i < run.length; i++) {
    const [previous, current] = [run[i - 1]!, run[i]!];
    const [x, y] = [previous.strongClientKey!, current.strongClientKey!];
    const pair = x < y ? `${x}\n${y}` : `${y}\n${x}`;
    if (x === y || linked.has(pair) || !household.has(x) || !household.has(y)) continue;
    // x seen again after y began, or y seen before x's sighting: the two were in use together.
    if (last.get(x)! <= i && first.get(y)! >= i - 1) continue;
    linked.add(pair);
    const isCgnat = identifier.startsWith('cgnat:');
    const link = edge(
      isCgnat ? 'cgnat_concurrent_clients' : 'ip_concurrent_clients',
      previous,
      current,
      isCgnat ? 0.5 * 0.75 : 0.5,
      identifier,
    );
    link.evidence.window = {
      from: new Date(previous.atMs ?? 0).toISOString(),
      to: new Date(current.atMs ?? 0).toISOString(),
    };
    out.push(link);
  }
  return out;
}

/** Computes the links one group's members imply; depends only on the members, never on order. */
export function groupEdges(groupKey: string, members: Member[], options: LinkOptions): LinkEdge[] {
  const colon = groupKey.indexOf(':');
  const kind = groupKey.slice(0, colon);
  const identifier = groupKey.slice(colon + 1);
  switch (kind) {
    case 'strong-client':
      return starEdges(members, 'client_id', 0.95, identifier);
    case 'weak-client': {
      const repeats = new Map<string, number>();
      for (const m of members) {
        if (m.ipKey) repeats.set(m.ipKey, (repeats.get(m.ipKey) ?? 0) + 1);
      }
      const isTrusted = [...repeats.values()].some((n) => n >= options.weakIdMinRepeats);
      return isTrusted ? starEdges(members, 'weak_client_id_repeated', 0.6, identifier) : [];
    }
    case 'ip':
    case 'cgnat':
      return [
        ...ipEdges(members, options, groupKey),
        ...concurrentClientEdges(members, options, groupKey),
      ];
    case 'tip-email':
      return starEdges(members, 'tip_email', 0.9, identifier);
    case 'tip-account':
      return starEdges(members, 'tip_account', 0.9, identifier);
    case 'tip-device':
      return starEdges(members, 'tip_device_id', 0.9, identifier);
    default:
      return [];
  }
}
