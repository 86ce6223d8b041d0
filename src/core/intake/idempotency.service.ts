import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { sql } from 'kysely';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/client.js';
import { ConflictError, IdempotencyMismatchError, ValidationError } from '#shared/errors.js';

/** An in-flight row older than this is taken for abandoned (its process died) and taken over. */
const STALE_MS = 60 * 60 * 1000;
const KEY = /^[\x21-\x7e]{1,200}$/;

/** A stored response for a repeated request. */
export type IdempotentResult<T> = { status: number; body: T; replayed: boolean };

/**
 * Idempotency-Key handling for uploads (draft-ietf-httpapi-idempotency-key-header): the first
 * request with a key runs; a repeat with the same body gets the stored response; a repeat with a
 * different body gets IdempotencyMismatchError (422); one arriving while the first runs, ConflictError (409).
 */
export class IdempotencyService {
  private readonly inFlight = new Set<string>();

  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  /**
   * Runs `work` once per key. `work` consumes the body through `hash` and calls `complete` inside
   * its own transaction, so the stored response commits with the effect.
   */
  async run<T>(
    requestKey: string | undefined,
    /** Whose key it is (organisation/user): keys are stored and looked up under their scope. */
    scope: string,
    /** What else identifies the request (format, file name): hashed before the body. */
    requestLine: string,
    body: AsyncIterable<Buffer>,
    work: (
      hashed: AsyncIterable<Buffer>,
      complete: (trx: Db, status: number, response: T) => Promise<void>,
    ) => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    if (!requestKey) {
      throw new ValidationError('Idempotency-Key header is required', [
        { path: 'Idempotency-Key', reason: 'required' },
      ]);
    }
    if (!KEY.test(requestKey)) {
      throw new ValidationError('Idempotency-Key must be 1..200 visible ASCII characters', [
        { path: 'Idempotency-Key', reason: 'invalid' },
      ]);
    }
    const key = `${scope}:${requestKey}`;
    if (this.inFlight.has(key)) {
      throw new ConflictError('A request with this Idempotency-Key is in flight');
    }
    this.inFlight.add(key);
    try {
      const claimed = await this.claim(key);
      if (!claimed) return await this.replay<T>(key, requestLine, body);
      const hash = createHash('sha256').update(`${requestLine}\n`);
      try {
        const result = await work(hashing(body, hash), async (trx, status, response) => {
          await trx
            .updateTable('idempotencyKey')
            .set({
              status: 'done',
              requestSha256: hash.copy().digest('hex'),
              statusCode: status,
              response: JSON.stringify(response),
              finishedAt: this.deps.clock.now(),
            })
            .where('key', '=', key)
            .execute();
        });
        return { status: 201, body: result, replayed: false };
      } catch (error) {
        // Nothing was committed: free the key so the client may retry.
        await this.deps.db
          .deleteFrom('idempotencyKey')
          .where('key', '=', key)
          .where('status', '=', 'in_flight')
          .execute();
        throw error;
      }
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async claim(key: string): Promise<boolean> {
    const stale = new Date(this.deps.clock.now().getTime() - STALE_MS);
    const row = await sql<{ key: string }>`
      insert into idempotency_key (key, created_at) values (${key}, ${this.deps.clock.now()})
      on conflict (key) do update set created_at = excluded.created_at
        where idempotency_key.status = 'in_flight' and idempotency_key.created_at < ${stale}
      returning key`.execute(this.deps.db);
    return row.rows.length > 0;
  }

  private async replay<T>(
    key: string,
    requestLine: string,
    body: AsyncIterable<Buffer>,
  ): Promise<IdempotentResult<T>> {
    const row = await this.deps.db
      .selectFrom('idempotencyKey')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (row.status === 'in_flight') {
      throw new ConflictError('A request with this Idempotency-Key is in flight');
    }
    const hash = createHash('sha256').update(`${requestLine}\n`);
    // Only the digest of the repeated body matters.
    await finished(Readable.from(hashing(body, hash)).resume());
    if (hash.digest('hex') !== row.requestSha256) {
      throw new IdempotencyMismatchError(
        'This Idempotency-Key was used with a different request body',
      );
    }
    return {
      status: row.statusCode ?? 200,
      body: JSON.parse(row.response ?? 'null') as T,
      replayed: true,
    };
  }
}

async function* hashing(body: AsyncIterable<Buffer>, hash: Hash): AsyncGenerator<Buffer> {
  for await (const chunk of body) {
    hash.update(chunk);
    yield chunk;
  }
}
