import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const XML_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  maxDepth: 64,
  maxElements: 100_000,
  // A report needs a handful; floods of them are an attack on decoders (CVE-2026-33036).
  maxCharRefs: 1_000,
};

export type XmlProblem = { path: string; reason: string };

const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype', 'hasownproperty']);

/**
 * Checks an XML text before any parser sees it: no DOCTYPE/ENTITY (no entity expansion or external
 * fetch is then possible), no processing instructions but the XML declaration, no XInclude, and
 * limits on size, depth and element count. Returns the first problem, or null.
 */
export function xmlPrecheck(text: string): XmlProblem | null {
  if (Buffer.byteLength(text) > XML_LIMITS.maxBytes) {
    return { path: '/', reason: `larger than ${XML_LIMITS.maxBytes} bytes` };
  }
  if (/<!DOCTYPE/i.test(text)) {
    return { path: '/', reason: 'DOCTYPE is not accepted (no DTDs or entities)' };
  }
  if (/<!ENTITY/i.test(text)) return { path: '/', reason: 'ENTITY declarations are not accepted' };
  const charRefs = text.split('&#').length - 1;
  if (charRefs > XML_LIMITS.maxCharRefs) {
    return { path: '/', reason: `more than ${XML_LIMITS.maxCharRefs} character references` };
  }
  const pi = /<\?([A-Za-z_:][\w.:-]*)/g;
  for (let m = pi.exec(text); m; m = pi.exec(text)) {
    if (m[1] !== 'xml' || m.index !== text.search(/\S/)) {
      return { path: '/', reason: `processing instruction <?${m[1]}> not accepted` };
    }
  }
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)([^>]*?)(\/?)>/g;
  let depth = 0;
  let elements = 0;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    const [, closing, name, attrs, selfClosing] = m;
    if (/(^|:)include$/.test(name!) && /xinclude/i.test(text)) {
      return { path: name!, reason: 'XInclude is not accepted' };
    }
    for (const n of [name!, ...[...attrs!.matchAll(/([\w.:-]+)\s*=/g)].map((a) => a[1]!)]) {
      if (FORBIDDEN_NAMES.has(n.toLowerCase())) {
        return { path: n, reason: 'reserved name (prototype pollution guard)' };
      }
    }
    if (closing) depth--;
    else {
      elements++;
      if (!selfClosing) depth++;
    }
    if (depth > XML_LIMITS.maxDepth) {
      return { path: name!, reason: `nested deeper than ${XML_LIMITS.maxDepth}` };
    }
    if (elements > XML_LIMITS.maxElements) {
      return { path: name!, reason: `more than ${XML_LIMITS.maxElements} elements` };
    }
  }
  return null;
}

const ARRAYS = new Set([
  'internetDetails',
  'personOrUserReported',
  'intendedRecipient',
  'victim',
  'ipCaptureEvent',
  'deviceId',
  'displayName',
  'profileUrl',
  'phone',
  'email',
  'address',
  'originalFileHash',
  'details',
  'additionalInfo',
  'url',
  'nameValuePair',
]);

/** Parses checked XML into plain objects: entities off, values kept as text, known lists as arrays. */
export function parseXml(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; problem: XmlProblem } {
  const check = xmlPrecheck(text);
  if (check) return { ok: false, problem: check };
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    return {
      ok: false,
      problem: { path: `line ${valid.err.line}`, reason: `not well-formed XML: ${valid.err.msg}` },
    };
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    isArray: (name) => ARRAYS.has(name),
  });
  return { ok: true, value: parser.parse(text) as Record<string, unknown> };
}

/** Decodes the five predefined XML entities and character references (the only ones allowed). */
export function decodeXmlText(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9A-Fa-f]{1,6});/g, (_, ref: string) => {
    if (ref === 'lt') return '<';
    if (ref === 'gt') return '>';
    if (ref === 'amp') return '&';
    if (ref === 'quot') return '"';
    if (ref === 'apos') return "'";
    const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
    if (
      code === 0 ||
      code > 0x10ffff ||
      (code < 0x20 && ![9, 10, 13].includes(code)) ||
      (code >= 0xd800 && code <= 0xdfff)
    ) {
      throw new Error(`character reference &${ref}; is not a legal XML character`);
    }
    return String.fromCodePoint(code);
  });
}
