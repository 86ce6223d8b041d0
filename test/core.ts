import { buildCore, type Core, type CoreDeps } from '#src/app.js';
import { createTestDatabase } from './db.js';

/** The real core over a fresh test database (close it in afterAll). */
export async function createTestCore(deps: CoreDeps = {}): Promise<Core> {
  return buildCore(await createTestDatabase(), deps);
}
