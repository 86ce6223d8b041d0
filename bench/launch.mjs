/**
 * `npm run bench`: runs bench/run.ts in a child Node with the deployment setting that
 * docs/HASHSETS.md recommends, so the figures describe a deployed Vigil: on Linux,
 * `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` (glibc asks for transparent huge pages for its large
 * allocations, which back the hash indexes' typed arrays), unless GLIBC_TUNABLES is already set
 * (set it to an empty string to measure without).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const env = { ...process.env };
if (process.platform === 'linux' && env.GLIBC_TUNABLES === undefined) {
  env.GLIBC_TUNABLES = 'glibc.malloc.hugetlb=1';
}
const run = fileURLToPath(new URL('./run.ts', import.meta.url));
const child = spawnSync(process.execPath, ['--import', 'tsx', run, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
process.exit(child.status ?? 1);
