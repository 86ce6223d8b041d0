#!/usr/bin/env node
// Runs the compiled sources in build/ (`npm run build:cli`, run by `npm install`) while they are
// newer than every source file; otherwise the TypeScript sources through tsx's loader, so that an
// edit never runs stale code and a clone needs no build step to run. build/ starts in a fraction of
// a second (no loader, no compile); tsx takes seconds.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Whether build/ was made after the last change to src/ (the web UI aside). */
function isBuildFresh() {
  let built;
  try {
    built = statSync(`${root}build/.stamp`).mtimeMs;
  } catch {
    return false;
  }
  for (const entry of readdirSync(`${root}src`, { recursive: true, withFileTypes: true })) {
    const path = `${entry.parentPath}/${entry.name}`;
    if (path.startsWith(`${root}src/ui`)) continue;
    if (statSync(path).mtimeMs > built) return false;
  }
  return true;
}

if (process.env.VIGIL_FROM_SOURCE !== '1' && isBuildFresh()) {
  await import('../build/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
