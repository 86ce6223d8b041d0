import { Transform, type TransformCallback } from 'node:stream';

const KEEP = 4096;

/**
 * Passes bytes through unchanged while remembering the last few thousand physical lines (split at
 * CRLF, LF or CR, as the CSV parser counts them), so a record the parser rejects can be quarantined
 * verbatim by line number.
 */
export class LineTap extends Transform {
  private lineNo = 1;
  private partial: Buffer[] = [];
  private pendingCr = false;
  private readonly lines = new Map<number, Buffer>();

  /** The text of a recent physical line, or null when it is no longer remembered. */
  line(n: number): string | null {
    const done = this.lines.get(n);
    if (done) return done.toString('utf8');
    return n === this.lineNo && this.partial.length > 0
      ? Buffer.concat(this.partial).toString('utf8')
      : null;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    let start = 0;
    if (this.pendingCr && chunk[0] === 0x0a) start = 1;
    this.pendingCr = false;
    for (let i = start; i < chunk.length; i++) {
      const c = chunk[i];
      if (c !== 0x0a && c !== 0x0d) {
        const next = nextBreak(chunk, i);
        if (next < 0) {
          this.partial.push(chunk.subarray(i));
          break;
        }
        this.partial.push(chunk.subarray(i, next));
        i = next - 1;
        continue;
      }
      this.endLine();
      if (c === 0x0d) {
        if (i + 1 < chunk.length) {
          if (chunk[i + 1] === 0x0a) i++;
        } else this.pendingCr = true;
      }
    }
    callback(null, chunk);
  }

  private endLine(): void {
    this.lines.set(this.lineNo, Buffer.concat(this.partial));
    this.lines.delete(this.lineNo - KEEP);
    this.partial = [];
    this.lineNo++;
  }
}

function nextBreak(chunk: Buffer, from: number): number {
  const lf = chunk.indexOf(0x0a, from);
  const cr = chunk.indexOf(0x0d, from);
  if (lf < 0) return cr;
  if (cr < 0) return lf;
  return Math.min(lf, cr);
}
