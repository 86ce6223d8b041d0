import type { TorExit } from './population.js';
import { MS_PER_DAY, TimestampFormatter } from './time.js';

/** The TorDNSEL exit list (`exit-addresses`) for the scenario: one ExitAddress line per day an exit was seen. */
export function torExitList(exits: TorExit[]): { text: string; lines: number } {
  const fmt = new TimestampFormatter();
  const lines: string[] = [];
  for (const e of exits) {
    const last = e.to - 3_600_000;
    lines.push(
      `ExitNode ${e.fingerprint}`,
      `Published ${fmt.plain(last - 1_800_000)}`,
      `LastStatus ${fmt.plain(last)}`,
    );
    for (let at = e.from + 600_000; at < e.to; at += MS_PER_DAY) {
      lines.push(`ExitAddress ${e.ip} ${fmt.plain(at)}`);
    }
  }
  return { text: `${lines.join('\n')}\n`, lines: lines.length };
}
