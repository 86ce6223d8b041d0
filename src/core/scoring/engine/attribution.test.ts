import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from '#core/scoring/default-rule-set.js';
import { evidence, evMatch, evObs, evTip } from '#test/scoring-factories.js';
import { assessAttribution } from './attribution.js';
import { RuleSet } from './rule-set.js';
import type { SubjectEvidence } from './subject-evidence.js';

const params = DEFAULT_RULE_SET.attribution;

describe(assessAttribution.name, () => {
  it.each<[string, SubjectEvidence, number, string, string[]]>([
    [
      'a clean address with a jurisdiction',
      evidence({ observations: [evObs('a')] }),
      1,
      'high',
      [],
    ],
    [
      'a Tor exit',
      evidence({ observations: [evObs('a', { flags: ['tor'] })] }),
      0.05,
      'low',
      ['tor'],
    ],
    [
      'the best lead wins: one clean address among Tor exits',
      evidence({ observations: [evObs('a', { flags: ['tor'] }), evObs('b')] }),
      1,
      'high',
      ['tor'],
    ],
    [
      'a CGNAT address with its port',
      evidence({ observations: [evObs('a', { ip: '100.64.1.1' })] }),
      0.6,
      'medium',
      ['cgnat'],
    ],
    [
      'a CGNAT tip address without a port',
      evidence({
        tips: [evTip('T', { ipEvents: [{ ip: '100.64.1.1', port: null, possibleProxy: false }] })],
      }),
      0.15,
      'low',
      ['cgnat_without_port'],
    ],
    [
      'no agency jurisdiction',
      evidence({ observations: [evObs('a', { hasJurisdiction: false })] }),
      0.7,
      'medium',
      ['unassigned_jurisdiction'],
    ],
    [
      'accounts only',
      evidence({ tips: [evTip('T', { hasAccountIdentifiers: true })] }),
      0.5,
      'medium',
      [],
    ],
    ['nothing to attribute', evidence(), 0, 'low', []],
    [
      'weak linking lowers attribution',
      evidence({ observations: [evObs('a')], linkCohesion: 0.4 }),
      0.4,
      'low',
      [],
    ],
  ])('%s', (_, input, value, level, flags) => {
    const sut = assessAttribution(input, params);
    expect(sut.confidence).toEqual({ value, level });
    expect(sut.flags).toEqual(flags);
    expect(sut.reasons.length).toBeGreaterThanOrEqual(flags.length);
  });

  it('keeps the threat apart: a Tor exit is a weak lead, not a low threat', () => {
    const ruleSet = RuleSet.fromDefinition(DEFAULT_RULE_SET);
    const base = {
      observations: [evObs('a', { evidenceKind: 'download_verified' as const })],
      matches: [evMatch('a')],
    };
    const clean = ruleSet.evaluate(evidence(base));
    const tor = ruleSet.evaluate(
      evidence({
        ...base,
        observations: [evObs('a', { evidenceKind: 'download_verified', flags: ['tor'] })],
      }),
    );
    expect(tor.score).toBe(clean.score);
    expect(tor.matched).toEqual(clean.matched);
    expect(tor.attribution.confidence.level).toBe('low');
    expect(clean.attribution.confidence.level).toBe('high');
  });
});
