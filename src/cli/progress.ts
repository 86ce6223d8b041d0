import type { CliContext } from './context.js';

/**
 * Passes a byte stream through, drawing a progress bar on stderr when it is a terminal (never
 * into pipes or logs).
 */
export async function* progressStream(
  input: AsyncIterable<Uint8Array | string>,
  total: number,
  ctx: CliContext,
): AsyncIterable<Uint8Array> {
  let done = 0;
  let last = 0;
  const draw = (final = false) => {
    if (!ctx.isTty || total === 0) return;
    const ratio = Math.min(1, done / total);
    const bar = '#'.repeat(Math.round(ratio * 30)).padEnd(30, '.');
    ctx.stderr(
      `\r[${bar}] ${(ratio * 100).toFixed(1)}% ${(done / 2 ** 20).toFixed(1)} MiB${final ? '\n' : ''}`,
    );
  };
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    done += bytes.byteLength;
    const now = Date.now();
    if (now - last > 200) {
      last = now;
      draw();
    }
    yield bytes;
  }
  draw(true);
}

/** A one-line progress display on a terminal's stderr (or plain lines when forced off a TTY). */
export function progressReporter(ctx: CliContext, label: string, forced: boolean) {
  const started = Date.now();
  const enabled = ctx.isTty === true || forced;
  return {
    update(rows: number) {
      if (!enabled) return;
      const rate = Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000));
      const text = `${label}: ${rows} rows (${rate}/s)`;
      ctx.stderr(ctx.isTty ? `\r\u001b[2K${text}` : `progress ${text}\n`);
    },
    done() {
      if (enabled && ctx.isTty) ctx.stderr('\n');
    },
  };
}
