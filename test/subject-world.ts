import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanFile } from '#core/intake/file-source.js';
import { systemContext } from '#core/access/actor.js';
import type { Core } from '#src/app.js';
import { bytesOf, media, vics2 } from './hashsets.js';

const HEADER =
  'observed_at,network,ip,port,client_id,client_name,hash_type,hash,file_name,file_size,evidence_kind,observer';

/** One P2P log row for tests: 24.114.x.x is in Toronto (ON-TPS), 142.51.x.x in Sudbury (ON-GSPS). */
export function p2pRow(at: string, ip: string, guidDigit: string, hashDigit: string): string {
  return `${at},gnutella,${ip},6346,${guidDigit.repeat(32)},Shareaza,sha1,${hashDigit.repeat(40)},f.jpg,100,download_verified,probe-1`;
}

/** Imports P2P log rows through the real intake (attribution, jurisdiction, matching). */
export async function importRows(core: Core, rows: string[], name = 'obs.csv'): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-subject-world-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, [HEADER, ...rows].join('\n'));
    const scan = await scanFile(path);
    await core.intake.importFile({
      fileName: name,
      format: 'p2p-csv',
      sourceSha256: scan.sha256,
      open: scan.open,
      mode: 'resumable',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The stored subjects as groups of observation labels (`<ip> <first hex of the client id>`), each
 * group sorted and the groups sorted, for comparing partitions.
 */
export async function partition(core: Core): Promise<string[][]> {
  const rows = await core.handle.db
    .selectFrom('subjectMember as m')
    .innerJoin('observation as o', 'o.id', 'm.observationId')
    .select(['m.subjectKey', 'o.ip', 'o.clientId'])
    .execute();
  const groups = new Map<string, string[]>();
  for (const r of rows) {
    const label = `${r.ip} ${(r.clientId ?? '-').slice(0, 1)}`;
    groups.set(r.subjectKey, [...(groups.get(r.subjectKey) ?? []), label]);
  }
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** The key of the subject holding the observation seen from this IP. */
export async function subjectWithIp(core: Core, ip: string): Promise<string> {
  const row = await core.handle.db
    .selectFrom('subjectMember as m')
    .innerJoin('observation as o', 'o.id', 'm.observationId')
    .select('m.subjectKey')
    .where('o.ip', '=', ip)
    .executeTakeFirstOrThrow();
  return row.subjectKey;
}

/** Imports a known hash set (VICS, category 1) holding the SHA-1 `digit x 40` for each digit. */
export async function importKnownSet(core: Core, digits: string[]): Promise<void> {
  const items = digits.map((d, i) =>
    media(`known-${d}`, { MediaID: i + 1, SHA1: d.repeat(40), Category: 1 }),
  );
  await core.hashsets.importHashSet(
    systemContext('cli', 'test'),
    { fileName: 'known.json', stream: bytesOf(vics2(items), 4096) },
    { kind: 'known', isStrict: false },
  );
}
