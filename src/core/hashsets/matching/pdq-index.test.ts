import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bruteForcePdq, masksWithin, PdqIndexBuilder } from './pdq-index.js';

const lines = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/pdq/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[0-9a-f]{64}$/.test(l));

const needles = lines('needles.txt');
const haystack = lines('haystack.txt');

function buildHaystack() {
  const builder = new PdqIndexBuilder();
  haystack.forEach((h, i) => expect(builder.add(h, i)).toBe(true));
  return builder.build();
}

// Flip `bits` bits spread over the 256 so that distances straddle the threshold.
function flip(hex: string, bits: number, seed: number): string {
  const words = hex.match(/.{8}/g)!.map((w) => parseInt(w, 16));
  for (let b = 0; b < bits; b++) {
    const bit = (seed * 97 + b * 53) % 256;
    words[bit >> 5] = (words[bit >> 5]! ^ (1 << (bit & 31))) >>> 0;
  }
  return words.map((w) => w.toString(16).padStart(8, '0')).join('');
}

const pairKey = (needle: number, hay: number, d: number) => `${needle}:${hay}:${d}`;

describe('PdqIndex', () => {
  it('reads the whole ThreatExchange fixture', () => {
    expect(needles).toHaveLength(100);
    expect(haystack).toHaveLength(1350);
  });

  it('finds exactly 250 pairs within 31 bits, 50 at distance 0, the same pairs as brute force', () => {
    const sut = buildHaystack();
    const indexed: string[] = [];
    const brute: string[] = [];
    needles.forEach((needle, n) => {
      for (const hit of sut.search(needle, 31)) indexed.push(pairKey(n, hit.id, hit.distance));
      for (const hit of bruteForcePdq(sut.hashes, needle, 31)) {
        brute.push(pairKey(n, hit.id, hit.distance));
      }
    });
    expect(indexed).toHaveLength(250);
    expect(indexed.filter((k) => k.endsWith(':0'))).toHaveLength(50);
    expect(indexed.sort()).toEqual(brute.sort());
  });

  it.each([0, 15, 16, 40, 63])(
    'stays exact against brute force at threshold %i on near-miss variants',
    (t) => {
      const sut = buildHaystack();
      for (let i = 0; i < 40; i++) {
        const query = flip(haystack[i * 7]!, (i % 5) + t - 2 > 0 ? (i % 5) + t - 2 : 0, i);
        const a = sut
          .search(query, t)
          .map((h) => `${h.id}:${h.distance}`)
          .sort();
        const b = bruteForcePdq(sut.hashes, query, t)
          .map((h) => `${h.id}:${h.distance}`)
          .sort();
        expect(a).toEqual(b);
      }
    },
  );

  it('probes 17 variants per word at radius 1 (pigeonhole: 31 bits over 16 words)', () => {
    expect(masksWithin(1)).toHaveLength(17);
    expect(masksWithin(0)).toEqual(Uint16Array.from([0]));
  });
});
