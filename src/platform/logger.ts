import type { Writable } from 'node:stream';
import pino from 'pino';
import pretty from 'pino-pretty';

export type Logger = pino.Logger;

/** Where logs go: stderr, or a stream (tests). A terminal gets readable lines, anything else JSON. */
type LogDestination = Writable & { isTTY?: boolean };

/**
 * Logs on stderr: for a person on a terminal, readable lines (local time, level, message, then
 * the fields); when piped or redirected, one JSON object a line for a log collector. Never log
 * personal data, identities or secrets: log ids and counts.
 */
export function createLogger(
  level: string,
  options: { pretty?: boolean; destination?: LogDestination } = {},
): Logger {
  const destination = options.destination;
  const isPretty = options.pretty ?? (destination ?? process.stderr).isTTY === true;
  const base = { level, base: { pid: process.pid } };
  if (isPretty) {
    return pino(
      base,
      pretty({
        destination: destination ?? 2,
        colorize: destination === undefined,
        sync: true,
        translateTime: 'SYS:yyyy-mm-dd HH:MM:ss',
        ignore: 'pid,hostname',
      }),
    );
  }
  return pino(base, destination ?? pino.destination({ fd: 2, sync: true }));
}

export const silentLogger: Logger = pino({ level: 'silent' });
