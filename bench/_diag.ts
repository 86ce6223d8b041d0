import { buildWorld } from '#core/simulation/world.js';
import { ontarioRegion } from '#core/simulation/simulate.js';
import { rowPlan, inProcessRows } from '#core/simulation/row-generator.js';
import { workerRows } from '#platform/simulation/row-workers.js';
const world = buildWorld({ seed: 1, scale: 'medium', start: '2015-03-01', days: 92, dirty: false, region: ontarioRegion(), rows: 1_000_000 });
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e6; };
for (const w of [1, 2, 1, 2]) {
  world.rng = new (world.rng.constructor as any)('x');
  const plan = rowPlan(world);
  let bytes = 0; let n = 0;
  const t0 = performance.now(); const c0 = cpu();
  await (w > 1 ? workerRows(w) : inProcessRows)(plan, async (c) => { bytes += c.bytes.length; n++; });
  console.log(w, plan.chunks, n, bytes, ((performance.now() - t0) / 1000).toFixed(2), 's', (cpu() - c0).toFixed(2), 'cpu-s');
}
