import { createHash } from 'node:crypto';

/** A byte stream of `text`, cut into chunks of `chunkSize` bytes (to cross token boundaries). */
export async function* bytesOf(
  text: string | Uint8Array,
  chunkSize = 7,
): AsyncIterable<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
}

/** Deterministic synthetic digests: never real hash-list content. */
export const md5Of = (seed: string) => createHash('md5').update(seed).digest('hex');
export const sha1Of = (seed: string) => createHash('sha1').update(seed).digest('hex');
export const sha256Of = (seed: string) => createHash('sha256').update(seed).digest('hex');

export type VicsMediaInput = Record<string, unknown>;

/** A VICS 2.0 hash set (flat `value` of Media) in the given profile. */
export function vics2(items: VicsMediaInput[], profile = 'US'): string {
  return JSON.stringify({
    '@odata.context': `http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/${profile}/$metadata#Media`,
    value: items,
  });
}

/** A VICS 1.x hash set. */
export function vics1(items: VicsMediaInput[]): string {
  return JSON.stringify({
    'odata.metadata': 'http://github.com/ICMEC/ProjectVic/DataModels/1.2.xml#Media',
    value: items,
  });
}

/** A VICS 2.0 case export: `value` holds Cases, each with its Media. */
export function vicsCases(cases: Array<{ caseId: number; media: VicsMediaInput[] }>): string {
  return JSON.stringify({
    '@odata.context':
      'http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Cases',
    value: cases.map((c) => ({
      CaseID: c.caseId,
      CaseNumber: `SYN-${c.caseId}`,
      ContactName: 'Synthetic Tester',
      SourceApplicationName: 'vigil-tests',
      Media: c.media,
    })),
  });
}

/** A synthetic Media with the usual VICS fields. */
export function media(seed: string, extra: VicsMediaInput = {}): VicsMediaInput {
  return {
    MediaID: 1,
    MD5: md5Of(seed).toUpperCase(),
    SHA1: sha1Of(seed),
    Category: 1,
    MediaSize: 1234,
    MimeType: 'image/jpeg',
    DateUpdated: '2024-05-01T10:00:00+01:00Z',
    IsPrecategorized: 'true',
    VictimIdentified: false,
    IsDistributed: 1,
    Series: null,
    ...extra,
  };
}

/** Drains an async iterable into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
