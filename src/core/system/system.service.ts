import type { Health } from './system.schema.js';

/** What the system service needs from the platform (passed in by the composition root). */
export type SystemPorts = {
  version: string;
  engine: 'pglite' | 'pg';
  pingDatabase: () => Promise<void>;
  migrationStatus: () => Promise<{ applied: number[]; pending: number[] }>;
};

export class SystemService {
  constructor(private readonly ports: SystemPorts) {}

  get version(): string {
    return this.ports.version;
  }

  /** Reports whether the database answers and all migrations are applied; never throws. */
  async getHealth(): Promise<Health> {
    const { version, engine } = this.ports;
    try {
      await this.ports.pingDatabase();
    } catch {
      return {
        status: 'degraded',
        version,
        engine,
        checks: { database: 'unreachable', migrations: 'unknown' },
        migrations: { applied: 0, pending: 0 },
      };
    }
    const status = await this.ports.migrationStatus().catch(() => undefined);
    const migrations = status ? (status.pending.length === 0 ? 'current' : 'pending') : 'unknown';
    return {
      status: migrations === 'current' ? 'ok' : 'degraded',
      version,
      engine,
      checks: { database: 'ok', migrations },
      migrations: { applied: status?.applied.length ?? 0, pending: status?.pending.length ?? 0 },
    };
  }
}
