import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { md5Of, sha256Of } from '#test/hashsets.js';
import { digestWords, ExactIndex, ExactIndexBuilder } from './exact-index.js';

/** Meta ids of every entry for `hex`, sorted, through the single hex look-up. */
function metasOf(index: ExactIndex, slot: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < index.runLength(slot); k++) out.push(index.metaAt(slot + k));
  return out.sort((a, b) => a - b);
}

/** Words chosen to collide: equal first words, the extremes (home 0, last slot), random. */
const word = fc.oneof(
  fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff),
  fc.integer({ min: 0, max: 0xffffffff }),
);

function hexOf(words: number[]): string {
  // Host-order words over the digest bytes: write them little-endian, as x86 and ARM Node do.
  const bytes = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => bytes.writeUInt32LE(w, i * 4));
  return bytes.toString('hex');
}

describe('ExactIndex', () => {
  it('gives the same answers as a Map model, through all four look-ups (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.array(word, { minLength: 5, maxLength: 5 }), { maxLength: 300 }),
        fc.array(fc.array(word, { minLength: 5, maxLength: 5 }), { maxLength: 100 }),
        (W, entryWords, absentWords) => {
          const entries = entryWords.map((w) => hexOf(w.slice(0, W)));
          const model = new Map<string, number[]>();
          const builder = new ExactIndexBuilder(W, 1);
          entries.forEach((hex, meta) => {
            expect(builder.add(hex, meta)).toBe(true);
            model.set(hex, [...(model.get(hex) ?? []), meta]);
          });
          const sut = builder.build();
          expect(sut.size).toBe(entries.length);
          const queries = [...entries, ...absentWords.map((w) => hexOf(w.slice(0, W)))];
          const bySingle = queries.map((q) => sut.find(q));
          const byHexBatch = new Int32Array(queries.length);
          sut.findHexBatch(queries, byHexBatch);
          const byBatch = new Int32Array(queries.length);
          sut.findBatch(digestWords(Buffer.from(queries.join(''), 'hex')), byBatch);
          queries.forEach((q, i) => {
            const expected = model.get(q) ?? [];
            expect(metasOf(sut, bySingle[i]!)).toEqual(expected);
            expect(byHexBatch[i]).toBe(bySingle[i]);
            expect(byBatch[i]).toBe(bySingle[i]);
            expect(sut.find(q.toUpperCase())).toBe(bySingle[i]);
          });
        },
      ),
      { numRuns: 300 },
    );
  }, 30_000);

  it('answers like a Set for 5,000 MD5 members and non-members, in at most 40 bytes an entry', () => {
    const builder = new ExactIndexBuilder(4);
    const members = Array.from({ length: 5000 }, (_, i) => md5Of(`m${i}`));
    members.forEach((h, i) => builder.add(h, i));
    builder.add(members[10]!, 99_999);
    const sut = builder.build();
    expect(sut.size).toBe(5001);
    for (const [i, h] of members.entries()) {
      expect(metasOf(sut, sut.find(h))).toEqual(i === 10 ? [10, 99_999] : [i]);
    }
    for (let i = 0; i < 5000; i++) expect(sut.find(md5Of(`absent${i}`))).toBe(-1);
    expect(sut.byteLength / sut.size).toBeLessThanOrEqual(40);
    expect(sut.byteLength / sut.size).toBeGreaterThanOrEqual(20);
  }, 30_000);

  it('refuses the wrong length, non-hex and non-ASCII look-alikes, in the builder and the look-ups', () => {
    const builder = new ExactIndexBuilder(8);
    const hex = sha256Of('x');
    expect(builder.add(hex, 1)).toBe(true);
    expect(builder.add('zz'.repeat(32), 2)).toBe(false);
    expect(builder.add(hex.slice(2), 3)).toBe(false);
    expect(builder.count).toBe(1);
    const sut = builder.build();
    expect(sut.find(hex)).toBeGreaterThanOrEqual(0);
    expect(sut.find(hex.slice(1))).toBe(-1);
    expect(sut.find(`${hex}0`)).toBe(-1);
    expect(sut.find(`g${hex.slice(1)}`)).toBe(-1);
    // U+0130 & 127 is 0x30 ('0'): the table must not fold it into a digit.
    // Code points over 255 must not alias to hex digits: U+0130 & 0xff is '0', and so on.
    const aliasing = ['\u0130', '\u0161', '\u0230'];
    for (const [at, c] of [
      [0, '0'],
      [1, '0'],
      [0, 'a'],
      [63, '0'],
    ] as const) {
      const member = `${hex.slice(0, at)}${c}${hex.slice(at + 1)}`;
      const b2 = new ExactIndexBuilder(8);
      b2.add(member, 1);
      const withMember = b2.build();
      expect(withMember.find(member)).toBe(0);
      for (const a of aliasing.filter((x) => (x.charCodeAt(0) & 0xff) === c.charCodeAt(0))) {
        expect(withMember.find(`${hex.slice(0, at)}${a}${hex.slice(at + 1)}`)).toBe(-1);
      }
    }
    const out = new Int32Array(3);
    sut.findHexBatch([hex, 'xyz', hex.toUpperCase()], out);
    expect(Array.from(out)).toEqual([sut.find(hex), -1, sut.find(hex)]);
  });

  it('reads binary digests from unaligned bytes (a copy) and refuses a short batch', () => {
    const builder = new ExactIndexBuilder(4);
    builder.add(md5Of('a'), 7);
    const sut = builder.build();
    const raw = Buffer.alloc(17);
    Buffer.from(md5Of('a'), 'hex').copy(raw, 1);
    const out = new Int32Array(1);
    sut.findBatch(digestWords(raw.subarray(1)), out);
    expect(sut.metaAt(out[0]!)).toBe(7);
    expect(() => sut.findBatch(new Uint32Array(4), new Int32Array(2))).toThrow(RangeError);
    expect(() => digestWords(new Uint8Array(5))).toThrow(RangeError);
  });

  it('builds from binary digests the same index as from hex, and refuses a meta id out of range', () => {
    const hexes = Array.from({ length: 500 }, (_, i) => md5Of(`b${i}`));
    const words = digestWords(Buffer.from(hexes.join(''), 'hex'));
    const fromHex = new ExactIndexBuilder(4);
    const fromBinary = new ExactIndexBuilder(4);
    hexes.forEach((h, i) => {
      fromHex.add(h, i);
      fromBinary.addDigest(words, i * 4, i);
    });
    const a = fromHex.build();
    const b = fromBinary.build();
    for (const h of hexes) expect(b.find(h)).toBe(a.find(h));
    expect(() => new ExactIndexBuilder(4).add(md5Of('x'), 0xffffffff)).toThrow(RangeError);
  });

  it('answers a batch in the order of its queries, with duplicates, misses and any chunking', () => {
    const builder = new ExactIndexBuilder(4);
    const members = Array.from({ length: 300 }, (_, i) => md5Of(`c${i}`));
    members.forEach((h, i) => builder.add(h, i));
    const sut = builder.build();
    // Members in reverse order, each twice, interleaved with absent digests.
    const queries = members.toReversed().flatMap((h, i) => [h, md5Of(`none${i}`), h]);
    const words = digestWords(Buffer.from(queries.join(''), 'hex'));
    const whole = new Int32Array(queries.length);
    sut.findBatch(words, whole);
    queries.forEach((q, i) => {
      expect(whole[i]).toBe(sut.find(q));
      expect(whole[i]! >= 0).toBe(i % 3 !== 1);
    });
    for (const chunk of [1, 7, 64, 65, 500]) {
      const out = new Int32Array(queries.length).fill(-2);
      for (let from = 0; from < queries.length; from += chunk) {
        const to = Math.min(queries.length, from + chunk);
        sut.findBatch(words.subarray(from * 4, to * 4), out.subarray(from, to));
      }
      expect(out).toEqual(whole);
    }
    const empty = new Int32Array(0);
    sut.findBatch(new Uint32Array(0), empty);
    sut.findHexBatch([], empty);
    expect(empty.length).toBe(0);
  });

  it('works empty', () => {
    const sut = new ExactIndexBuilder(4).build();
    expect(sut.find(md5Of('a'))).toBe(-1);
    expect(sut.runLength(-1)).toBe(0);
    const out = new Int32Array(1);
    sut.findBatch(digestWords(Buffer.from(md5Of('a'), 'hex')), out);
    expect(out[0]).toBe(-1);
  });
});
