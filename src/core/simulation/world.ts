import { SCALE_PARAMS, type Scale } from './behaviours.js';
import { buildCatalogue, type Catalogue } from './catalogue.js';
import { buildPopulation, type Subject, type TorExit } from './population.js';
import { Rng } from './prng.js';
import { buildRowTables, type RowTables } from './row-tables.js';
import type { Region } from './region.schema.js';
import { dayStart, MS_PER_DAY } from './time.js';

/** What fixes a world: the same options give the same bytes. */
export type WorldOptions = {
  seed: number;
  scale: Scale;
  /** First day, `YYYY-MM-DD` (UTC). */
  start: string;
  days: number;
  dirty: boolean;
  region: Region;
  /** Overrides the scale's target row count (benchmarks). */
  rows?: number;
};

export type World = {
  options: WorldOptions;
  start: number;
  end: number;
  rows: number;
  catalogue: Catalogue;
  subjects: Subject[];
  torExits: TorExit[];
  /** The same subjects, installations, leases and files packed for the row generator. */
  tables: RowTables;
  rng: Rng;
};

/** Builds the in-memory world (catalogue, population, exits); rows are streamed later from it. */
export function buildWorld(options: WorldOptions): World {
  const p = SCALE_PARAMS[options.scale];
  const rng = new Rng(`vigil-simulate:${options.seed}`);
  const start = dayStart(options.start);
  const end = start + options.days * MS_PER_DAY;
  const catalogue = buildCatalogue(rng.fork('catalogue'), p);
  const { subjects, torExits } = buildPopulation(
    rng.fork('population'),
    { subjects: p.subjects, start, end, region: options.region, torExits: p.torExits },
    catalogue,
  );
  const tables = buildRowTables({ catalogue, subjects, torExits });
  return {
    options,
    start,
    end,
    rows: options.rows ?? p.rows,
    catalogue,
    subjects,
    torExits,
    tables,
    rng,
  };
}
