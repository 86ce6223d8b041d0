import { canonicalIp } from '#core/intake/canonical/ip.js';

/** One `ExitAddress` of a TorDNSEL exit list: this relay exited from `ip` at `seenAt`. */
export type TorExitEntry = {
  ip: string;
  fingerprint: string;
  seenAt: Date;
  publishedAt: Date | null;
};
export type TorParseResult = {
  entries: TorExitEntry[];
  errors: Array<{ line: number; reason: string }>;
};

const STAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;

/**
 * Parses a TorDNSEL `exit-addresses` list (`ExitNode <fp>`, `Published`, `LastStatus`,
 * `ExitAddress <ip> <YYYY-MM-DD HH:MM:SS>`, times in UTC). Bad lines are reported, not guessed.
 */
export function parseTorExitList(text: string): TorParseResult {
  const entries: TorExitEntry[] = [];
  const errors: TorParseResult['errors'] = [];
  let fingerprint: string | null = null;
  let publishedAt: Date | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const [keyword, ...args] = raw.trim().split(/\s+/);
    if (!keyword || keyword.startsWith('@')) return;
    if (keyword === 'ExitNode') {
      fingerprint = /^[0-9A-F]{40}$/.test(args[0] ?? '') ? args[0]! : null;
      publishedAt = null;
      if (!fingerprint) errors.push({ line, reason: 'ExitNode needs a 40-hex fingerprint' });
    } else if (keyword === 'Published') {
      publishedAt = utc(args.join(' '));
    } else if (keyword === 'ExitAddress') {
      const ip = canonicalIp(args[0] ?? '');
      const seenAt = utc(args.slice(1).join(' '));
      if (!fingerprint) errors.push({ line, reason: 'ExitAddress outside an ExitNode entry' });
      else if (!ip.ok) errors.push({ line, reason: `bad address: ${ip.reason}` });
      else if (!seenAt) errors.push({ line, reason: 'bad time (YYYY-MM-DD HH:MM:SS, UTC)' });
      else entries.push({ ip: ip.ip, fingerprint, seenAt, publishedAt });
    } else if (keyword !== 'LastStatus') {
      errors.push({ line, reason: `unknown keyword ${keyword.slice(0, 40)}` });
    }
  });
  return { entries, errors };
}

function utc(text: string): Date | null {
  const m = STAMP.exec(text);
  if (!m) return null;
  const date = new Date(`${m[1]}T${m[2]}Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== m[1] ? null : date;
}

/** Exit addresses by IP, answering "was this a Tor exit within `windowMs` of that time?". */
export class TorExitIndex {
  private readonly byIp = new Map<string, number[]>();

  constructor(
    entries: Iterable<{ ip: string; seenAt: Date }>,
    private readonly windowMs: number,
  ) {
    for (const e of entries) {
      const times = this.byIp.get(e.ip) ?? [];
      times.push(e.seenAt.getTime());
      this.byIp.set(e.ip, times);
    }
  }

  /** Whether `ip` was seen exiting Tor within the window around `at`. */
  wasExit(ip: string, at: Date): boolean {
    const times = this.byIp.get(ip);
    if (!times) return false;
    const t = at.getTime();
    return times.some((seen) => Math.abs(seen - t) <= this.windowMs);
  }
}
