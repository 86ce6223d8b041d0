/**
 * A strict, single-pass XML reader for the CyberTipline subset: elements, attributes, text, CDATA,
 * comments and the XML declaration. Everything else (DOCTYPE, ENTITY, other processing
 * instructions, XInclude) is refused. It scans with `indexOf` and character tests only, never a
 * regular expression over the document, so its time is linear in the input (each character is
 * looked at a bounded number of times) and it builds the same plain-object shape that the mappers
 * of xml-read.ts read: `@_name` attributes, `#text` beside children, repeated or listed elements as
 * arrays, an empty element as `''`. Text and attribute values stay raw (entities are decoded later
 * by decodeXmlText, which checks them).
 */

export type XmlReadLimits = {
  maxDepth: number;
  maxElements: number;
  maxAttributes: number;
};

export type XmlReadProblem = { path: string; reason: string };

const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype', 'hasownproperty']);
const PREDEFINED = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);
/** The longest entity reference accepted: `&#x10FFFF;` / `&#1114111;`. */
const MAX_REF = 10;

type Frame = {
  name: string;
  attrs: Record<string, string> | null;
  children: Record<string, unknown> | null;
  text: string;
};

class XmlReadError extends Error {
  constructor(
    readonly at: number,
    readonly path: string | null,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 58 || c === 45;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Reads a checked document into plain objects; returns the first problem instead on bad input. */
export function readXml(
  text: string,
  limits: XmlReadLimits,
  isArray: (name: string) => boolean,
): { ok: true; value: Record<string, unknown> } | { ok: false; problem: XmlReadProblem } {
  try {
    return { ok: true, value: new Reader(text, limits, isArray).read() };
  } catch (error) {
    if (!(error instanceof XmlReadError)) throw error;
    return {
      ok: false,
      problem: {
        path: error.path ?? `line ${lineAt(text, error.at)}`,
        reason: error.path === null ? `not well-formed XML: ${error.reason}` : error.reason,
      },
    };
  }
}

function lineAt(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

class Reader {
  private pos = 0;
  private readonly stack: Frame[] = [];
  private elements = 0;
  private root: Record<string, unknown> | null = null;
  /** Whether the text names XInclude anywhere: looked up once, at the first include element. */
  private hasXInclude: boolean | undefined;

  constructor(
    private readonly s: string,
    private readonly limits: XmlReadLimits,
    private readonly isArray: (name: string) => boolean,
  ) {}

  read(): Record<string, unknown> {
    const s = this.s;
    if (s.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.skipSpace();
    if (s.startsWith('<?xml', this.pos) && !isNameChar(s.charCodeAt(this.pos + 5))) {
      const end = s.indexOf('?>', this.pos);
      if (end < 0) this.fail(this.pos, 'XML declaration not closed');
      this.pos = end + 2;
    }
    while (this.pos < s.length) {
      const lt = s.indexOf('<', this.pos);
      const stop = lt < 0 ? s.length : lt;
      this.addText(this.pos, stop);
      if (lt < 0) break;
      this.pos = lt;
      this.markup();
    }
    if (this.stack.length > 0) {
      this.fail(s.length, `unclosed element <${clip(this.stack.at(-1)!.name)}>`);
    }
    if (!this.root) this.fail(s.length, 'no root element');
    return this.root;
  }

  private markup(): void {
    const s = this.s;
    const at = this.pos;
    if (s.startsWith('<!--', at)) {
      const end = s.indexOf('-->', at + 4);
      if (end < 0) this.fail(at, 'comment not closed');
      if (s.slice(at + 4, end).includes('--')) this.fail(at, '"--" inside a comment');
      this.pos = end + 3;
      return;
    }
    if (s.startsWith('<![CDATA[', at)) {
      if (this.stack.length === 0) this.fail(at, 'CDATA outside the root element');
      const end = s.indexOf(']]>', at + 9);
      if (end < 0) this.fail(at, 'CDATA section not closed');
      // Kept raw like text, so `&` is escaped for the later entity decoding to give it back.
      this.stack.at(-1)!.text += s.slice(at + 9, end).replaceAll('&', '&amp;');
      this.pos = end + 3;
      return;
    }
    if (s.charCodeAt(at + 1) === 33 /* ! */) {
      const word = s.slice(at + 2, at + 9).toUpperCase();
      if (word.startsWith('DOCTYPE')) {
        throw new XmlReadError(at, '/', 'DOCTYPE is not accepted (no DTDs or entities)');
      }
      if (word.startsWith('ENTITY')) {
        throw new XmlReadError(at, '/', 'ENTITY declarations are not accepted');
      }
      this.fail(at, 'markup declarations are not accepted');
    }
    if (s.charCodeAt(at + 1) === 63 /* ? */) {
      const name = this.nameAt(at + 2);
      throw new XmlReadError(at, '/', `processing instruction <?${clip(name)}> not accepted`);
    }
    if (s.charCodeAt(at + 1) === 47 /* / */) return this.closeTag(at);
    this.openTag(at);
  }

  private openTag(at: number): void {
    const s = this.s;
    if (this.root && this.stack.length === 0) this.fail(at, 'more than one root element');
    const name = this.nameAt(at + 1);
    if (name === '') this.fail(at, 'a "<" that starts no tag');
    this.checkName(name);
    if (name === 'include' || name.endsWith(':include')) {
      this.hasXInclude ??= s.toLowerCase().includes('xinclude');
    }
    if (this.hasXInclude && (name === 'include' || name.endsWith(':include'))) {
      throw new XmlReadError(at, clip(name), 'XInclude is not accepted');
    }
    this.pos = at + 1 + name.length;
    let attrs: Record<string, string> | null = null;
    let count = 0;
    for (;;) {
      const before = this.pos;
      this.skipSpace();
      const c = s.charCodeAt(this.pos);
      if (c === 62 /* > */ || (c === 47 && s.charCodeAt(this.pos + 1) === 62)) break;
      if (Number.isNaN(c)) this.fail(at, `tag <${clip(name)}> not closed`);
      if (this.pos === before) {
        this.fail(this.pos, `whitespace expected between attributes of <${clip(name)}>`);
      }
      const attr = this.nameAt(this.pos);
      if (attr === '') this.fail(this.pos, `bad attribute in <${clip(name)}>`);
      this.checkName(attr);
      this.pos += attr.length;
      this.skipSpace();
      if (s.charCodeAt(this.pos) !== 61 /* = */) {
        this.fail(this.pos, `attribute '${clip(attr)}' has no value`);
      }
      this.pos++;
      this.skipSpace();
      const quote = s.charCodeAt(this.pos);
      if (quote !== 34 && quote !== 39) {
        this.fail(this.pos, `attribute '${clip(attr)}' is not quoted`);
      }
      const end = s.indexOf(quote === 34 ? '"' : "'", this.pos + 1);
      if (end < 0) this.fail(this.pos, `attribute '${clip(attr)}' is not closed`);
      const value = s.slice(this.pos + 1, end);
      if (value.includes('<')) this.fail(this.pos, `"<" in the value of attribute '${clip(attr)}'`);
      this.checkRefs(this.pos + 1, end);
      attrs ??= {};
      if (Object.hasOwn(attrs, `@_${attr}`)) {
        this.fail(this.pos, `attribute '${clip(attr)}' is repeated`);
      }
      if (++count > this.limits.maxAttributes) {
        throw new XmlReadError(at, clip(name), `more than ${this.limits.maxAttributes} attributes`);
      }
      attrs[`@_${attr}`] = value;
      this.pos = end + 1;
    }
    this.elements++;
    if (this.elements > this.limits.maxElements) {
      throw new XmlReadError(at, clip(name), `more than ${this.limits.maxElements} elements`);
    }
    const frame: Frame = { name, attrs, children: null, text: '' };
    if (s.charCodeAt(this.pos) === 47) {
      this.pos += 2;
      this.finish(frame);
      return;
    }
    this.pos++;
    if (this.stack.length >= this.limits.maxDepth) {
      throw new XmlReadError(at, clip(name), `nested deeper than ${this.limits.maxDepth}`);
    }
    this.stack.push(frame);
  }

  private closeTag(at: number): void {
    const name = this.nameAt(at + 2);
    const top = this.stack.at(-1);
    if (!top) this.fail(at, `closing tag </${clip(name)}> without an open element`);
    if (top.name !== name) {
      this.fail(at, `closing tag </${clip(name)}> does not match <${clip(top.name)}>`);
    }
    this.pos = at + 2 + name.length;
    this.skipSpace();
    if (this.s.charCodeAt(this.pos) !== 62) {
      this.fail(at, `closing tag </${clip(name)}> not closed`);
    }
    this.pos++;
    this.stack.pop();
    this.finish(top);
  }

  /** Turns a closed element into its value and adds it to its parent (or makes it the root). */
  private finish(frame: Frame): void {
    const text = frame.text.trim();
    let value: unknown;
    if (!frame.attrs && !frame.children) value = text;
    else {
      const node: Record<string, unknown> = frame.children ?? {};
      if (text !== '') node['#text'] = text;
      value = frame.attrs ? Object.assign(node, frame.attrs) : node;
    }
    const parent = this.stack.at(-1);
    if (!parent) {
      this.root = { [frame.name]: value };
      return;
    }
    parent.children ??= {};
    const existing = parent.children[frame.name];
    if (Array.isArray(existing)) existing.push(value);
    else if (existing !== undefined) parent.children[frame.name] = [existing, value];
    else parent.children[frame.name] = this.isArray(frame.name) ? [value] : value;
  }

  private addText(from: number, to: number): void {
    if (from >= to) return;
    const top = this.stack.at(-1);
    if (!top) {
      for (let i = from; i < to; i++) {
        if (!isSpace(this.s.charCodeAt(i))) {
          this.fail(i, this.root ? 'text after the root element' : 'text before the root element');
        }
      }
      return;
    }
    if (this.s.slice(from, to).includes(']]>')) this.fail(from, '"]]>" in text');
    this.checkRefs(from, to);
    top.text += this.s.slice(from, to);
  }

  // Every `&` starts a predefined entity or a character reference (both checked for shape only).
  // Searched within [from, to) only: an indexOf over the rest of the document for every text
  // segment would make the reader quadratic.
  private checkRefs(from: number, to: number): void {
    const part = this.s.slice(from, to);
    for (let amp = part.indexOf('&'); amp >= 0; amp = part.indexOf('&', amp + 1)) {
      // Looked for within a reference's longest length only, so a flood of `&` stays linear.
      const window = part.slice(amp + 1, amp + 1 + MAX_REF);
      const semi = window.indexOf(';');
      if (semi < 0) this.fail(from + amp, 'a bare "&" (write &amp;)');
      const ref = window.slice(0, semi);
      if (PREDEFINED.has(ref)) continue;
      if (
        ref.startsWith('#x') ? isDigits(ref, 2, 16) : ref.startsWith('#') && isDigits(ref, 1, 10)
      ) {
        continue;
      }
      this.fail(from + amp, `unknown entity &${ref}; (only the five XML entities)`);
    }
  }

  private nameAt(from: number): string {
    const s = this.s;
    if (!isNameStart(s.charCodeAt(from))) return '';
    let end = from + 1;
    while (end < s.length && isNameChar(s.charCodeAt(end))) end++;
    return s.slice(from, end);
  }

  private checkName(name: string): void {
    // The reserved names are short: a long name is not lower-cased only to be compared.
    if (name.length <= 16 && FORBIDDEN_NAMES.has(name.toLowerCase())) {
      throw new XmlReadError(this.pos, clip(name), 'reserved name (prototype pollution guard)');
    }
  }

  private skipSpace(): void {
    while (this.pos < this.s.length && isSpace(this.s.charCodeAt(this.pos))) this.pos++;
  }

  private fail(at: number, reason: string): never {
    throw new XmlReadError(at, null, reason);
  }
}

function isDigits(text: string, from: number, radix: 10 | 16): boolean {
  if (text.length <= from) return false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    const hex = radix === 16 && ((c >= 65 && c <= 70) || (c >= 97 && c <= 102));
    if (!digit && !hex) return false;
  }
  return true;
}

/** A name as shown in an error: a hostile 5 MB name must not travel into a message. */
function clip(name: string): string {
  return name.length > 64 ? `${name.slice(0, 64)}…` : name;
}
