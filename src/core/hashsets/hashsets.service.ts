import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/client.js';
import type { JobQueue } from '#platform/jobs/queue.js';
import type { Logger } from '#platform/logger.js';
import { NotFoundError, UnavailableError } from '#shared/errors.js';
import type { CallContext } from '#core/access/actor.js';
import { requireRole } from '#core/access/guards.js';
import type { Role } from '#core/access/roles.js';
import { categoryPolicyView } from './category-policy-view.js';
import type { AuditService } from '#core/audit/audit.service.js';
import type { HashMatch, HashMatcher, MatchHashType } from './hash-matcher.js';
import { LiveHashMatcher } from './matching/live-matcher.js';
import { importHashSetFile, type ImportSource } from './hashset-import.js';
import { HashsetsRepository } from './hashsets.repository.js';
import type {
  HashSetView,
  ImportOptions,
  ImportSummary,
  CategoryPolicy,
  MatchRequest,
  MatchResult,
} from './hashsets.schema.js';
import { loadHashIndex } from './matching/index-loader.js';
import { HashIndex } from './matching/hash-index.js';
import { matchInputs } from './match-inputs.js';

/** Who may read the category policy: the people who weigh leads, and administrators. */
export const CATEGORY_POLICY_READERS: readonly Role[] = [
  'analyst',
  'investigator',
  'supervisor',
  'agency_admin',
  'system_admin',
];

/** What listeners hear after a set's active version changed (and the in-process index was rebuilt). */
export type HashSetChanged = { hashSetId: string; version: number; generation: number };

export type HashsetsServiceDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  queue: JobQueue;
  audit: AuditService;
  /** UK/CAID numeric category -> grade (their numeric codes are not public). */
  caidCategoryMap?: Record<string, string>;
  /** Called after every activation, once the index is rebuilt. */
  onChanged?: (event: HashSetChanged) => void;
};

/**
 * Hash sets: streaming import with atomic version switch, and matching through an in-memory
 * index of the active sets. `matcher` is the synchronous HashMatcher other domains use.
 */
export class HashsetsService {
  readonly #repository: HashsetsRepository;
  readonly #listeners = new Set<(event: HashSetChanged) => void>();
  #index: HashIndex | undefined;
  #generation = 0;
  #requested = 0;
  #applied = 0;

  /** The synchronous matcher over the active sets; call `loadIndex()` once before using it. */
  readonly matcher: HashMatcher;

  constructor(private readonly deps: HashsetsServiceDeps) {
    this.#repository = new HashsetsRepository(deps.db);
    if (deps.onChanged) this.#listeners.add(deps.onChanged);
    this.matcher = new LiveHashMatcher(
      () => this.#requireIndex(),
      () => this.#generation,
    );
  }

  /** Subscribes to set changes (returns the unsubscribe function). */
  onChanged(listener: (event: HashSetChanged) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The index generation (increments on every rebuild that follows a change). */
  get generation(): number {
    return this.#generation;
  }

  /** Builds the index from the database if it is not built yet (idempotent; call at start). */
  async loadIndex(): Promise<void> {
    if (!this.#index) await this.refreshIndex();
  }

  /** Rebuilds the index from the active sets and swaps it in at once; bumps the generation. */
  async refreshIndex(): Promise<void> {
    // A later request reads a later state: an older load finishing last must not win.
    const sequence = ++this.#requested;
    const index = await loadHashIndex(this.#repository);
    if (sequence < this.#applied) return;
    this.#applied = sequence;
    this.#index = index;
    this.#generation++;
  }

  /**
   * Imports one file as a new version of its set (streamed, constant memory); throws
   * ValidationError/ForbiddenContentError for file-level problems, with nothing applied.
   */
  async importHashSet(
    ctx: CallContext,
    source: ImportSource,
    options: ImportOptions,
  ): Promise<ImportSummary> {
    return this.deps.audit.record(ctx, 'hashset.import', 'collection', async (note) => {
      note.objectType = 'hash_set';
      note.details = { fileName: source.fileName };
      const summary = await this.#import(source, options);
      note.objectIds = [summary.hashSetId];
      note.details = {
        version: summary.version,
        imported: summary.imported,
        updated: summary.updated,
        duplicates: summary.duplicates,
        rejected: summary.rejected,
      };
      return summary;
    });
  }

  async #import(source: ImportSource, options: ImportOptions): Promise<ImportSummary> {
    const { activated, ...summary } = await importHashSetFile(
      {
        db: this.deps.db,
        repository: this.#repository,
        clock: this.deps.clock,
        caidCategoryMap: this.deps.caidCategoryMap,
        onActivate: async (trx, event) => {
          await this.deps.queue.enqueue('hashsets.changed', event, {}, trx);
        },
      },
      source,
      options,
    );
    if (activated) {
      await this.refreshIndex();
      const event = {
        hashSetId: summary.hashSetId,
        version: summary.version,
        generation: this.#generation,
      };
      this.deps.logger.info(event, 'hash set activated');
      for (const listener of this.#listeners) listener(event);
    }
    return summary;
  }

  /**
   * Which categories make a lead (static reference data from the code, so not audited; NotFound
   * for other roles).
   */
  categoryPolicy(ctx: CallContext): CategoryPolicy {
    requireRole(ctx.actor, CATEGORY_POLICY_READERS);
    return categoryPolicyView();
  }

  /** Lists every hash set with its active version (audited as a consultation). */
  async listHashSets(ctx: CallContext): Promise<HashSetView[]> {
    return this.deps.audit.record(ctx, 'hashset.list', 'consultation', () => this.#list());
  }

  async #list(): Promise<HashSetView[]> {
    const rows = await this.#repository.listSets();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      activeVersion: r.activeVersion,
      format: r.format ?? null,
      sourceFileName: r.sourceFileName ?? null,
      entryCount: r.entryCount ?? 0,
      activatedAt: r.activatedAt ? new Date(r.activatedAt).toISOString() : null,
    }));
  }

  /** One hash set; throws NotFoundError. */
  async getHashSet(ctx: CallContext, id: string): Promise<HashSetView> {
    return this.deps.audit.record(ctx, 'hashset.read', 'consultation', async (note) => {
      note.objectType = 'hash_set';
      note.objectIds = [id];
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
      const found = uuid.test(id) ? (await this.#list()).find((s) => s.id === id) : undefined;
      if (!found) throw new NotFoundError(`No hash set ${id}`);
      return found;
    });
  }

  /**
   * `matcher.matchExact` for a batch of digests of one type (faster per digest: see
   * docs/BENCHMARKS.md); throws UnavailableError before `loadIndex()`.
   */
  matchExactMany(type: MatchHashType, hexes: readonly string[]): HashMatch[][] {
    return this.#requireIndex().matchExactMany(type, hexes);
  }

  /** Looks up hashes (exact and PDQ) in the active sets (audited); see MatchResult. */
  async matchHashes(
    ctx: CallContext,
    request: MatchRequest,
  ): Promise<{ generation: number; results: MatchResult[] }> {
    return this.deps.audit.record(ctx, 'hashset.match', 'consultation', async (note) => {
      await this.loadIndex();
      const index = this.#requireIndex();
      const results = matchInputs(index, request);
      // Counts only: the hashes looked up are investigative data, not audit content.
      note.details = { hashes: results.length };
      return { generation: this.#generation, results };
    });
  }

  #requireIndex(): HashIndex {
    if (!this.#index) {
      throw new UnavailableError('The hash index is not loaded yet (call hashsets.loadIndex())');
    }
    return this.#index;
  }
}
