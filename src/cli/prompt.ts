import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { ValidationError } from '#shared/errors.js';

/** Asks a question on the terminal; `hidden` does not echo what is typed (passwords). */
export async function ask(question: string, options: { hidden?: boolean } = {}): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new ValidationError('No terminal to prompt on: pass --from-file FILE instead');
  }
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = rl.question(question);
    muted = options.hidden ?? false;
    const value = await answer;
    if (muted) process.stdout.write('\n');
    return value;
  } finally {
    rl.close();
  }
}
