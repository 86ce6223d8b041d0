import { describe, expect, it } from 'vitest';
import { ispLocalToUtc } from './isp-time.js';
import { computeReadiness, type ReadinessIdentity, type ReadinessInput } from './readiness.js';

const identity = (over: Partial<ReadinessIdentity> = {}): ReadinessIdentity => ({
  ip: '142.51.17.9',
  port: null,
  observedAt: new Date('2026-03-14T18:30:05Z'),
  isSharedAddress: false,
  ispTimeZone: 'America/Toronto',
  ispLocalTime: '2026-03-14T14:30:05',
  hasInstallationAddress: true,
  recordedBy: 'u1',
  ...over,
});
const ready = (over: Partial<ReadinessInput> = {}): ReadinessInput => ({
  observationDays: 3,
  attributionFlags: [],
  anonymiserExplanation: null,
  identities: [identity()],
  confirmations: [{ confirmedBy: 'u2' }],
  // By default each identity's time is one of the subjects' stored observations.
  storedObservations: (over.identities ?? [identity()]).map((i) => ({
    ip: i.ip,
    observedAt: i.observedAt,
  })),
  ...over,
});
const unmet = (input: ReadinessInput) =>
  computeReadiness(input)
    .items.filter((i) => !i.isMet)
    .map((i) => i.id);

describe('ISP local time to UTC', () => {
  it('converts with the zone in force on the day (EDT after 8 March 2026)', () => {
    expect(ispLocalToUtc('2026-03-14T14:30:05', 'America/Toronto')).toEqual({
      ok: true,
      utc: new Date('2026-03-14T18:30:05Z'),
    });
    expect(ispLocalToUtc('2026-01-14 14:30:05', 'America/Toronto')).toEqual({
      ok: true,
      utc: new Date('2026-01-14T19:30:05Z'),
    });
  });

  it('refuses the repeated and the skipped DST hour, bad dates and unknown zones', () => {
    expect(ispLocalToUtc('2026-11-01T01:30:00', 'America/Toronto')).toEqual({
      ok: false,
      reason: 'ambiguous',
    });
    expect(ispLocalToUtc('2026-03-08T02:30:00', 'America/Toronto')).toEqual({
      ok: false,
      reason: 'nonexistent',
    });
    expect(ispLocalToUtc('2026-02-30T10:00:00', 'America/Toronto')).toEqual({
      ok: false,
      reason: 'invalid_time',
    });
    expect(ispLocalToUtc('2026-02-03T10:00:00', 'Mars/Olympus')).toEqual({
      ok: false,
      reason: 'invalid_zone',
    });
  });
});

describe('warrant readiness checklist', () => {
  it('is complete when every item is met', () => {
    expect(computeReadiness(ready())).toMatchObject({ isComplete: true });
  });

  it('needs observations on at least two days', () => {
    expect(unmet(ready({ observationDays: 1 }))).toEqual(['observations_several_days']);
  });

  it('needs the port for a shared (CGNAT) address, flagged by the ISP or by its range', () => {
    expect(unmet(ready({ identities: [identity({ isSharedAddress: true })] }))).toEqual([
      'shared_address_port',
    ]);
    expect(unmet(ready({ identities: [identity({ ip: '100.64.3.4' })] }))).toEqual([
      'shared_address_port',
    ]);
    expect(unmet(ready({ identities: [identity({ ip: '100.64.3.4', port: 51234 })] }))).toEqual([]);
  });

  it('needs an explanation for an anonymiser flag, not for others', () => {
    expect(unmet(ready({ attributionFlags: ['vpn'] }))).toEqual(['anonymiser_explained']);
    expect(
      unmet(ready({ attributionFlags: ['vpn'], anonymiserExplanation: 'VPN ended 03-10' })),
    ).toEqual([]);
    expect(unmet(ready({ attributionFlags: ['cgnat'] }))).toEqual([]);
  });

  it('needs an installation address, not only a billing one', () => {
    expect(unmet(ready({ identities: [identity({ hasInstallationAddress: false })] }))).toEqual([
      'installation_address',
    ]);
  });

  it('catches a wrong zone, a wrong year and an ambiguous DST hour in the ISP time', () => {
    const wrong = (over: Partial<ReadinessIdentity>) =>
      unmet(ready({ identities: [identity(over)] }));
    expect(wrong({ ispTimeZone: 'America/Vancouver' })).toEqual(['times_in_utc_and_isp_zone']);
    expect(wrong({ ispLocalTime: '2025-03-14T14:30:05' })).toEqual(['times_in_utc_and_isp_zone']);
    expect(wrong({ ispTimeZone: null })).toEqual(['times_in_utc_and_isp_zone']);
    const fallBack = {
      observedAt: new Date('2026-11-01T05:30:00Z'),
      ispLocalTime: '2026-11-01T01:30:00',
    };
    expect(
      computeReadiness(ready({ identities: [identity(fallBack)] })).items.find(
        (i) => i.id === 'times_in_utc_and_isp_zone',
      )?.detail,
    ).toMatch(/ambiguous/);
  });

  it("compares the identity's time with the subjects' stored observations, not only a typed value", () => {
    // Both typed times agree with each other, an hour away from anything the subjects were seen at.
    const typedTwice = identity({
      observedAt: new Date('2026-03-14T19:30:05Z'),
      ispLocalTime: '2026-03-14T15:30:05',
    });
    const result = computeReadiness(
      ready({
        identities: [typedTwice],
        storedObservations: [{ ip: '142.51.17.9', observedAt: new Date('2026-03-14T18:30:05Z') }],
      }),
    );
    expect(result.items.filter((i) => !i.isMet).map((i) => i.id)).toEqual([
      'times_in_utc_and_isp_zone',
    ]);
    expect(result.items.find((i) => i.id === 'times_in_utc_and_isp_zone')?.detail).toMatch(
      /no stored observation/,
    );
    expect(unmet(ready({ storedObservations: [] }))).toEqual(['times_in_utc_and_isp_zone']);
  });

  it('needs a second person: the one who recorded the identity cannot confirm it', () => {
    expect(unmet(ready({ confirmations: [{ confirmedBy: 'u1' }] }))).toEqual([
      'second_person_confirmation',
    ]);
    expect(unmet(ready({ confirmations: [] }))).toEqual(['second_person_confirmation']);
  });

  it('fails every identity item when no identity is recorded', () => {
    expect(unmet(ready({ identities: [] }))).toEqual([
      'shared_address_port',
      'installation_address',
      'times_in_utc_and_isp_zone',
      'second_person_confirmation',
    ]);
  });
});
