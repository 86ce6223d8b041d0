/**
 * @module Worker-thread entry of the row worker pool (row-workers.ts): generates the chunks it is
 * sent, in the order sent, and transfers each chunk's bytes back; on -1, returns its counters.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { RowGenerator, type RowPlan } from '#core/simulation/row-generator.js';

const port = parentPort!;
const generator = new RowGenerator((workerData as { plan: RowPlan }).plan);
port.on('message', (index: number) => {
  if (index < 0) {
    port.postMessage({ counters: generator.counters });
    return;
  }
  const chunk = generator.chunk(index);
  port.postMessage({ chunk }, [
    chunk.bytes.buffer as ArrayBuffer,
    chunk.seqAt.buffer as ArrayBuffer,
  ]);
});
port.postMessage({ ready: true });
