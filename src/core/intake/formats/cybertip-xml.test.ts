import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCybertip } from './cybertip-xml.js';

const DIR = 'test/fixtures/cybertipline-tools';
const now = new Date('2026-01-01T00:00:00Z');
const read = (name: string) => readFileSync(`${DIR}/${name}`, 'utf8');
const report = (
  inner: string,
  summary = '<incidentType>Child Sex Trafficking</incidentType><incidentDateTime>2024-01-17T10:00:00Z</incidentDateTime>',
) =>
  `<?xml version="1.0" encoding="UTF-8"?><report><incidentSummary>${summary}</incidentSummary>${inner}</report>`;

describe(parseCybertip.name, () => {
  it('takes persons, accounts, IP events, devices, location and incident type from a report', () => {
    const result = parseCybertip(
      read('buildReport__should-build-a-report-with-all-fields-and-multiple-incident-types-1.xml'),
      now,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      kind: 'report',
      incidentType: 'Child Pornography (possession, manufacture, and distribution)',
    });
    expect(result.value.incidentAt?.toISOString()).toBe('2024-01-15T14:30:00.000Z');
    expect(result.value.ipEvents).toEqual([
      {
        subject: 'person[0]',
        ip: '192.168.1.100',
        port: null,
        eventName: 'Upload',
        at: new Date('2024-01-15T12:00:00.000Z'),
        offset: 'Z',
        possibleProxy: null,
      },
    ]);
    expect(result.value.content.reportedPersons).toEqual([
      expect.objectContaining({
        screenName: 'suspicious_user_123',
        person: expect.objectContaining({ firstName: 'Unknown' }),
        deviceIds: [expect.objectContaining({ idType: 'IMEI', idValue: '123456789012345' })],
      }),
    ]);
  });

  it("keeps recipients' accounts and IP events, victims' count and ages only, and the reporting contact", () => {
    const xml = read(
      'buildReport__should-build-a-report-with-multiple-victims-and-recipients-1.xml',
    ).replace(
      '<screenName>user2</screenName>',
      '<screenName>user2</screenName><ipCaptureEvent><ipAddress>142.51.1.1</ipAddress><eventName>Login</eventName><dateTime>2024-01-16T09:00:00-05:00</dateTime></ipCaptureEvent>',
    );
    const result = parseCybertip(xml, now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const content = result.value.content;
    expect(content.intendedRecipients).toEqual([
      expect.objectContaining({ espIdentifier: 'USER456', screenName: 'user1', age: null }),
      expect.objectContaining({ espIdentifier: 'USER789', screenName: 'user2' }),
    ]);
    expect(result.value.ipEvents).toEqual([
      expect.objectContaining({ subject: 'recipient[1]', ip: '142.51.1.1', offset: '-05:00' }),
    ]);
    expect(content.victims).toEqual({ count: 2, ages: ['14', '15'] });
    expect(content.reporter).toEqual({
      firstName: 'Emily',
      lastName: 'Davis',
      phones: [],
      emails: [expect.objectContaining({ value: 'emily.davis@org.com' })],
    });
    // Victims' names and schools are never kept.
    const stored = JSON.stringify(content);
    for (const word of ['Victim', 'One', 'Middle School']) expect(stored).not.toContain(word);
  });

  it('refuses an unknown element in a recipient and a malformed victim person', () => {
    expect(
      parseCybertip(report('<intendedRecipient><nickname>x</nickname></intendedRecipient>'), now),
    ).toMatchObject({ ok: false, path: expect.stringContaining('/report/intendedRecipient[0]') });
    expect(
      parseCybertip(
        report('<victim><victimPerson><shoeSize>4</shoeSize></victimPerson></victim>'),
        now,
      ),
    ).toMatchObject({ ok: false, path: expect.stringContaining('/report/victim[0]/victimPerson') });
  });

  it('keeps the estimated location', () => {
    const result = parseCybertip(
      read('buildReport__should-build-a-report-with-mixed-incident-types-and-locations-1.xml'),
      now,
    );
    expect(result.ok && result.value.content.reportedPersons).toEqual([
      expect.objectContaining({
        estimatedLocation: {
          city: 'New York',
          region: 'New York',
          countryCode: 'US',
          verified: true,
        },
      }),
    ]);
  });

  it('flags the misspelt incidentType of the "only required fields" report instead of guessing', () => {
    expect(
      parseCybertip(
        read('buildReport__should-build-a-report-with-only-required-fields-1.xml'),
        now,
      ),
    ).toMatchObject({
      ok: false,
      path: '/report/incidentSummary/incidentType',
    });
  });

  it('reads fileDetails hashes and rejects a hash whose length does not fit its type', () => {
    const ok = parseCybertip(
      read('buildSubmitFileDetails__should-build-file-details-with-only-required-fields-1.xml'),
      now,
    );
    expect(ok.ok).toBe(true);
    expect(
      parseCybertip(
        read('buildSubmitFileDetails__should-build-file-details-with-all-fields-1.xml'),
        now,
      ),
    ).toMatchObject({
      ok: false,
      path: '/fileDetails/originalFileHash[0]',
      reason: 'sha1 needs 40 hex digits, got 64',
    });
  });

  it('keeps report annotations and the escalation, and file annotations (names only)', () => {
    const rep = parseCybertip(
      read('buildReport__should-build-a-report-with-all-fields-and-multiple-incident-types-1.xml'),
      now,
    );
    expect(rep.ok && rep.value.content).toMatchObject({
      reportAnnotations: ['csamSolicitation', 'sextortion'],
      escalateToHighPriority: 'Immediate risk to child',
    });
    const file = parseCybertip(
      read(
        'buildSubmitFileDetails__should-build-file-details-with-file-annotations-and-relevance-1.xml',
      ),
      now,
    );
    expect(file.ok && file.value.content).toMatchObject({
      reportId: '123456',
      fileAnnotations: ['potentialMeme', 'viral'],
    });
    const bare = parseCybertip(report(''), now);
    expect(bare.ok && bare.value.content).toMatchObject({
      reportAnnotations: [],
      escalateToHighPriority: null,
    });
  });

  it('rejects annotations that carry text instead of empty elements', () => {
    const result = parseCybertip(
      report(
        '',
        '<incidentType>Child Sex Trafficking</incidentType><reportAnnotations>sextortion</reportAnnotations><incidentDateTime>2024-01-17T10:00:00Z</incidentDateTime>',
      ),
      now,
    );
    expect(result).toEqual({
      ok: false,
      path: '/report/incidentSummary/reportAnnotations',
      reason: 'expected empty annotation elements',
    });
  });

  it('parses every fixture without throwing', () => {
    for (const file of readdirSync(DIR).filter((f) => f.endsWith('.xml'))) {
      expect(() => parseCybertip(read(file), now)).not.toThrow();
    }
  });

  it.each([
    [
      'a DOCTYPE with an external entity',
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><report>&x;</report>',
      /DOCTYPE/,
    ],
    [
      'a billion-laughs DOCTYPE',
      `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><report>&lol2;</report>`,
      /DOCTYPE/,
    ],
    ['a bare ENTITY', '<report><!ENTITY x "y"></report>', /ENTITY/],
    [
      'a stylesheet PI',
      '<?xml version="1.0"?><?xml-stylesheet href="http://x"?><report/>',
      /processing instruction/,
    ],
    [
      'XInclude',
      '<report xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd"/></report>',
      /XInclude/,
    ],
    [
      'a __proto__ element',
      report('<__proto__><polluted>1</polluted></__proto__>'),
      /reserved name/,
    ],
    ['a constructor attribute', report('<victim constructor="x"/>'), /reserved name/],
    ['deep nesting', `<report>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</report>`, /nested deeper/],
    ['two roots', '<report></report><report></report>', /well-formed|exactly one root/],
    ['a truncated document', '<report><incidentSummary>', /well-formed/],
    ['an unknown element', report('<surprise>1</surprise>'), /unknown element/],
    ['a wrong root', '<ns:report xmlns:ns="urn:x"/>', /root must be/],
    [
      'a duplicate singleton',
      report(
        '',
        '<incidentType>Child Sex Trafficking</incidentType><incidentType>Child Sex Tourism</incidentType><incidentDateTime>2024-01-17T10:00:00Z</incidentDateTime>',
      ),
      /repeated/,
    ],
    [
      'Feb 30',
      report(
        '',
        '<incidentType>Child Sex Trafficking</incidentType><incidentDateTime>2024-02-30T10:00:00Z</incidentDateTime>',
      ),
      /day does not exist/,
    ],
    [
      'a date without zone',
      report(
        '',
        '<incidentType>Child Sex Trafficking</incidentType><incidentDateTime>2024-01-17T10:00:00</incidentDateTime>',
      ),
      /no UTC offset/,
    ],
    [
      'a boolean TRUE',
      report(
        '<personOrUserReported><ipCaptureEvent><ipAddress>142.51.1.1</ipAddress><possibleProxy>TRUE</possibleProxy></ipCaptureEvent></personOrUserReported>',
      ),
      /not a boolean/,
    ],
    [
      'a boolean 1',
      report(
        '<personOrUserReported><ipCaptureEvent><ipAddress>142.51.1.1</ipAddress><possibleProxy>1</possibleProxy></ipCaptureEvent></personOrUserReported>',
      ),
      /not a boolean/,
    ],
    [
      'an IP with leading zeros',
      report(
        '<personOrUserReported><ipCaptureEvent><ipAddress>010.1.1.1</ipAddress></ipCaptureEvent></personOrUserReported>',
      ),
      /dotted quad/,
    ],
    [
      'a prototype key as hash type',
      '<fileDetails><reportId>1</reportId><fileId>f</fileId><originalFileHash hashType="constructor">900150983cd24fb0d6963f7d28e17f72</originalFileHash></fileDetails>',
      /hash type not MD5/,
    ],
    [
      'an illegal character reference',
      report('<personOrUserReported><screenName>a&#0;b</screenName></personOrUserReported>'),
      /not a legal XML character/,
    ],
  ])('rejects %s', (_name, xml, reason) => {
    const result = parseCybertip(xml, now);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : `${result.path}: ${result.reason}`).toMatch(reason);
  });

  it('decodes predefined entities and a few character references, and refuses a flood of them', () => {
    const ok = parseCybertip(
      report(
        '<personOrUserReported><screenName>AT&amp;T &#x41;&#66;</screenName></personOrUserReported>',
      ),
      now,
    );
    expect(
      ok.ok && (ok.value.content.reportedPersons as Array<{ screenName: string }>)[0]!.screenName,
    ).toBe('AT&T AB');
    const flood = parseCybertip(
      report(
        `<personOrUserReported><screenName>${'&#x41;'.repeat(20_000)}</screenName></personOrUserReported>`,
      ),
      now,
    );
    expect(flood).toMatchObject({ ok: false, reason: 'more than 1000 character references' });
  });
});
