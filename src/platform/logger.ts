import pino from 'pino';
import pretty from 'pino-pretty';

export type Logger = pino.Logger;

/**
 * Structured JSON logs; human-readable when stderr is a terminal. Never log personal data,
 * identities or secrets: log ids and counts.
 */
export function createLogger(level: string, options: { pretty?: boolean } = {}): Logger {
  const isPretty = options.pretty ?? process.stderr.isTTY;
  const base = { level, base: { pid: process.pid } };
  return isPretty
    ? pino(base, pretty({ destination: 2, colorize: true, sync: true }))
    : pino(base, pino.destination({ fd: 2, sync: true }));
}

export const silentLogger: Logger = pino({ level: 'silent' });
