import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { OpsSnapshot } from '#core/system/system.schema.js';

/**
 * Prometheus metrics of one process (prom-client, its own registry). Request, ingest and rescore
 * figures count what this process did; queue and audit gauges are read from the database at each
 * scrape through `snapshot`, so every process reports the same.
 */
export type Metrics = {
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  addIngestRows(counts: { accepted: number; duplicates: number; rejected: number }): void;
  observeRescore(seconds: number, outcome: 'done' | 'failed'): void;
  /** The text exposition format, and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
};

export function createMetrics(snapshot: () => Promise<OpsSnapshot>): Metrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'vigil_http_requests_total',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'vigil_http_request_duration_seconds',
    help: 'HTTP request duration by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.01, 0.05, 0.1, 0.3, 1, 3, 10],
    registers: [registry],
  });
  const ingestRows = new Counter({
    name: 'vigil_ingest_rows_total',
    help: 'Rows imported by this process, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const rescore = new Histogram({
    name: 'vigil_rescore_duration_seconds',
    help: 'Duration of subjects.rescore jobs run by this process',
    labelNames: ['outcome'] as const,
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900],
    registers: [registry],
  });
  // Read once per scrape, shared by the gauges below.
  let pending: Promise<OpsSnapshot> | undefined;
  const read = () =>
    (pending ??= snapshot().finally(() => setTimeout(() => (pending = undefined), 0)));
  const gauge = (
    name: string,
    help: string,
    value: (s: OpsSnapshot) => number | null,
    labels?: Record<string, string>,
  ) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const v = value(await read());
        if (v !== null) this.set(labels ?? {}, v);
        else this.reset();
      },
    });
  const depth = new Gauge({
    name: 'vigil_job_queue_depth',
    help: 'Jobs by status (queued, running, failed)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const { jobs } = await read();
      this.set({ status: 'queued' }, jobs.queued);
      this.set({ status: 'running' }, jobs.running);
      this.set({ status: 'failed' }, jobs.failed);
    },
  });
  void depth;
  gauge(
    'vigil_job_oldest_ready_age_seconds',
    'How long the oldest due queued job has waited',
    (s) => s.jobs.oldestReadySeconds,
  );
  gauge(
    'vigil_job_expired_lease_age_seconds',
    "How long ago the oldest running job's lease ran out (0: none)",
    (s) => s.jobs.expiredLeaseSeconds,
  );
  gauge('vigil_audit_entries', 'Entries in the audit chain (the head seq)', (s) => s.audit.entries);
  gauge(
    'vigil_audit_last_entry_age_seconds',
    'Audit lag: seconds since the newest audit entry',
    (s) => s.audit.lastEntryAgeSeconds,
  );
  gauge(
    'vigil_audit_appendable',
    '1 when the audit chain lock is free, 0 when a transaction holds it',
    (s) => (s.audit.appendable ? 1 : 0),
  );
  gauge(
    'vigil_worker_heartbeat_age_seconds',
    "Seconds since this process's job worker last polled (absent without a worker)",
    (s) => s.workerHeartbeatAgeSeconds,
  );

  return {
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route }, seconds);
    },
    addIngestRows(counts) {
      ingestRows.inc({ outcome: 'accepted' }, counts.accepted);
      ingestRows.inc({ outcome: 'duplicate' }, counts.duplicates);
      ingestRows.inc({ outcome: 'rejected' }, counts.rejected);
    },
    observeRescore(seconds, outcome) {
      rescore.observe({ outcome }, seconds);
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
