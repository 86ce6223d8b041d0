import type { CatalogueFile, Series } from './catalogue.js';
import type { Rng } from './prng.js';
import { ChunkedWriter, type TextSink } from './sink.js';
import { TimestampFormatter } from './time.js';

export const VICS_CONTEXT =
  'http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/US/$metadata#Media';

/** One VICS 2.0 Media object of a known file: hashes, category, series and flags, never content. */
export function vicsMedia(
  f: CatalogueFile,
  series: Series | undefined,
  rng: Rng,
  fmt: TimestampFormatter,
  before: number,
): Record<string, unknown> {
  const media: Record<string, unknown> = {
    MediaID: f.id + 1,
    MD5: f.md5.toUpperCase(),
    SHA1: f.sha1.toUpperCase(),
    Category: f.category,
    MediaSize: f.size,
    DateUpdated: `${fmt.utc(before - rng.int(400) * 86_400_000).slice(0, 19)}Z`,
    IsPrecategorized: true,
    IsDistributed: rng.chance(0.8),
    VictimIdentified: series?.victimIdentified ?? false,
    OffenderIdentified: false,
    Series: series?.name ?? null,
  };
  if (f.hasEdk) media.AlternativeHashes = [{ HashName: 'EDK', HashValue: f.ed2k.toUpperCase() }];
  return media;
}

/** Streams the VICS hash set of every known file: one Media object a line inside the OData envelope. */
export async function writeVics(
  files: CatalogueFile[],
  series: Series[],
  rng: Rng,
  before: number,
  out: TextSink,
): Promise<number> {
  const w = new ChunkedWriter(out);
  const fmt = new TimestampFormatter();
  await w.push(`{"@odata.context":${JSON.stringify(VICS_CONTEXT)},"value":[\n`);
  let n = 0;
  for (const f of files) {
    if (f.kind !== 'known') continue;
    const wait = w.push(
      `${n === 0 ? '' : ',\n'}${JSON.stringify(vicsMedia(f, series[f.seriesId], rng, fmt, before))}`,
    );
    if (wait) await wait;
    n++;
  }
  await w.push('\n]}\n');
  await w.close();
  return n;
}

/** Streams the known-benign list in md5sum format (`<hex>  <path>`). */
export async function writeBenign(files: CatalogueFile[], out: TextSink): Promise<number> {
  const w = new ChunkedWriter(out);
  let n = 0;
  for (const f of files) {
    if (f.kind !== 'benign') continue;
    const wait = w.push(`${f.md5}  ./software/pkg-${f.id}/${f.name}\n`);
    if (wait) await wait;
    n++;
  }
  await w.close();
  return n;
}
