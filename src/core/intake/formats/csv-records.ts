/**
 * A streaming RFC 4180 record reader built for throughput: a line without a quote character (almost
 * every line of a P2P log) is split on commas directly; a line with one goes through a small state
 * machine that may span physical lines (a quoted field may hold CR/LF). Lines end at CRLF, LF or CR.
 *
 * A broken record never stops reading: a stray quote, a bad closing quote or an over-long record
 * rejects the physical lines it covered; a quote left open (at the end of the input, or past the
 * size limit) rejects its first line only, and reading resumes on the next, so the valid rest of
 * the file is never lost.
 */

/** One record (or one unreadable record) with its first physical line and its verbatim text. */
export type CsvRecord =
  { line: number; raw: string; fields: string[] } | { line: number; raw: string; error: string };

type PhysicalLine = { text: string; end: string };

export const MAX_RECORD_CHARS = 64 * 1024;

/** Reads CSV records from byte chunks (UTF-8; a BOM is dropped); yields them in arrays, in order. */
export async function* readCsvRecords(
  input: AsyncIterable<Buffer | string>,
): AsyncGenerator<CsvRecord[]> {
  const decoder = new TextDecoder('utf-8');
  const reader = new CsvRecordReader();
  let first = true;
  for await (const chunk of input) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const out = reader.push(text);
    if (out.length > 0) yield out;
  }
  const rest = reader.push(decoder.decode(), true);
  if (rest.length > 0) yield rest;
}

/** The push-based reader behind readCsvRecords (exported for tests). */
export class CsvRecordReader {
  private carry = '';
  /** Chunks of a physical line still without an end, kept apart (joined once it ends). */
  private parts: string[] = [];
  private partsLength = 0;
  /** The current physical line is over the record limit: the rest of it is dropped. */
  private isDropping = false;
  private lines: PhysicalLine[] = [];
  private lineNo = 1;

  /** Adds text; returns the records completed by it (all the rest when `end`). */
  push(text: string, end = false): CsvRecord[] {
    // A chunk inside one long physical line is set aside, not rescanned with the line on every
    // push (that was quadratic in the line's length); past the record limit it is dropped, since
    // such a line is rejected anyway and its first MAX_RECORD_CHARS + 1 characters say so.
    const lineEnd = lineEndIn(text);
    if (!end && lineEnd < 0 && !this.carry.endsWith('\r')) {
      if (!this.isDropping) {
        this.parts.push(text);
        this.partsLength += text.length;
        if (this.carry.length + this.partsLength > MAX_RECORD_CHARS) {
          this.carry = (this.carry + this.parts.join('')).slice(0, MAX_RECORD_CHARS + 1);
          this.parts = [];
          this.partsLength = 0;
          this.isDropping = true;
        }
      }
      return [];
    }
    if (this.isDropping) {
      text = lineEnd < 0 ? '' : text.slice(lineEnd);
      this.isDropping = false;
    }
    const carry = this.parts.length > 0 ? this.carry + this.parts.join('') : this.carry;
    this.parts = [];
    this.partsLength = 0;
    this.split(carry + text, end);
    const out: CsvRecord[] = [];
    let i = 0;
    while (i < this.lines.length) {
      const consumed = this.record(i, end, out);
      if (consumed === 0) break;
      i += consumed;
    }
    this.lines = i === 0 ? this.lines : this.lines.slice(i);
    return out;
  }

  // Splits text into physical lines; an unterminated tail (or a CR that may be half of CRLF) is
  // carried into the next push unless this is the end.
  private split(text: string, end: boolean): void {
    let pos = 0;
    const hasCr = text.includes('\r');
    for (;;) {
      let nl = text.indexOf('\n', pos);
      let cut = nl;
      let term = '\n';
      if (hasCr) {
        const cr = text.indexOf('\r', pos);
        if (cr >= 0 && (nl < 0 || cr < nl)) {
          if (cr + 1 === text.length && !end) break;
          cut = cr;
          term = text.charCodeAt(cr + 1) === 10 ? '\r\n' : '\r';
          nl = cr + term.length - 1;
        }
      }
      if (cut < 0) break;
      this.lines.push({ text: text.slice(pos, cut), end: term });
      pos = nl + 1;
    }
    const tail = text.slice(pos);
    if (end) {
      if (tail.length > 0) this.lines.push({ text: tail, end: '' });
      this.carry = '';
    } else this.carry = tail;
  }

  // Reads the record starting at lines[i]; returns how many lines it used (0: needs more input).
  private record(i: number, end: boolean, out: CsvRecord[]): number {
    const first = this.lines[i]!;
    const line = this.lineNo;
    if (!first.text.includes('"')) {
      this.lineNo++;
      if (first.text.length > MAX_RECORD_CHARS) {
        out.push({
          line,
          raw: first.text,
          error: `record longer than ${MAX_RECORD_CHARS} characters`,
        });
      } else out.push({ line, raw: first.text, fields: first.text.split(',') });
      return 1;
    }
    const result = this.quoted(i);
    if (result.kind === 'more') {
      if (!end && result.chars <= MAX_RECORD_CHARS) return 0;
      // Unterminated: reject the first line only and read on from the next.
      this.lineNo++;
      out.push({
        line,
        raw: first.text,
        error:
          result.chars > MAX_RECORD_CHARS
            ? `quote not closed within ${MAX_RECORD_CHARS} characters`
            : 'quote not closed before the end of the file',
      });
      return 1;
    }
    const raw = this.raw(i, result.used);
    this.lineNo += result.used;
    if (result.kind === 'error') out.push({ line, raw, error: result.reason });
    else if (raw.length > MAX_RECORD_CHARS) {
      out.push({ line, raw, error: `record longer than ${MAX_RECORD_CHARS} characters` });
    } else out.push({ line, raw, fields: result.fields });
    return result.used;
  }

  private raw(i: number, used: number): string {
    let raw = this.lines[i]!.text;
    for (let k = i + 1; k < i + used; k++) raw += this.lines[k - 1]!.end + this.lines[k]!.text;
    return raw;
  }

  // The RFC 4180 state machine for a record that has a quote somewhere.
  private quoted(
    i: number,
  ):
    | { kind: 'ok'; fields: string[]; used: number }
    | { kind: 'error'; reason: string; used: number }
    | { kind: 'more'; chars: number } {
    const fields: string[] = [];
    let k = i;
    let s = this.lines[k]!.text;
    let chars = s.length;
    let pos = 0;
    for (;;) {
      if (s.charCodeAt(pos) === 34) {
        let value = '';
        pos++;
        for (;;) {
          const q = s.indexOf('"', pos);
          if (q < 0) {
            value += s.slice(pos) + this.lines[k]!.end;
            k++;
            if (k >= this.lines.length) return { kind: 'more', chars };
            s = this.lines[k]!.text;
            chars += s.length + 2;
            if (chars > MAX_RECORD_CHARS) return { kind: 'more', chars };
            pos = 0;
            continue;
          }
          value += s.slice(pos, q);
          if (s.charCodeAt(q + 1) === 34) {
            value += '"';
            pos = q + 2;
            continue;
          }
          pos = q + 1;
          break;
        }
        fields.push(value);
        if (pos === s.length) return { kind: 'ok', fields, used: k - i + 1 };
        if (s.charCodeAt(pos) !== 44) {
          return {
            kind: 'error',
            reason: 'a closing quote must be followed by a comma or the end of the record',
            used: k - i + 1,
          };
        }
        pos++;
      } else {
        const comma = s.indexOf(',', pos);
        const value = s.slice(pos, comma < 0 ? s.length : comma);
        if (value.includes('"')) {
          return {
            kind: 'error',
            reason:
              'stray quote: a quote inside an unquoted field (quote the whole field and double the quote)',
            used: k - i + 1,
          };
        }
        fields.push(value);
        if (comma < 0) return { kind: 'ok', fields, used: k - i + 1 };
        pos = comma + 1;
      }
      if (pos === s.length) {
        fields.push('');
        return { kind: 'ok', fields, used: k - i + 1 };
      }
    }
  }
}

/** The index of the first CR or LF in `text`, or -1. */
function lineEndIn(text: string): number {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  return lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
}
