import { createHash } from 'node:crypto';
import type { Clock } from '#platform/clock.js';
import { RateLimitedError } from '#shared/errors.js';

/**
 * A per-account sliding-window limit on login attempts (in memory, per process), on top of the
 * persistent lockout. Keys are hashed so no username is held in memory longer than needed.
 */
export class LoginRateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly max = 10,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts an attempt for this username; throws RateLimitedError (429) past the limit. */
  hit(username: string): void {
    const key = createHash('sha256').update(username.trim().toLowerCase()).digest('hex');
    const now = this.clock.now().getTime();
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 100_000) this.hits.clear(); // bounded memory under a spray attack
    if (recent.length > this.max) {
      throw new RateLimitedError('Too many login attempts; wait a minute');
    }
  }
}
