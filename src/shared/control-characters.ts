import type { ErrorDetail } from './errors.js';

/**
 * Whether a UTF-16 code unit is a control character no text field accepts: C0 (U+0000–U+001F)
 * except tab, line feed and carriage return; DEL (U+007F); and C1 (U+0080–U+009F). C1 is refused
 * too: typed text never holds it, U+009B is an 8-bit CSI to some terminals that show logs and
 * exports, and it usually betrays Windows-1252 bytes decoded as Latin-1, better refused than kept.
 */
export function isForbiddenControl(code: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  return code >= 0x7f && code <= 0x9f;
}

/** The index of the first forbidden control character in `text`, or -1. */
export function indexOfControl(text: string): number {
  for (let i = 0; i < text.length; i++) {
    if (isForbiddenControl(text.charCodeAt(i))) return i;
  }
  return -1;
}

/** The reason given for a field that holds a control character (names it, never echoes the text). */
export function controlReason(text: string): string {
  const code = text.charCodeAt(indexOfControl(text));
  return `contains the control character U+${code.toString(16).toUpperCase().padStart(4, '0')} (only tab, line feed and carriage return are allowed)`;
}

/**
 * Every string value or property name in a parsed JSON value that holds a control character, as
 * `{ path, reason }` in the zod issue format (`notes.2.text`; `(root)` for the value itself). Walks
 * iteratively (no recursion over attacker-controlled depth) and stops after `limit` findings.
 */
export function findControlCharacters(value: unknown, limit = 20): ErrorDetail[] {
  const found: ErrorDetail[] = [];
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (stack.length > 0 && found.length < limit) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (indexOfControl(v) >= 0) found.push({ path: path || '(root)', reason: controlReason(v) });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: join(path, i) });
    } else if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        if (indexOfControl(key) >= 0) {
          found.push({ path: path || '(root)', reason: `a property name ${controlReason(key)}` });
        } else {
          stack.push({ value: child, path: join(path, key) });
        }
      }
    }
  }
  return found;
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
