import { describe, expect, it } from 'vitest';
import { md5Of, sha256Of } from '#test/hashsets.js';
import { ExactIndexBuilder } from './exact-index.js';

describe('ExactIndex', () => {
  it('answers like a Set for members and non-members, including the same digest in several sets', () => {
    const builder = new ExactIndexBuilder(4, 4);
    const members = Array.from({ length: 2000 }, (_, i) => md5Of(`m${i}`));
    members.forEach((h, i) => builder.add(h, i));
    builder.add(members[10]!, 99_999);
    const sut = builder.build();
    expect(sut.size).toBe(2001);
    for (const [i, h] of members.entries()) {
      const metas: number[] = [];
      expect(sut.lookup(h, (m) => metas.push(m))).toBe(i === 10 ? 2 : 1);
      expect(metas).toContain(i);
    }
    for (let i = 0; i < 2000; i++) expect(sut.lookup(md5Of(`absent${i}`))).toBe(0);
  });

  it('accepts upper-case hex, refuses the wrong length and non-hex', () => {
    const builder = new ExactIndexBuilder(8);
    expect(builder.add(sha256Of('x'), 1)).toBe(true);
    expect(builder.add('zz'.repeat(32), 2)).toBe(false);
    const sut = builder.build();
    expect(sut.lookup(sha256Of('x').toUpperCase())).toBe(1);
    expect(sut.lookup(sha256Of('x').slice(1))).toBe(0);
    expect(sut.lookup(`g${sha256Of('x').slice(1)}`)).toBe(0);
  });

  it('lookupMany gives the same entries as lookup, in blocks, for members, repeats, absent and invalid', () => {
    const builder = new ExactIndexBuilder(4);
    const members = Array.from({ length: 3000 }, (_, i) => md5Of(`many${i}`));
    members.forEach((h, i) => builder.add(h, i));
    builder.add(members[5]!, 7777);
    const sut = builder.build();
    const queries = [...members.slice(0, 150), md5Of('none'), 'xyz', members[5]!.toUpperCase(), ''];
    const first = new Uint32Array(queries.length);
    const count = new Uint32Array(queries.length);
    sut.lookupMany(queries, first, count);
    queries.forEach((q, i) => {
      const expected: number[] = [];
      sut.lookup(q, (m) => expected.push(m));
      const got = Array.from(sut.metas.subarray(first[i]!, first[i]! + count[i]!));
      expect(got.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    });
    expect(count[5]).toBe(2);
    expect(count[150]).toBe(0);
  });

  it('works empty', () => {
    expect(new ExactIndexBuilder(4).build().lookup(md5Of('a'))).toBe(0);
  });
});
