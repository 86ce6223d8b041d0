/**
 * @module The composition root: builds the core (database, services, jobs) from a Config. Every
 * shell (HTTP, CLI, worker) gets its services from here and nowhere else.
 */
import { tmpdir } from 'node:os';
import { sql } from 'kysely';
import { AuditCheckpointsService } from '#core/audit/audit-checkpoints.service.js';
import { auditJobs } from '#core/audit/audit.jobs.js';
import { hashsetsJobs } from '#core/hashsets/hashsets.jobs.js';
import { HashsetsService } from '#core/hashsets/hashsets.service.js';
import { AttributionRepository } from '#core/attribution/attribution.repository.js';
import { AttributionService } from '#core/attribution/attribution.service.js';
import { loadAttributionSources } from '#core/attribution/sources.js';
import type { HashMatcher } from '#core/hashsets/hash-matcher.js';
import { IdempotencyService } from '#core/intake/idempotency.service.js';
import { intakeJobs } from '#core/intake/intake.jobs.js';
import { IntakeRepository } from '#core/intake/intake.repository.js';
import { IntakeService } from '#core/intake/intake.service.js';
import { QuarantineService } from '#core/intake/quarantine.service.js';
import { RuleSetsService } from '#core/rule-sets/rule-sets.service.js';
import { SubjectDecisionsService } from '#core/subjects/subject-decisions.service.js';
import { buildInvestigations } from '#core/investigations/index.js';
import { subjectsJobs } from '#core/subjects/subjects.jobs.js';
import { SubjectsService } from '#core/subjects/subjects.service.js';
import { EvaluationService } from '#core/evaluation/evaluation.service.js';
import { SystemService } from '#core/system/system.service.js';
import { systemClock, type Clock } from '#platform/clock.js';
import {
  defaultAsnSources,
  defaultCityDbs,
  type AttributionConfig,
  type Config,
} from '#platform/config.js';
import { openDatabase, type DatabaseHandle } from '#platform/db/client.js';
import { migrateAsOwner, migrationStatus } from '#platform/db/migrate.js';
import { copyIn } from '#platform/db/copy.js';
import type { JobHandlers } from '#platform/jobs/job.types.js';
import { JobQueue } from '#platform/jobs/queue.js';
import { JobWorker } from '#platform/jobs/worker.js';
import { createMetrics } from '#platform/metrics/metrics.js';
import { renderLeadPackagePdf } from '#platform/pdf/lead-package-pdf.js';
import { silentLogger, type Logger } from '#platform/logger.js';
import { VERSION } from '#platform/version.js';
import { buildSecurity, securityFromConfig, type SecurityOptions } from './app.security.js';

export type CoreDeps = {
  clock?: Clock;
  logger?: Logger;
  security?: SecurityOptions;
  /** UK/CAID numeric category -> grade for VICS UK imports (not public; set per installation). */
  caidCategoryMap?: Record<string, string>;
  /** Attribution data files (default: the bundled DB-IP Lite and ip-location-db ASN data). */
  attribution?: AttributionConfig;
  /** The hash-set matcher port (the hashsets domain provides it; default: no active hash sets). */
  hashMatcher?: HashMatcher;
  /** Largest upload to POST /api/intake/imports, in bytes (default 512 MiB). */
  maxUploadBytes?: number;
  /** Where uploads are spooled before import (default on PGlite: the OS temp directory). */
  uploadSpoolDir?: string;
  /** Jobs or a worker silent longer than this make health red (default 15 minutes). */
  stuckAfterMs?: number;
};

export type Core = Awaited<ReturnType<typeof buildCore>>;

/** Opens the configured database and builds the core on it. */
export async function createCore(config: Config, deps: CoreDeps = {}): Promise<Core> {
  // The key is read first: a bad key file must fail before a database is created.
  const security = securityFromConfig(config);
  const handle = await openDatabase(config.database);
  try {
    return buildCore(handle, {
      attribution: config.attribution,
      maxUploadBytes: config.intake.maxUploadBytes,
      // PGlite: uploads are spooled in the data directory (same disk, same protection as the data).
      ...(config.database.kind === 'pglite' ? { uploadSpoolDir: config.database.dataDir } : {}),
      stuckAfterMs: config.health.stuckAfterMs,
      ...deps,
      security: { ...security, ...deps.security },
    });
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Builds the services on an open database (tests pass a PGlite cloned from a template). */
export function buildCore(handle: DatabaseHandle, deps: CoreDeps = {}) {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? silentLogger;
  const { db } = handle;
  const queue = new JobQueue(db, clock);
  const jobHandlers: JobHandlers = {};

  const security = buildSecurity({ db, clock, logger }, deps.security);
  let worker: JobWorker | undefined;
  const system = new SystemService({
    version: VERSION,
    engine: handle.engine,
    db,
    clock,
    pingDatabase: async () => void (await sql`select 1`.execute(db)),
    migrationStatus: () => migrationStatus(db),
    probeAudit: (timeoutMs) => security.audit.probe(timeoutMs),
    workerHeartbeat: () => worker?.heartbeat,
    stuckAfterMs: deps.stuckAfterMs ?? 15 * 60_000,
  });
  const metrics = createMetrics(() => system.getOpsSnapshot());
  const hashsets = new HashsetsService({
    db,
    clock,
    logger,
    queue,
    audit: security.audit,
    ...(deps.caidCategoryMap ? { caidCategoryMap: deps.caidCategoryMap } : {}),
  });
  Object.assign(jobHandlers, hashsetsJobs(hashsets));

  const attribution = new AttributionService({
    db,
    repository: new AttributionRepository(db),
    loadSources: () =>
      loadAttributionSources(
        deps.attribution ?? {
          cityDbs: defaultCityDbs(),
          asnSources: defaultAsnSources(),
          anonymousDb: null,
          torWindowHours: 24,
        },
      ),
    torWindowHours: deps.attribution?.torWindowHours ?? 24,
    clock,
  });
  // Tests may pass their own matcher; otherwise intake matches against the active hash sets.
  const hashMatcher = deps.hashMatcher ?? hashsets.matcher;
  const matcherReady = deps.hashMatcher ? undefined : () => hashsets.loadIndex();
  const ruleSets = new RuleSetsService({ db, clock, queue, audit: security.audit });
  const subjects = new SubjectsService({
    db,
    clock,
    logger,
    queue,
    audit: security.audit,
    ruleSets,
  });
  Object.assign(jobHandlers, subjectsJobs(subjects));
  const evaluation = new EvaluationService({
    db,
    audit: security.audit,
    queue: (ctx, query) => subjects.queue(ctx, query),
  });
  const subjectDecisions = new SubjectDecisionsService({
    db,
    clock,
    queue,
    audit: security.audit,
    relink: (ctx) => subjects.relinkAndScore(ctx),
  });
  const intakeRepository = new IntakeRepository(copyIn);
  // On PGlite an upload must not hold the single connection while its body arrives: spool it first.
  const uploadSpoolDir = deps.uploadSpoolDir ?? (handle.engine === 'pglite' ? tmpdir() : undefined);
  const intake = new IntakeService({
    db,
    repository: intakeRepository,
    attribution,
    matcher: hashMatcher,
    queue,
    clock,
    logger,
    idempotency: new IdempotencyService({ db, clock }),
    ...(uploadSpoolDir ? { spoolDir: uploadSpoolDir } : {}),
    ...(matcherReady ? { matcherReady } : {}),
    // New rows call for new subjects and scores (a waiting run is reused, so bursts coalesce).
    afterImport: async (summary) => {
      metrics.addIngestRows(summary);
      if (summary.accepted > 0) await subjects.requestRescore(`import ${summary.importId}`);
    },
  });
  const quarantine = new QuarantineService({
    db,
    repository: intakeRepository,
    attribution,
    matcher: hashMatcher,
    clock,
    ...(matcherReady ? { matcherReady } : {}),
  });
  Object.assign(jobHandlers, intakeJobs(intake));
  // Re-matched observations (a hash set changed) call for new scores: rescore after the rematch.
  const rematch = jobHandlers['intake.rematch']!;
  jobHandlers['intake.rematch'] = {
    payload: rematch.payload,
    handle: async (payload, context) => {
      await rematch.handle(payload, context);
      await subjects.requestRescore('observations re-matched');
    },
  };
  // A set that changes (in this process or another) makes stored observations due for re-matching:
  // the activation transaction enqueues hashsets.changed; its handler refreshes this process's
  // index, then asks intake to re-match.
  const refreshIndex = jobHandlers['hashsets.changed']!;
  jobHandlers['hashsets.changed'] = {
    payload: refreshIndex.payload,
    handle: async (payload, context) => {
      await refreshIndex.handle(payload, context);
      await intake.requestRematch(
        `hash set ${(payload as { hashSetId: string }).hashSetId} changed`,
      );
    },
  };

  const auditCheckpoints = new AuditCheckpointsService({
    db,
    audit: security.audit,
    clock,
    queue,
    signingKey: deps.security?.auditSigningKeyPem,
    ...(deps.security?.auditCheckpointMinutes === undefined
      ? {}
      : { intervalMinutes: deps.security.auditCheckpointMinutes }),
  });
  Object.assign(jobHandlers, auditJobs(auditCheckpoints));

  const investigations = buildInvestigations({
    db,
    clock,
    audit: security.audit,
    cipher: deps.security?.cipher,
    stepUpMs: security.securitySettings.policy.stepUpMs,
    renderPdf: renderLeadPackagePdf,
  });

  // Rescore durations for the metrics (the handler itself is unchanged).
  const rescore = jobHandlers['subjects.rescore']!;
  jobHandlers['subjects.rescore'] = {
    payload: rescore.payload,
    handle: async (payload, context) => {
      const started = performance.now();
      try {
        await rescore.handle(payload, context);
        metrics.observeRescore((performance.now() - started) / 1000, 'done');
      } catch (error) {
        metrics.observeRescore((performance.now() - started) / 1000, 'failed');
        throw error;
      }
    },
  };

  return {
    handle,
    clock,
    logger,
    queue,
    jobHandlers,
    system,
    metrics,
    ...security,
    auditCheckpoints,
    hashsets,
    attribution,
    intake,
    quarantine,
    subjects,
    subjectDecisions,
    ruleSets,
    investigations,
    evaluation,
    limits: { maxUploadBytes: deps.maxUploadBytes ?? 512 * 1024 * 1024 },
    /** Applies pending migrations; returns the versions applied. */
    migrate: () => migrateAsOwner(handle),
    /** A worker over this core's job handlers (the caller starts and stops it). */
    createWorker: (pollMs: number) =>
      (worker = new JobWorker({ db, handlers: jobHandlers, clock, logger, pollMs, queue })),
    close: () => handle.close(),
  };
}
