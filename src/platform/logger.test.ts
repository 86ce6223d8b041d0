import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

/** A stream that keeps what it is given, and says whether it is a terminal. */
function sink(isTTY: boolean) {
  let text = '';
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => text };
}

describe(createLogger.name, () => {
  it('writes readable lines (time, level, message) to a terminal', () => {
    const out = sink(true);
    createLogger('info', { destination: out.stream }).info({ port: 8080 }, 'listening');
    const line = out.text();
    expect(line).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] INFO: listening\n/);
    expect(line).toContain('port: 8080');
    expect(line).not.toContain('{"');
  });

  it('writes one JSON object a line when piped', () => {
    const out = sink(false);
    createLogger('info', { destination: out.stream }).info({ port: 8080 }, 'listening');
    const entry = JSON.parse(out.text()) as Record<string, unknown>;
    expect(entry).toMatchObject({ msg: 'listening', port: 8080, level: 30 });
    expect(typeof entry.time).toBe('number');
  });
});
