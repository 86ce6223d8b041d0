import { P2P_FIELDS } from '#core/intake/observation.js';
import { ByteWriter, putUint } from './byte-writer.js';
import {
  inProcessRows,
  KINDS,
  NETWORKS,
  rowPlan,
  type RowChunk,
  type RowChunkRunner,
} from './row-generator.js';
import type { TextSink } from './sink.js';
import type { World } from './world.js';

/** Column order of the P2P observation log v1 as the simulator writes it (the spec's order). */
export const OBSERVATION_COLUMNS = P2P_FIELDS;

export type ObservationStats = {
  rows: number;
  byNetwork: Record<string, number>;
  byEvidenceKind: Record<string, number>;
  viaTor: number;
  viaCgnat: number;
  /** Rows per subject id. */
  perSubject: Record<string, number>;
};

/** A line planted after the `after`-th valid row (dirty mode). */
export type PlantedLine = { after: number; line: string };

/**
 * Streams the observation log: header, then time-ordered rows, with planted lines in between.
 * The rows come in chunks from `runner` (in this thread by default, or from worker threads); they
 * are written in chunk order, each verified row's evidence sequence number inserted here.
 */
export async function writeObservations(
  world: World,
  out: TextSink,
  planted: PlantedLine[] = [],
  bom = false,
  runner: RowChunkRunner = inProcessRows,
): Promise<ObservationStats> {
  const writer = new ByteWriter(out);
  await writer.text(`${bom ? '\uFEFF' : ''}${OBSERVATION_COLUMNS.join(',')}\n`);
  // A planted line goes after row `max(1, after)`, or at the end when there are fewer rows.
  const plants = [...planted].sort((a, b) => a.after - b.after);
  let next = 0;
  let rows = 0;
  let evidenceSeq = 0;
  const consume = async (chunk: RowChunk): Promise<void> => {
    const { bytes, seqAt } = chunk;
    let from = 0;
    let s = 0;
    let row = rows;
    let rowEnd = 0;
    for (;;) {
      // The next cut: an evidence sequence number, or the end of the row a line is planted after.
      let plantAt = -1;
      if (next < plants.length && Math.max(1, plants[next]!.after) <= rows + chunk.rows) {
        const target = Math.max(1, plants[next]!.after);
        while (row < target) {
          rowEnd = bytes.indexOf(10, rowEnd) + 1;
          row++;
        }
        plantAt = rowEnd;
      }
      const seq = s < seqAt.length ? seqAt[s]! : -1;
      if (seq >= 0 && (plantAt < 0 || seq < plantAt)) {
        let wait = copy(writer, bytes, from, seq);
        if (wait) await wait;
        wait = writer.reserve(16);
        if (wait) await wait;
        writer.pos = putUint(writer.buf, writer.pos, ++evidenceSeq, 7);
        from = seq;
        s++;
      } else if (plantAt >= 0) {
        await copy(writer, bytes, from, plantAt);
        await writer.text(plants[next++]!.line);
        from = plantAt;
      } else break;
    }
    await copy(writer, bytes, from, bytes.length);
    rows += chunk.rows;
  };
  const counters = await runner(rowPlan(world), consume);
  while (next < plants.length) await writer.text(plants[next++]!.line);
  await writer.close();
  const perSubject: Record<string, number> = {};
  world.subjects.forEach((s, i) => (perSubject[s.id] = counters.perSubject[i]!));
  return {
    rows,
    byNetwork: counts(NETWORKS, counters.byNetwork),
    byEvidenceKind: counts(KINDS, counters.byKind),
    viaTor: counters.viaTor,
    viaCgnat: counters.viaCgnat,
    perSubject,
  };
}

/** Copies `bytes[from, to)` into the writer; returns a promise only when the sink asks to wait. */
function copy(
  writer: ByteWriter,
  bytes: Uint8Array,
  from: number,
  to: number,
): void | Promise<void> {
  if (to <= from) return;
  const wait = writer.reserve(to - from);
  if (wait) return wait.then(() => place(writer, bytes, from, to));
  place(writer, bytes, from, to);
}

function place(writer: ByteWriter, bytes: Uint8Array, from: number, to: number): void {
  writer.buf.set(bytes.subarray(from, to), writer.pos);
  writer.pos += to - from;
}

function counts(names: readonly string[], values: Float64Array): Record<string, number> {
  return Object.fromEntries(names.map((name, i) => [name, values[i]!]));
}
