/**
 * @module The synthetic world: `simulate()` writes a deterministic ICE caseload (hash sets, P2P
 * observation log, CyberTipline reports, Tor exit list and ground truth) through an OutputSink.
 */
import { ValidationError } from '#shared/errors.js';
import { zodIssues } from '#shared/zod-error.js';
import { SCALE_PARAMS, type Scale } from './behaviours.js';
import {
  dirtyHashSetEntries,
  JSON_BAD_FILES,
  JSON_BAD_MEDIA,
  JSON_GOOD_MEDIA,
  plantedObservationLines,
  XML_BAD_DOCS,
} from './dirty.js';
import { writeBenign, writeVics } from './hashsets.js';
import { writeObservations } from './observations.js';
import ontario from './regions/ontario.json' with { type: 'json' };
import { inProcessRows, type RowChunkRunner } from './row-generator.js';
import { RegionSchema, type Region } from './region.schema.js';
import { writeWhole, type OutputSink } from './sink.js';
import { buildTips } from './tips.js';
import { torExitList } from './tor-exits.js';
import { buildTruth } from './truth.js';
import type { DirtyExpectation, Truth } from './truth.schema.js';
import { buildWorld } from './world.js';

export type SimulateOptions = {
  seed?: number;
  scale?: Scale;
  start?: string;
  days?: number;
  dirty?: boolean;
  /** A region file's content; defaults to Ontario. */
  region?: unknown;
  /** Overrides the scale's target number of observation rows. */
  rows?: number;
};

/** The bundled Ontario region, validated. */
export function ontarioRegion(): Region {
  return RegionSchema.parse(ontario);
}

/** Validates a region file's content; throws ValidationError naming each bad field. */
export function parseRegion(content: unknown): Region {
  const result = RegionSchema.safeParse(content);
  if (!result.success) throw new ValidationError('invalid region file', zodIssues(result.error));
  return result.data;
}

/**
 * Generates the world and writes every file through `sink`; returns the ground truth (also written
 * as truth.json). `rows` generates the observation rows (by default in this thread; the CLI shell
 * passes a pool of worker threads): the bytes are the same whichever runs them.
 */
export async function simulate(
  options: SimulateOptions,
  sink: OutputSink,
  rows: RowChunkRunner = inProcessRows,
): Promise<Truth> {
  const region = options.region === undefined ? ontarioRegion() : parseRegion(options.region);
  const scale = options.scale ?? 'tiny';
  const world = buildWorld({
    seed: options.seed ?? 1,
    scale,
    start: options.start ?? '2015-03-01',
    days: options.days ?? 92,
    dirty: options.dirty ?? false,
    region,
    ...(options.rows ? { rows: options.rows } : {}),
  });
  const files: Record<string, { items: number }> = {};
  const expected: Record<string, DirtyExpectation> = {};
  const known = await writeVics(
    world.catalogue.files,
    world.catalogue.series,
    world.rng.fork('vics'),
    world.start,
    sink.open('hashsets/known.vics.json'),
  );
  files['hashsets/known.vics.json'] = { items: known };
  files['hashsets/benign.md5'] = {
    items: await writeBenign(world.catalogue.files, sink.open('hashsets/benign.md5')),
  };
  const planted = world.options.dirty ? plantedObservationLines() : null;
  const stats = await writeObservations(
    world,
    sink.open('observations.csv'),
    planted?.lines ?? [],
    world.options.dirty,
    rows,
  );
  files['observations.csv'] = { items: stats.rows };
  if (planted) {
    expected['observations.csv'] = {
      rejected: planted.rejected,
      byReason: planted.byReason,
      accepted: stats.rows + planted.formulaCells + 1,
      duplicates: planted.duplicates,
      formulaCells: planted.formulaCells,
    };
  }
  const tips = buildTips(world, world.rng.fork('tips'), SCALE_PARAMS[scale].tips);
  for (const tip of tips) {
    for (const doc of tip.files) {
      await writeWhole(sink, doc.path, doc.xml);
      files[doc.path] = { items: 1 };
    }
  }
  const tor = torExitList(world.torExits);
  await writeWhole(sink, 'tor-exit-addresses', tor.text);
  files['tor-exit-addresses'] = { items: tor.lines };
  if (world.options.dirty) await writeDirty(sink, files, expected);
  const truth = buildTruth(world, stats, tips, files, world.options.dirty ? expected : null);
  const truthFile = sink.open('truth.json');
  await truthFile.write(`${JSON.stringify(truth, null, 1)}\n`);
  await truthFile.close();
  return truth;
}

async function writeDirty(
  sink: OutputSink,
  files: Record<string, { items: number }>,
  expected: Record<string, DirtyExpectation>,
) {
  const none = { accepted: 0, duplicates: 0, formulaCells: 0 };
  for (const doc of XML_BAD_DOCS) {
    const path = `tips/dirty-${doc.name}.xml`;
    await writeWhole(sink, path, doc.xml);
    files[path] = { items: 1 };
    expected[path] = { ...none, rejected: 1, byReason: { [doc.reason]: 1 } };
  }
  for (const f of JSON_BAD_FILES) {
    const path = `hashsets/dirty/${f.name}.vics.json`;
    await writeWhole(sink, path, f.text);
    files[path] = { items: 1 };
    expected[path] = { ...none, rejected: 1, byReason: { [f.reason]: 1 } };
  }
  const path = 'hashsets/dirty/entries.vics.json';
  await writeWhole(sink, path, dirtyHashSetEntries());
  files[path] = { items: JSON_GOOD_MEDIA.length + JSON_BAD_MEDIA.length };
  const byReason: Record<string, number> = {};
  for (const m of JSON_BAD_MEDIA) byReason[m.reason] = (byReason[m.reason] ?? 0) + 1;
  expected[path] = {
    ...none,
    rejected: JSON_BAD_MEDIA.length,
    byReason,
    accepted: JSON_GOOD_MEDIA.length,
  };
}
