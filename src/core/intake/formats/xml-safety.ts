import { readXml } from './xml-reader.js';

export const XML_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  maxDepth: 64,
  maxElements: 100_000,
  maxAttributes: 64,
  // A report needs a handful; floods of them are an attack on decoders (CVE-2026-33036).
  maxCharRefs: 1_000,
};

export type XmlProblem = { path: string; reason: string };

/**
 * The whole-text checks made before reading: size, any DOCTYPE or ENTITY (even inside a comment),
 * and a flood of character references. Each is one linear scan for a literal. Returns the first
 * problem, or null. The reader (xml-reader.ts) then refuses processing instructions, XInclude,
 * reserved names, and enforces depth, element and attribute limits in the same single pass.
 */
export function xmlPrecheck(text: string): XmlProblem | null {
  if (text.length > XML_LIMITS.maxBytes || Buffer.byteLength(text) > XML_LIMITS.maxBytes) {
    return { path: '/', reason: `larger than ${XML_LIMITS.maxBytes} bytes` };
  }
  const lower = text.toLowerCase();
  if (lower.includes('<!doctype')) {
    return { path: '/', reason: 'DOCTYPE is not accepted (no DTDs or entities)' };
  }
  if (lower.includes('<!entity')) {
    return { path: '/', reason: 'ENTITY declarations are not accepted' };
  }
  let charRefs = 0;
  for (let i = text.indexOf('&#'); i >= 0; i = text.indexOf('&#', i + 2)) {
    if (++charRefs > XML_LIMITS.maxCharRefs) {
      return { path: '/', reason: `more than ${XML_LIMITS.maxCharRefs} character references` };
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

/**
 * Parses XML into plain objects in time linear in its length: entities not expanded, values kept
 * as raw text, known lists as arrays. Refuses what xmlPrecheck and the reader refuse.
 */
export function parseXml(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; problem: XmlProblem } {
  const check = xmlPrecheck(text);
  if (check) return { ok: false, problem: check };
  return readXml(text, XML_LIMITS, (name) => ARRAYS.has(name));
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
