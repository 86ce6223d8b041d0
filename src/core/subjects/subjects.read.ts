import { sql } from 'kysely';
import type { Db } from '#platform/db/client.js';
import type { CyberTipRow, TipPerson } from './cybertip.schema.js';
import { tipAnnotationsOf, type ContentFile } from './tip-annotations.js';
import type { AttributionRow, HashMatchRow, ObservationRow } from './subjects.schema.js';
import { EvidenceKindSchema, NetworkSchema, scoringFlagsOf } from './subjects.schema.js';

/** Rows read per query: a bounded page, so no single query returns the whole store. */
const PAGE = 5000;

/** Everything linking and scoring needs, read from the intake's tables. */
export type StoredRows = {
  observations: ObservationRow[];
  attributions: AttributionRow[];
  matches: HashMatchRow[];
  tips: CyberTipRow[];
  /** Agency code by node ref (`obs:<id>`, `tip:<doc>#<n>`), for the subject's jurisdiction. */
  agencyByNode: Map<string, string>;
};

async function readObservations(db: Db, rows: StoredRows): Promise<void> {
  let after = '';
  for (;;) {
    const page = await db
      .selectFrom('observation as o')
      .selectAll('o')
      .where('o.id', '>', after)
      // A superseded observation is replaced by its correction (which is read instead).
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('observationSupersession as s')
              .select('s.observationId')
              .whereRef('s.observationId', '=', 'o.id'),
          ),
        ),
      )
      .orderBy('o.id')
      .limit(PAGE)
      .execute();
    for (const o of page) {
      const network = NetworkSchema.safeParse(o.network);
      const kind = EvidenceKindSchema.safeParse(o.evidenceKind);
      rows.observations.push({
        id: o.id,
        observedAt: o.observedAt,
        network: network.success ? network.data : 'other',
        ip: o.ip,
        port: o.port,
        clientId: o.clientId && /^[0-9a-f]*$/i.test(o.clientId) ? o.clientId : null,
        clientName: o.clientName,
        hashType: o.hashType as ObservationRow['hashType'],
        hash: o.hash,
        fileName: o.fileName,
        fileSize: o.fileSize,
        evidenceKind: kind.success ? kind.data : 'query_hit',
        observer: o.observer,
      });
      rows.attributions.push({
        observationId: o.id,
        countryCode: o.countryCode,
        region: o.region,
        municipality: o.city,
        asn: o.asn,
        isp: o.asOrg,
        flags: scoringFlagsOf(o.ipFlags),
        agencyCode: o.agencyCode,
        unassignedReason: o.unassignedReason,
      });
      if (o.agencyCode) rows.agencyByNode.set(`obs:${o.id}`, o.agencyCode);
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.id;
  }
}

async function readMatches(db: Db, rows: StoredRows): Promise<void> {
  let after = { id: '', set: '', version: 0 };
  for (;;) {
    const page = await db
      .selectFrom('observationMatch as m')
      .innerJoin('hashSet as h', (j) =>
        // Only matches of each set's active version count (a replaced version no longer speaks).
        j.on(sql<boolean>`h.id::text = m.hash_set_id and h.active_version = m.hash_set_version`),
      )
      .select([
        'm.observationId',
        'm.hashSetId',
        'm.hashSetVersion',
        'm.kind',
        'm.categoryScheme',
        'm.categoryCode',
        'm.series',
        'm.victimIdentified',
        'm.isDistributed',
        'h.name',
      ])
      .where((eb) =>
        eb.or([
          eb('m.observationId', '>', after.id),
          eb.and([eb('m.observationId', '=', after.id), eb('m.hashSetId', '>', after.set)]),
          eb.and([
            eb('m.observationId', '=', after.id),
            eb('m.hashSetId', '=', after.set),
            eb('m.hashSetVersion', '>', after.version),
          ]),
        ]),
      )
      .orderBy('m.observationId')
      .orderBy('m.hashSetId')
      .orderBy('m.hashSetVersion')
      .limit(PAGE)
      .execute();
    for (const m of page) {
      rows.matches.push({
        observationId: m.observationId,
        hashSetId: m.hashSetId,
        hashSetName: m.name,
        hashSetVersion: String(m.hashSetVersion),
        kind: m.kind,
        categoryScheme: m.categoryScheme,
        categoryCode: m.categoryCode,
        series: m.series,
        victimIdentified: m.victimIdentified,
        isDistributed: m.isDistributed,
      });
    }
    if (page.length < PAGE) return;
    const last = page[page.length - 1]!;
    after = { id: last.observationId, set: last.hashSetId, version: last.hashSetVersion };
  }
}

type ContentPerson = {
  espService?: string | null;
  screenName?: string | null;
  person?: { emails?: Array<{ value: string }> } | null;
  deviceIds?: Array<{ idType: string; idValue: string }>;
};

/**
 * CyberTip reports as linking rows: the report's document id is its report id (the XML report
 * carries none); persons come from the stored content, their IP capture events from
 * cybertip_ip_event (`person[i]`); a peer-to-peer incident's events form one extra person each.
 */
async function readTips(db: Db, rows: StoredRows): Promise<void> {
  let after = '';
  for (;;) {
    const docs = await db
      .selectFrom('cybertipDocument')
      .select(['id', 'kind', 'incidentType', 'content'])
      .where('kind', 'in', ['report', 'file_details'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (docs.length === 0) return;
    const events = await db
      .selectFrom('cybertipIpEvent')
      .selectAll()
      .where(
        'documentId',
        'in',
        docs.map((d) => d.id),
      )
      .orderBy('documentId')
      .orderBy('ordinal')
      .execute();
    for (const doc of docs) {
      const content = (doc.content ?? {}) as { reportedPersons?: ContentPerson[] };
      // A file's details arrive as a document of their own (the report carries no report id):
      // one person (the uploader's IP event and devices) and the file's annotations.
      const isFile = doc.kind === 'file_details';
      const reported = isFile
        ? [{ deviceIds: (content as ContentFile).deviceIds ?? [] }]
        : Array.isArray(content.reportedPersons)
          ? content.reportedPersons
          : [];
      const persons: TipPerson[] = reported.map((p) => ({
        espService: p.espService ?? null,
        screenNames: p.screenName ? [p.screenName] : [],
        emails: (p.person?.emails ?? []).map((e) => e.value),
        ipCaptureEvents: [],
        deviceIds: (p.deviceIds ?? []).map((d) => ({ idType: d.idType, idValue: d.idValue })),
      }));
      const extra = new Map<string, number>();
      for (const e of events.filter((x) => x.documentId === doc.id)) {
        const own =
          isFile && e.subject === 'file' ? ['', '0'] : /^person\[(\d+)\]$/.exec(e.subject);
        let index = own ? Number(own[1]) : extra.get(e.subject);
        if (index === undefined || persons[index] === undefined) {
          index = persons.length;
          extra.set(e.subject, index);
          persons.push({ screenNames: [], emails: [], ipCaptureEvents: [], deviceIds: [] });
        }
        persons[index]!.ipCaptureEvents.push({
          ip: e.ip,
          dateTime: e.eventAt,
          port: e.port,
          possibleProxy: e.possibleProxy,
        });
        if (e.agencyCode && !rows.agencyByNode.has(`tip:${doc.id}#${index}`)) {
          rows.agencyByNode.set(`tip:${doc.id}#${index}`, e.agencyCode);
        }
      }
      rows.tips.push({
        reportId: doc.id,
        incidentType: doc.incidentType ?? '',
        ...tipAnnotationsOf(doc.kind, content),
        persons,
      });
    }
    if (docs.length < PAGE) return;
    after = docs[docs.length - 1]!.id;
  }
}

/** Reads every stored observation, match of an active hash set version, attribution and tip. */
export async function readStoredRows(db: Db): Promise<StoredRows> {
  const rows: StoredRows = {
    observations: [],
    attributions: [],
    matches: [],
    tips: [],
    agencyByNode: new Map(),
  };
  await readObservations(db, rows);
  await readMatches(db, rows);
  await readTips(db, rows);
  return rows;
}
