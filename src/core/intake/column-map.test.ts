import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '#shared/errors.js';
import { parseColumnMap } from './column-map.js';
import { parseP2pCsv } from './formats/p2p-csv.js';
import { parseP2pJsonl } from './formats/p2p-jsonl.js';
import type { ParsedItem } from './formats/parsed-item.js';

async function all(items: AsyncIterable<ParsedItem>): Promise<ParsedItem[]> {
  const out: ParsedItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const MAP = parseColumnMap(
  'Time=observed_at,Net=network,Peer=ip,Port=port,Kind=hash_type,Digest=hash,Evidence=evidence_kind,Station=observer,Notes=',
);

describe(parseColumnMap.name, () => {
  it('maps a tool export header onto the v1 fields and ignores the named extra column', async () => {
    const state = { header: null as string | null };
    const csv =
      'Station,Time,Net,Peer,Port,Kind,Digest,Evidence,Notes\ns-1,2015-03-02T14:05:11Z,gnutella,1.2.3.4,6346,md5,x,query_hit,free text\n';
    const items = await all(parseP2pCsv(Readable.from([Buffer.from(csv)]), 'tool.csv', state, MAP));
    expect(items[0]).toMatchObject({ record: { observer: 's-1', ip: '1.2.3.4', port: '6346' } });
    expect('record' in items[0]! && Object.keys(items[0].record)).not.toContain('Notes');
    expect(state.header).toBe(
      'observer,observed_at,network,ip,port,hash_type,hash,evidence_kind,-',
    );
  });

  it('still rejects a column the mapping does not name', async () => {
    const csv = 'Station,Time,Net,Peer,Port,Kind,Digest,Evidence,Colour\n';
    await expect(
      all(parseP2pCsv(Readable.from([Buffer.from(csv)]), 'tool.csv', { header: null }, MAP)),
    ).rejects.toThrow(/bad header/);
  });

  it('maps JSON Lines keys too', async () => {
    const items = await all(
      parseP2pJsonl(
        Readable.from([Buffer.from('{"Peer":"1.2.3.4","Notes":"x","ip2":"y"}\n')]),
        MAP,
      ),
    );
    expect(items[0]).toMatchObject({ error: { field: 'ip2', reason: 'unknown field' } });
  });

  it('refuses a target that is not a v1 field', () => {
    expect(() => parseColumnMap('A=colour')).toThrow(ValidationError);
    expect(() => parseColumnMap('=ip')).toThrow(ValidationError);
  });
});
