/** Writes the sorted OpenAPI document to openapi.json (`npm run openapi`). */
import { writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { buildCore } from '#src/app.js';
import { wrapPglite } from '#platform/db/client.js';
import { createHttpApp } from '#http/app.js';
import { sortedOpenApi } from './openapi.js';

// The document depends only on the routes; an in-memory database satisfies the core.
const core = buildCore(wrapPglite(await PGlite.create()));
const res = await createHttpApp(core).request('/api/openapi.json');
writeFileSync(new URL('../openapi.json', import.meta.url), sortedOpenApi(await res.json()));
await core.close();
console.log('openapi.json written');
