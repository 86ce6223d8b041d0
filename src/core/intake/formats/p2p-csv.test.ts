import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseP2pCsv } from './p2p-csv.js';
import type { ParsedItem } from './parsed-item.js';

const HEADER = 'observer,port,ip,observed_at,network,hash_type,hash,evidence_kind';

async function parse(text: string): Promise<ParsedItem[]> {
  const items: ParsedItem[] = [];
  for await (const item of parseP2pCsv(Readable.from([Buffer.from(text)]), 't.csv')) {
    items.push(item);
  }
  return items;
}

describe(parseP2pCsv.name, () => {
  it('takes columns in any order, with a BOM and mixed line endings, keeping start lines', async () => {
    const items = await parse(
      `\ufeff${HEADER}\r\na,1,1.2.3.4,t,n,h,x,e\nb,2,"1.2.3.4",t,n,h,"multi\nline",e\rc,3,1.2.3.4,t,n,h,x,e`,
    );
    expect(items.map((i) => i.line)).toEqual([2, 3, 5]);
    expect(items.map((i) => ('record' in i ? i.record.observer : null))).toEqual(['a', 'b', 'c']);
    expect(items[1]).toMatchObject({ raw: 'b,2,"1.2.3.4",t,n,h,"multi\nline",e' });
  });

  it('reports ragged rows, stray quotes and an unterminated quote verbatim, and goes on', async () => {
    const items = await parse(
      `${HEADER}\na,1\nb,2,1.2"3,t,n,h,x,e\nc,3,1.2.3.4,t,n,h,x,e\nd,"4,1.2.3.4,t,n,h,x,e\n`,
    );
    expect(items.map((i) => [i.line, 'error' in i])).toEqual([
      [2, true],
      [3, true],
      [4, false],
      [5, true],
    ]);
    expect(items[1]!.raw).toBe('b,2,1.2"3,t,n,h,x,e');
  });

  it.each([
    ['an unknown column', 'colour,observed_at'],
    ['a duplicated column', `${HEADER},ip`],
    ['a differently cased column', HEADER.replace('ip', 'IP')],
    ['a space-padded column', HEADER.replace('ip', ' ip')],
    ['a semicolon header', HEADER.replaceAll(',', ';')],
    ['a missing required column', HEADER.replace(',evidence_kind', '')],
  ])('rejects the file for %s', async (_name, header) => {
    await expect(parse(`${header}\n1,2\n`)).rejects.toThrow(/bad header/);
  });

  it('rejects rows with NUL bytes or invalid UTF-8', async () => {
    const items = await parse(`${HEADER}\na\u0000,1,1.2.3.4,t,n,h,x,e\n`);
    expect(items[0]).toMatchObject({ error: { reason: 'invalid UTF-8 or NUL byte' } });
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\n`),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(',1,1.2.3.4,t,n,h,x,e\n'),
    ]);
    const out: ParsedItem[] = [];
    for await (const item of parseP2pCsv(Readable.from([bytes]), 't.csv')) out.push(item);
    expect(out[0]).toMatchObject({ error: { reason: 'invalid UTF-8 or NUL byte' } });
  });
});
