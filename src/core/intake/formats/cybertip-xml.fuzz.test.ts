import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCybertip } from './cybertip-xml.js';

// Property-based fuzzing over the XML bad-input classes of security.md §8.2: each valid fixture is
// spoiled by one or more hostile edits (a DTD, entities, character references, processing
// instructions, XInclude, prototype names, deep nesting, truncation, duplicates, illegal
// characters, a BOM, noise). The parser never throws: it accepts the document or names the path
// and the reason.

const DIR = 'test/fixtures/cybertipline-tools';
const NOW = new Date('2026-01-01T00:00:00Z');
const FIXTURES = readdirSync(DIR)
  .filter((f) => f.endsWith('.xml'))
  .map((f) => readFileSync(`${DIR}/${f}`, 'utf8'))
  // The valid ones are the bases (a few fixtures are deliberately invalid).
  .filter((xml) => parseCybertip(xml, NOW).ok);

const SNIPPETS = [
  '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
  '<!ENTITY lol "lol">',
  '&x;',
  '&lol2;',
  '&#0;',
  '&#x1F;',
  '&#xD800;',
  '&#x41;'.repeat(1200),
  '<?xml-stylesheet href="http://127.0.0.1/"?>',
  '<?php ?>',
  '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"/>',
  ' xsi:schemaLocation="http://127.0.0.1/x.xsd"',
  '<__proto__><polluted>1</polluted></__proto__>',
  '<constructor/>',
  ' hasOwnProperty="1"',
  '<a>'.repeat(80),
  '</a>',
  '<reportId>1</reportId><reportId>2</reportId>',
  '<![CDATA[a]]>]]>',
  '<![CDATA[',
  '<!-- a -- b -->',
  '<!--',
  '\u0000',
  '\u0007',
  '\ufeff',
  '\ud800',
  '\u202e',
  '<',
  '>',
  '&',
  '"',
  "'",
  ' a="1" a="2"',
  '<report/>',
  'trailing garbage',
  '<surprise>1</surprise>',
  '<possibleProxy>TRUE</possibleProxy>',
  '<ipAddress>010.1.1.1</ipAddress>',
  '<incidentDateTime>2024-02-30T10:00:00Z</incidentDateTime>',
  `<b ${Array.from({ length: 70 }, (_, i) => `a${i}="1"`).join(' ')}/>`,
  'x'.repeat(5000),
];

const edit = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(...SNIPPETS),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant('noise' as const),
    at: fc.nat(),
    text: fc.string({
      unit: fc.constantFrom(
        '<',
        '>',
        '/',
        '&',
        ';',
        '#',
        '"',
        '=',
        ' ',
        'a',
        '\u0000',
        '!',
        '?',
        '[',
        ']',
        '-',
      ),
      maxLength: 12,
    }),
  }),
);

type Edit = { kind: string; at: number; text?: string; length?: number };

function apply(doc: string, edits: Edit[]): string {
  let out = doc;
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % (out.length + 1);
    if (e.kind === 'truncate') out = out.slice(0, at);
    else if (e.kind === 'delete') out = out.slice(0, at) + out.slice(at + e.length!);
    else out = out.slice(0, at) + e.text! + out.slice(at);
  }
  return out;
}

/** True when the parser accepts the document or refuses it with a path and a short reason. */
function isClean(xml: string): boolean {
  const result = parseCybertip(xml, NOW);
  return result.ok || (result.path !== '' && result.reason !== '' && result.reason.length < 500);
}

describe('CyberTip XML under fuzzing', () => {
  it('has valid reports and file details to spoil', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(5);
  });

  it('a hostile edit of a valid report is accepted or refused with a path and reason, never a crash', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        (doc, edits) => {
          expect(isClean(apply(doc, edits))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a DTD, an entity declaration or a processing instruction anywhere is always refused', () => {
    const hostile = fc.constantFrom(SNIPPETS[0]!, SNIPPETS[1]!, SNIPPETS[8]!, SNIPPETS[9]!);
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURES), fc.nat(), hostile, (doc, at, text) => {
        const i = at % (doc.length + 1);
        const result = parseCybertip(doc.slice(0, i) + text + doc.slice(i), NOW);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('arbitrary XML-ish text never crashes the parser', () => {
    const unit = fc.constantFrom(
      '<',
      '>',
      '/',
      '&',
      ';',
      '#',
      'x',
      '"',
      '=',
      ' ',
      'a',
      'report',
      '!',
      '?',
      '[',
      ']',
      '-',
      '\u0000',
      'CDATA',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 300 }), (text) => {
        expect(isClean(text)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
