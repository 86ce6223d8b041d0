import { ValidationError } from '#shared/errors.js';

export type Line = { line: number; text: string };

const MAX_LINE_BYTES = 1024 * 1024;

/**
 * Splits a byte stream into lines (LF or CRLF, a leading UTF-8 BOM dropped) holding at most one
 * partial line in memory; a line over 1 MiB is a file-level error (no hash list has one).
 */
export async function* readLines(input: AsyncIterable<Uint8Array>): AsyncIterable<Line> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let line = 0;
  let first = true;
  for await (const chunk of input) {
    let text = decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    pending += text;
    let start = 0;
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n', start)) {
      line++;
      yield { line, text: stripCr(pending.slice(start, nl)) };
      start = nl + 1;
    }
    pending = pending.slice(start);
    if (pending.length > MAX_LINE_BYTES) {
      throw new ValidationError(`line ${line + 1}: longer than ${MAX_LINE_BYTES} bytes`, [
        { path: `line ${line + 1}`, reason: 'line too long: not a hash list' },
      ]);
    }
  }
  pending += decoder.decode();
  if (pending.length > 0) yield { line: line + 1, text: stripCr(pending) };
}

function stripCr(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

/** Splits one CSV line with RFC 4180 quoting (`""` inside quotes); undefined when quotes are unbalanced. */
export function splitCsv(text: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i <= text.length) {
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) return undefined;
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(value);
      if (i < text.length && text[i] !== ',') return undefined;
      i++;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? text.length : comma;
      out.push(text.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}
