import { describe, expect, it } from 'vitest';
import { PATHOLOGICAL_MS, timed } from '#test/linear-time.js';
import { parseXml, XML_LIMITS } from './xml-safety.js';

const N = 100_000;

describe('parseXml', () => {
  it('builds the object shape the mappers read: attributes, #text, lists, repeats, empties', () => {
    const result = parseXml(
      '<?xml version="1.0"?><r a="1"><!-- c --><x>t</x><x/><email verified="true">e</email>' +
        '<e></e><c><![CDATA[a&b<]]></c>  mixed </r>',
    );
    expect(result).toEqual({
      ok: true,
      value: {
        r: {
          '@_a': '1',
          '#text': 'mixed',
          x: ['t', ''],
          email: [{ '@_verified': 'true', '#text': 'e' }],
          e: '',
          c: 'a&amp;b<',
        },
      },
    });
  });

  it.each([
    ['an unclosed element', '<r><a></r>', /does not match/],
    ['text after the root', '<r/>x', /text after the root/],
    ['a duplicate attribute', '<r a="1" a="2"/>', /repeated/],
    ['an unquoted attribute', '<r a=1/>', /not quoted/],
    ['a bare ampersand', '<r>a & b</r>', /bare "&"/],
    ['an undeclared entity', '<r>&nbsp;</r>', /unknown entity/],
    ['"--" in a comment', '<r><!-- a -- b --></r>', /inside a comment/],
    [
      'too many attributes',
      `<r ${Array.from({ length: 65 }, (_, i) => `a${i}="1"`).join(' ')}/>`,
      /more than 64 attributes/,
    ],
  ])('refuses %s', (_name, xml, reason) => {
    const result = parseXml(xml);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problem.reason).toMatch(reason);
  });

  // Each input made the former pre-check's regular expressions (or fast-xml-parser) take seconds
  // to minutes: a lazy `[^>]*?` retried from every "<", an attribute-name scan retried from every
  // letter, a whole-text XInclude search per element.
  it.each([
    ['100k "<" and no ">"', '<r>' + '<a'.repeat(N)],
    ['one tag with a 100k-letter attribute and no "="', `<x ${'a'.repeat(N)}>`],
    ['one 100k-letter tag name, never closed', `<${'a'.repeat(N)}`],
    [
      '10k <include/> elements before 1 MB of text',
      `<r>${'<include/>'.repeat(10_000)}</r>${' '.repeat(1_000_000)}`,
    ],
    ['100k ampersands', `<r>${'&'.repeat(N)}</r>`],
    ['100k unterminated comments', `<r>${'<!--'.repeat(N)}`],
    [
      '100k sibling elements with attributes and text',
      `<r>${'<a b="1">x</a>'.repeat(XML_LIMITS.maxElements - 1)}</r>`,
    ],
    ['a 100k deep nest', '<a>'.repeat(N)],
  ])('reads %s in linear time', async (_name, xml) => {
    const { result, ms } = await timed(() => parseXml(xml));
    expect(ms).toBeLessThan(PATHOLOGICAL_MS);
    expect((result.ok ? '' : result.problem.reason).length).toBeLessThan(200);
  });

  it('refuses more elements than the limit', () => {
    const result = parseXml(`<r>${'<a/>'.repeat(XML_LIMITS.maxElements)}</r>`);
    expect(result).toMatchObject({ ok: false, problem: { reason: /more than 100000 elements/ } });
  });
});
