import { describe, expect, it } from 'vitest';
import { ByteWriter, copyBytes, putUint } from './byte-writer.js';
import { viewOf } from './row-tables.js';
import type { TextSink } from './sink.js';

const collect = () => {
  const chunks: Buffer[] = [];
  const sink: TextSink = {
    write: (chunk) => void chunks.push(Buffer.from(chunk)),
    close: async () => undefined,
  };
  return { sink, chunks };
};

describe('byte helpers', () => {
  it('writes integers with an optional zero-padded width', () => {
    const buf = Buffer.alloc(16);
    for (const [n, width, text] of [
      [0, 1, '0'],
      [7, 1, '7'],
      [65535, 1, '65535'],
      [42, 7, '0000042'],
      [12345678, 7, '12345678'],
    ] as const) {
      expect(buf.toString('latin1', 0, putUint(buf, 0, n, width))).toBe(text);
    }
  });

  it('copies any length at any offsets', () => {
    const src = Buffer.from('abcdefghijklmnopqrstuvwxyz');
    for (let from = 0; from < 6; from++) {
      for (let to = from; to <= src.length; to += 3) {
        const dst = Buffer.alloc(40, '.');
        const end = copyBytes(viewOf(dst), 3, viewOf(src), from, to);
        expect(end).toBe(3 + to - from);
        expect(dst.toString('latin1')).toBe(
          `...${src.toString('latin1', from, to)}`.padEnd(40, '.'),
        );
      }
    }
  });
});

describe('ByteWriter', () => {
  it('hands whole records to the sink and never splits one across chunks', async () => {
    const { sink, chunks } = collect();
    const w = new ByteWriter(sink, 64);
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i} ${'é'.repeat(i % 7)}\n`);
    for (const line of lines) await w.text(line);
    await w.text(`${'x'.repeat(100)}\n`); // longer than a chunk: gets its own buffer
    await w.close();
    expect(Buffer.concat(chunks).toString()).toBe(`${lines.join('')}${'x'.repeat(100)}\n`);
    for (const chunk of chunks) expect(chunk.toString().endsWith('\n')).toBe(true);
    expect(chunks.length).toBeGreaterThan(5);
  });

  it('waits for the sink when it asks for backpressure', async () => {
    const order: string[] = [];
    const sink: TextSink = {
      write: (chunk) =>
        new Promise<void>((ok) =>
          setTimeout(() => {
            order.push(`wrote ${chunk.length}`);
            ok();
          }, 1),
        ),
      close: async () => void order.push('closed'),
    };
    const w = new ByteWriter(sink, 8);
    await w.text('12345');
    const wait = w.reserve(5);
    expect(wait).toBeInstanceOf(Promise);
    await wait;
    order.push('resumed');
    await w.close();
    expect(order).toEqual(['wrote 5', 'resumed', 'closed']);
  });
});
