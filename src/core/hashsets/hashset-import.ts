import type { Insertable } from 'kysely';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/client.js';
import type { HashEntryTable, HashSetKind } from '#platform/db/tables.js';
import { ValidationError } from '#shared/errors.js';
import { assertNoForbiddenMagic } from './forbidden-content.js';
import { DETECT_BYTES, detectFormat, parserFor } from './formats/detect.js';
import { peek } from './formats/peek.js';
import type { ParsedRecord, RowIssue } from './formats/types.js';
import { isEmptyFileHash } from './hash-values.js';
import type { HashsetsRepository } from './hashsets.repository.js';
import type { ImportOptions, ImportSummary } from './hashsets.schema.js';

/** A file to import: its name (for provenance and the default set name) and its bytes. */
export type ImportSource = { fileName: string; stream: AsyncIterable<Uint8Array> };

const BATCH = 5000;
const MAX_LISTED_ERRORS = 1000;

type Deps = {
  db: Db;
  repository: HashsetsRepository;
  clock: Clock;
  caidCategoryMap?: Record<string, string> | undefined;
  /** Called inside the activation transaction (enqueue the `hashsets.changed` job there). */
  onActivate: (trx: Db, event: { hashSetId: string; version: number }) => Promise<void>;
};

/**
 * Streams one file into a new `loading` version of its set, then either discards it (nothing
 * changed: re-import is idempotent) or activates it in one transaction. A file-level error (or
 * any row error with `isStrict`) deletes the loading version: nothing is partially applied.
 */
export async function importHashSetFile(
  deps: Deps,
  source: ImportSource,
  options: ImportOptions,
): Promise<ImportSummary & { activated: boolean }> {
  const { head, stream } = await peek(source.stream, DETECT_BYTES);
  assertNoForbiddenMagic(head, source.fileName);
  const format = options.format ?? detectFormat(head);
  const kind = kindFor(format, options.kind);
  const name = options.name ?? defaultName(source.fileName);
  const parse = parserFor(format, head);

  const set = await deps.repository.upsertSet(name, kind);
  const previous = await deps.repository.findActiveVersion(set.id);
  const loading = await deps.repository.insertLoadingVersion({
    hashSetId: set.id,
    kind,
    format,
    sourceFileName: source.fileName,
  });
  const counts = { rejected: 0, skipped: 0, emptyFileHashes: 0, attempted: 0, inserted: 0 };
  const errors: RowIssue[] = [];
  try {
    let batch: Array<Insertable<HashEntryTable>> = [];
    const flush = async () => {
      counts.attempted += batch.length;
      counts.inserted += await deps.repository.insertEntries(batch);
      batch = [];
    };
    const items = parse(stream, {
      scheme: options.scheme,
      category: options.category,
      caidCategoryMap: options.caidCategoryMap ?? deps.caidCategoryMap,
    });
    for await (const item of items) {
      if (item.kind === 'issue') {
        if (item.isSkip) counts.skipped++;
        else counts.rejected++;
        if (errors.length < MAX_LISTED_ERRORS) errors.push(item);
        continue;
      }
      for (const row of entryRows(item, loading.id)) {
        if (isEmptyFileHash(row.hashType, row.hashHex)) {
          counts.emptyFileHashes++;
          continue;
        }
        batch.push(row);
      }
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    if (options.isStrict && counts.rejected > 0) {
      throw new ValidationError(
        `${source.fileName}: ${counts.rejected} rows rejected; strict mode refuses the whole file`,
        errors.filter((e) => !e.isSkip).map(toDetail(source.fileName)),
      );
    }
    if (counts.inserted === 0 && counts.rejected > 0) {
      throw new ValidationError(
        `${source.fileName}: no valid entry; the file is refused`,
        errors.map(toDetail(source.fileName)),
      );
    }
  } catch (error) {
    await deps.repository.deleteVersion(loading.id);
    await deps.repository.deleteSetIfUnused(set.id);
    if (error instanceof Error && !error.message.startsWith(source.fileName)) {
      error.message = `${source.fileName}: ${error.message}`;
    }
    throw error;
  }

  const diff = await deps.repository.diffVersions(loading.id, previous?.id ?? null);
  const isChanged =
    !previous || diff.imported + diff.updated + diff.removed > 0 || previous.kind !== kind;
  if (isChanged) {
    await deps.db.transaction().execute(async (trx) => {
      await deps.repository.activateVersion(trx, {
        hashSetId: set.id,
        versionId: loading.id,
        version: loading.version,
        kind,
        entryCount: diff.total,
        rejectedCount: counts.rejected,
        now: deps.clock.now(),
      });
      await deps.onActivate(trx, { hashSetId: set.id, version: loading.version });
    });
    await deps.repository.deleteSupersededEntries(set.id);
  } else {
    await deps.repository.deleteVersion(loading.id);
  }
  return {
    hashSetId: set.id,
    name,
    kind,
    format,
    version: isChanged ? loading.version : previous!.version,
    isChanged,
    activated: isChanged,
    imported: diff.imported,
    updated: diff.updated,
    duplicates: diff.unchanged + (counts.attempted - counts.inserted),
    rejected: counts.rejected,
    removed: diff.removed,
    skipped: counts.skipped,
    emptyFileHashes: counts.emptyFileHashes,
    errors: errors.map(({ position, field, reason }) => ({ position, field, reason })),
    isErrorListTruncated: counts.rejected + counts.skipped > errors.length,
  };
}

/**
 * NSRL is known-benign by definition: used to exclude, never to accuse. A VICS file is a
 * categorised set of known material. Every other format (md5sum, sha1sum, sha256sum, hashdeep,
 * PDQ lists) does not say what it holds: the importer names the kind, or nothing is imported.
 */
function kindFor(format: string, requested: HashSetKind | undefined): HashSetKind {
  if (format === 'nsrl') {
    if (requested === 'known') {
      throw new ValidationError('NSRL is a known-benign set; it cannot be imported as known', [
        { path: 'kind', reason: 'NSRL is always benign' },
      ]);
    }
    return 'benign';
  }
  if (format === 'vics') return requested ?? 'known';
  if (!requested) {
    throw new ValidationError(
      `A ${format} list does not say what it holds: give its kind (known or benign)`,
      [{ path: 'kind', reason: `required for ${format} (known|benign)` }],
    );
  }
  return requested;
}

function defaultName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  // Known extensions cut one at a time from the end: `/(\.(json|…))+$/` retried the whole run of
  // extensions from every dot when the name did not end in one (quadratic in the name's length).
  let name = base;
  for (;;) {
    const dot = name.lastIndexOf('.');
    if (dot < 0 || !LIST_EXTENSIONS.has(name.slice(dot + 1).toLowerCase())) break;
    name = name.slice(0, dot);
  }
  return name || base;
}

const LIST_EXTENSIONS = new Set([
  'json',
  'txt',
  'md5',
  'sha1',
  'sha256',
  'csv',
  'db',
  'sqlite',
  'pdq',
  'hashdeep',
  'vics',
]);

function entryRows(record: ParsedRecord, versionId: string): Array<Insertable<HashEntryTable>> {
  return record.hashes.map((hash) => ({
    hashSetVersionId: versionId,
    hashType: hash.type,
    hashHex: hash.hex,
    categoryScheme: record.categoryScheme,
    categoryCode: record.categoryCode,
    series: record.series,
    victimIdentified: record.victimIdentified,
    isDistributed: record.isDistributed,
    mediaId: record.mediaId,
    pdqQuality: record.pdqQuality,
    sourcePosition: record.position,
  }));
}

function toDetail(fileName: string) {
  return (issue: RowIssue) => ({
    path: `${fileName}: ${issue.position}: ${issue.field}`,
    reason: issue.reason,
  });
}
