import type { ObservationStats } from './observations.js';
import type { Tip } from './tips.js';
import type { DirtyExpectation, Truth } from './truth.schema.js';
import type { World } from './world.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** Assembles truth.json from the world and what was written. */
export function buildTruth(
  world: World,
  stats: ObservationStats,
  tips: Tip[],
  files: Truth['files'],
  expected: Record<string, DirtyExpectation> | null,
): Truth {
  const { options, catalogue } = world;
  const byType: Record<string, number> = {};
  for (const s of world.subjects) byType[s.type] = (byType[s.type] ?? 0) + 1;
  const { perSubject, ...observations } = stats;
  const known = Uint8Array.from(catalogue.files, (f) => (f.kind === 'known' ? 1 : 0));
  const knownIn = (library: Int32Array) => {
    let n = 0;
    for (const id of library) n += known[id]!;
    return n;
  };
  return {
    format: 'vigil-simulation-truth/1',
    parameters: {
      seed: options.seed,
      scale: options.scale,
      start: options.start,
      days: options.days,
      dirty: options.dirty,
      region: options.region.name,
      regionAttribution: options.region.attribution,
    },
    subjects: world.subjects.map((s) => ({
      id: s.id,
      type: s.type,
      handsOn: s.handsOn,
      producer: s.producer,
      childrenAtRisk: s.childrenAtRisk,
      municipality: s.household.municipality,
      police: s.household.police,
      isp: s.household.isp,
      asn: s.household.asn,
      addressing: s.household.mode,
      libraryFiles: s.library.length,
      knownFiles: knownIn(s.library),
      newFileMd5s: s.newFiles.map((id) => catalogue.files[id]!.md5),
      observations: perSubject[s.id] ?? 0,
      screenName: s.screenName,
      email: s.email,
      installations: s.installations.map((i) => ({
        id: i.id,
        network: i.network,
        clientId: i.clientId,
        clientName: i.clientName,
        port: i.port,
        from: iso(i.from),
        to: iso(i.to),
      })),
      ips: s.household.leases.map((l) => ({
        ip: l.ip,
        from: iso(l.from),
        to: iso(l.to),
        ...(l.ports ? { ports: l.ports, internalIp: l.internalIp! } : {}),
      })),
    })),
    torExits: world.torExits.map((e) => ({
      fingerprint: e.fingerprint,
      ip: e.ip,
      asn: e.asn,
      isp: e.isp,
      country: e.country,
      from: iso(e.from),
      to: iso(e.to),
    })),
    tips: tips.map((t) => ({
      reportId: t.reportId,
      subjectId: t.subjectId,
      incidentType: t.incidentType,
      ips: t.ips,
      md5s: t.md5s,
      files: t.files.map((f) => f.path),
    })),
    summary: {
      subjects: byType,
      handsOnOffenders: world.subjects.filter((s) => s.handsOn).length,
      producers: world.subjects.filter((s) => s.producer).length,
      childrenAtRisk: world.subjects.reduce((a, s) => a + s.childrenAtRisk, 0),
      knownMedia: catalogue.files.filter((f) => f.kind === 'known').length,
      benignHashes: catalogue.files.filter((f) => f.kind === 'benign').length,
      series: catalogue.series.length,
      newFiles: catalogue.files.filter((f) => f.kind === 'new').length,
      observations,
    },
    files,
    ...(expected ? { dirty: { expected } } : {}),
  };
}
