/** Where one output file goes. `write` returns a promise only when the consumer wants the producer to wait (backpressure). */
export type TextSink = {
  write(chunk: string | Uint8Array): void | Promise<void>;
  close(): Promise<void>;
};

/** The port through which the simulator writes files; the CLI shell implements it over the file system. */
export type OutputSink = {
  /** Opens `relativePath` (POSIX separators, e.g. `tips/T0001.report.xml`) for writing. */
  open(relativePath: string): TextSink;
};

/** Writes a whole small document. */
export async function writeWhole(sink: OutputSink, path: string, text: string): Promise<void> {
  const out = sink.open(path);
  await out.write(text);
  await out.close();
}

const CHUNK = 1 << 20;

/**
 * Encodes small strings straight into a 1 MiB buffer and hands full buffers to the sink, waiting
 * on backpressure. Encoding each row as it comes is much cheaper than joining a long rope of
 * rows into one string first.
 */
export class ChunkedWriter {
  private buffer = Buffer.allocUnsafe(CHUNK);
  private used = 0;

  constructor(private readonly out: TextSink) {}

  /** Adds text; returns a promise only when a flush had to wait for the sink. */
  push(text: string): void | Promise<void> {
    if (this.used + text.length * 3 > CHUNK) {
      const wait = this.flush();
      if (text.length * 3 > CHUNK) return chain(wait, () => this.out.write(text));
      this.used = this.buffer.write(text, 0);
      return wait;
    }
    this.used += this.buffer.write(text, this.used);
  }

  flush(): void | Promise<void> {
    if (this.used === 0) return;
    const full = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(CHUNK);
    this.used = 0;
    return this.out.write(full);
  }

  async close(): Promise<void> {
    await this.flush();
    await this.out.close();
  }
}

function chain(wait: void | Promise<void>, next: () => void | Promise<void>): void | Promise<void> {
  return wait ? wait.then(next) : next();
}
