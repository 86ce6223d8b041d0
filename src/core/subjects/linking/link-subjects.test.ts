import { describe, expect, it } from 'vitest';
import { attr, guid, nodeGroups, obs, tip } from '#test/subject-factories.js';
import { linkSubjects } from './link-subjects.js';
import type { LinkBatch } from './link-state.js';

const bt = (prefix: string, fill: string): string =>
  Buffer.from(prefix, 'latin1').toString('hex') + fill.repeat(12);

const cases: Array<[string, LinkBatch, string[][]]> = [
  [
    'links one Gnutella GUID across IPs and weeks',
    {
      observations: [
        obs('a', { clientId: guid('a'), ip: '142.51.17.9' }),
        obs('b', { clientId: guid('a'), ip: '99.240.12.30', at: '2024-03-01T00:00:00Z' }),
      ],
    },
    [['obs:a', 'obs:b']],
  ],
  [
    'links one IP within the window',
    { observations: [obs('a'), obs('b', { at: '2024-01-02T12:00:00Z' })] },
    [['obs:a', 'obs:b']],
  ],
  [
    'does not link one IP across a gap longer than the window',
    { observations: [obs('a'), obs('b', { at: '2024-01-03T00:00:01Z' })] },
    [['obs:a'], ['obs:b']],
  ],
  [
    'chains sightings of one IP that are each within the window (a continuous lease)',
    {
      observations: [
        obs('a'),
        obs('b', { at: '2024-01-02T12:00:00Z' }),
        obs('c', { at: '2024-01-04T00:00:00Z' }),
      ],
    },
    [['obs:a', 'obs:b', 'obs:c']],
  ],
  [
    'never links one IP across a sighting with another client id',
    {
      observations: [
        obs('a', { clientId: guid('a') }),
        obs('b', { clientId: guid('b'), at: '2024-01-01T06:00:00Z' }),
        obs('c', { at: '2024-01-01T07:00:00Z' }),
      ],
    },
    [['obs:a'], ['obs:b', 'obs:c']],
  ],
  [
    'links two client ids whose sightings interleave on one IP (one household behind one router)',
    {
      observations: [
        obs('a', { clientId: guid('a') }),
        obs('b', { clientId: guid('b'), at: '2024-01-01T06:00:00Z' }),
        obs('c', { clientId: guid('a'), at: '2024-01-01T09:00:00Z' }),
      ],
    },
    [['obs:a', 'obs:b', 'obs:c']],
  ],
  [
    'does not link interleaving client ids across a gap longer than the window',
    {
      observations: [
        obs('a', { clientId: guid('a') }),
        obs('b', { clientId: guid('b'), at: '2024-01-03T00:00:01Z' }),
        obs('c', { clientId: guid('a'), at: '2024-01-05T00:00:02Z' }),
      ],
    },
    [['obs:a', 'obs:c'], ['obs:b']],
  ],
  [
    'keeps a lease that changed hands apart: the old client id is not seen again',
    {
      observations: [
        obs('a', { clientId: guid('a') }),
        obs('b', { clientId: guid('a'), at: '2024-01-01T03:00:00Z' }),
        obs('c', { clientId: guid('b'), at: '2024-01-01T06:00:00Z' }),
        obs('d', { clientId: guid('b'), at: '2024-01-01T09:00:00Z' }),
      ],
    },
    [
      ['obs:a', 'obs:b'],
      ['obs:c', 'obs:d'],
    ],
  ],
  [
    'does not link interleaving client ids when more than a home runs share the address',
    {
      observations: ['a', 'b', 'c', 'd', 'e'].map((id, i) =>
        obs(id, {
          clientId: guid('abcd'[i % 4]!),
          at: new Date(Date.UTC(2024, 0, 1, i)).toISOString(),
        }),
      ),
    },
    [['obs:a', 'obs:e'], ['obs:b'], ['obs:c'], ['obs:d']],
  ],
  [
    'links CGNAT addresses only with the same port',
    {
      observations: [
        obs('a', { ip: '100.64.3.4', port: 50000 }),
        obs('b', { ip: '100.64.3.4', port: 50000, at: '2024-01-01T01:00:00Z' }),
        obs('c', { ip: '100.64.3.4', port: 50001, at: '2024-01-01T02:00:00Z' }),
      ],
    },
    [['obs:a', 'obs:b'], ['obs:c']],
  ],
  [
    'never links Tor, VPN or hosting addresses by IP',
    {
      observations: [obs('a'), obs('b'), obs('c'), obs('d'), obs('e')],
      attributions: [
        attr('a', ['tor']),
        attr('b', ['tor']),
        attr('c', ['anonymous_vpn']),
        attr('d', ['hosting']),
      ],
    },
    [['obs:a'], ['obs:b'], ['obs:c'], ['obs:d'], ['obs:e']],
  ],
  [
    'still links a Tor sighting to the home address by client id (the installation, not the address)',
    {
      observations: [
        obs('a', { clientId: guid('a'), ip: '185.220.101.1' }),
        obs('b', { clientId: guid('a'), at: '2024-02-01T00:00:00Z' }),
      ],
      attributions: [attr('a', ['tor'])],
    },
    [['obs:a', 'obs:b']],
  ],
  [
    'never links private addresses by IP',
    { observations: [obs('a', { ip: '192.168.1.10' }), obs('b', { ip: '192.168.1.10' })] },
    [['obs:a'], ['obs:b']],
  ],
  [
    'does not trust a per-session BitTorrent peer id seen once per IP',
    {
      observations: [
        obs('a', { network: 'bittorrent', clientId: bt('-qB4630-', 'ab'), ip: '142.51.1.1' }),
        obs('b', { network: 'bittorrent', clientId: bt('-qB4630-', 'ab'), ip: '142.51.2.2' }),
      ],
    },
    [['obs:a'], ['obs:b']],
  ],
  [
    'trusts a per-session peer id seen repeatedly with one IP, and links it across IPs',
    {
      observations: [
        obs('a', { network: 'bittorrent', clientId: bt('-qB4630-', 'ab'), ip: '142.51.1.1' }),
        obs('b', {
          network: 'bittorrent',
          clientId: bt('-qB4630-', 'ab'),
          ip: '142.51.1.1',
          at: '2024-01-20T00:00:00Z',
        }),
        obs('c', { network: 'bittorrent', clientId: bt('-qB4630-', 'ab'), ip: '142.51.2.2' }),
      ],
    },
    [['obs:a', 'obs:b', 'obs:c']],
  ],
  [
    'links CyberTip persons sharing an email (case-insensitive) or a device id',
    {
      observations: [],
      tips: [
        tip('T1', { emails: ['Kid.Hunter@example.org'] }),
        tip('T2', {
          emails: ['kid.hunter@example.org'],
          deviceIds: [{ idType: 'IMEI', idValue: '35' }],
        }),
        tip('T3', { deviceIds: [{ idType: 'imei', idValue: '35' }] }),
        tip('T4', { emails: ['someone.else@example.org'] }),
      ],
    },
    [['tip:T1#0', 'tip:T2#0', 'tip:T3#0'], ['tip:T4#0']],
  ],
  [
    'links a screen name only within the same service',
    {
      observations: [],
      tips: [
        tip('T1', { espService: 'ChatApp', screenNames: ['shadow'] }),
        tip('T2', { espService: 'chatapp', screenNames: ['Shadow'] }),
        tip('T3', { espService: 'OtherApp', screenNames: ['shadow'] }),
      ],
    },
    [['tip:T1#0', 'tip:T2#0'], ['tip:T3#0']],
  ],
  [
    'links a tip IP capture event to observations of that IP in the window, not a proxy one',
    {
      observations: [obs('a', { ip: '142.51.17.9' }), obs('b', { ip: '99.240.12.30' })],
      tips: [
        tip('T1', {
          ipCaptureEvents: [{ ip: '142.51.17.9', dateTime: new Date('2024-01-01T10:00:00Z') }],
        }),
        tip('T2', {
          ipCaptureEvents: [
            { ip: '99.240.12.30', dateTime: new Date('2024-01-01T10:00:00Z'), possibleProxy: true },
          ],
        }),
        tip('T3', { ipCaptureEvents: [{ ip: '99.240.12.30' }] }),
      ],
    },
    [['obs:a', 'tip:T1#0'], ['obs:b'], ['tip:T2#0'], ['tip:T3#0']],
  ],
];

describe(linkSubjects.name, () => {
  it.each(cases)('%s', (_, batch, expected) => {
    expect(nodeGroups(linkSubjects(batch))).toEqual(expected);
  });

  it('records each link with its rule, evidence rows and confidence', () => {
    const sut = linkSubjects({
      observations: [
        obs('a', { clientId: guid('c') }),
        obs('b', { clientId: guid('c'), ip: '99.240.12.30' }),
        obs('c', { at: '2024-01-01T23:00:00Z' }),
        obs('d', { at: '2024-01-02T23:00:00Z' }),
      ],
    });
    const [subject] = sut.subjects;
    expect(subject?.links).toEqual([
      {
        rule: 'client_id',
        a: 'obs:a',
        b: 'obs:b',
        confidence: { level: 'high', value: 0.95 },
        evidence: { rows: ['a', 'b'], identifier: `gnutella:${guid('c')}` },
      },
      {
        rule: 'ip_time_window',
        a: 'obs:a',
        b: 'obs:c',
        confidence: { level: 'medium', value: 0.6 },
        evidence: {
          rows: ['a', 'c'],
          identifier: 'ip:142.51.17.9',
          window: { from: '2024-01-01T00:00:00.000Z', to: '2024-01-01T23:00:00.000Z' },
        },
      },
      {
        rule: 'ip_time_window',
        a: 'obs:c',
        b: 'obs:d',
        confidence: { level: 'medium', value: 0.6 },
        evidence: {
          rows: ['c', 'd'],
          identifier: 'ip:142.51.17.9',
          window: { from: '2024-01-01T23:00:00.000Z', to: '2024-01-02T23:00:00.000Z' },
        },
      },
    ]);
    expect(subject?.cohesion).toEqual({ level: 'medium', value: 0.6 });
  });

  it('records a concurrent-clients link once per pair, at its first switch, with a lower confidence', () => {
    const sut = linkSubjects({
      observations: [
        obs('a', { clientId: guid('a') }),
        obs('b', { clientId: guid('b'), at: '2024-01-01T06:00:00Z' }),
        obs('c', { clientId: guid('a'), at: '2024-01-01T09:00:00Z' }),
        obs('d', { clientId: guid('b'), at: '2024-01-01T12:00:00Z' }),
      ],
    });
    const concurrent = sut.subjects[0]?.links.filter((l) => l.rule === 'ip_concurrent_clients');
    expect(concurrent).toEqual([
      {
        rule: 'ip_concurrent_clients',
        a: 'obs:a',
        b: 'obs:b',
        confidence: { level: 'medium', value: 0.5 },
        evidence: {
          rows: ['a', 'b'],
          identifier: 'ip:142.51.17.9',
          window: { from: '2024-01-01T00:00:00.000Z', to: '2024-01-01T06:00:00.000Z' },
        },
      },
    ]);
    expect(sut.subjects[0]?.cohesion).toEqual({ level: 'medium', value: 0.5 });
  });

  it('gives a low confidence to IP links after the strong window, lower still behind CGNAT', () => {
    const sut = linkSubjects({
      observations: [
        obs('a'),
        obs('b', { at: '2024-01-02T06:00:00Z' }),
        obs('c', { ip: '100.64.0.9', port: 4000 }),
        obs('d', { ip: '100.64.0.9', port: 4000, at: '2024-01-01T01:00:00Z' }),
      ],
    });
    expect(sut.subjects.map((s) => [s.links[0]?.rule, s.cohesion])).toEqual(
      expect.arrayContaining([
        ['ip_time_window', { level: 'low', value: 0.4 }],
        ['cgnat_ip_port_time_window', { level: 'low', value: 0.45 }],
      ]),
    );
  });

  it('honours the configured IP window', () => {
    const batch = { observations: [obs('a'), obs('b', { at: '2024-01-03T12:00:00Z' })] };
    expect(linkSubjects(batch).subjects).toHaveLength(2);
    expect(linkSubjects(batch, [], { ipWindowHours: 72 }).subjects).toHaveLength(1);
  });

  it.each([
    [{ ipWindowHours: 0 }, 'ipWindowHours'],
    [{ ipWindowHours: 12 }, 'ipStrongWindowHours'],
    [{ weakIdMinRepeats: 1 }, 'weakIdMinRepeats'],
  ])('rejects invalid options %o, naming %s', (options, path) => {
    expect(() => linkSubjects({ observations: [] }, [], options)).toThrow(
      expect.objectContaining({
        details: expect.arrayContaining([expect.objectContaining({ path })]),
      }),
    );
  });

  it('gives the same subjects and keys whatever the input order', () => {
    const rows = [
      obs('x', { clientId: guid('1') }),
      obs('y', { clientId: guid('1'), ip: '99.240.12.30' }),
      obs('z', { ip: '99.240.12.30', at: '2024-01-01T05:00:00Z' }),
      obs('w', { ip: '8.8.4.4' }),
    ];
    const sut = linkSubjects({ observations: rows });
    expect(linkSubjects({ observations: rows.toReversed() })).toEqual(sut);
    expect(sut.subjects.map((s) => s.key)).toEqual(
      linkSubjects({ observations: rows }).subjects.map((s) => s.key),
    );
    expect(sut.subjects.every((s) => /^sub_[0-9a-f]{20}$/.test(s.key))).toBe(true);
  });
});
