/**
 * Presentational geometry for the subject map: where a subject's observations were placed (by the
 * API's municipality) and an equirectangular projection of the bundled Ontario outline.
 */

export type LonLat = [number, number];
export type Outline = { geometry: { type: 'MultiPolygon'; coordinates: LonLat[][][] } };
export type Place = { name: string; lat: number; lon: number };
export type PlacedPoint = Place & { observations: number; ips: string[] };

type ObservationPlace = { municipality: string | null; ip: string };

/**
 * The names to look a municipality up by: as attributed ("Toronto (Old Toronto)"), then the part
 * before the brackets ("Toronto"), then the part inside ("Old Toronto"), lower-cased, as the
 * jurisdiction rules try them (docs/INTAKE.md).
 */
export function nameCandidates(municipality: string): string[] {
  const whole = municipality.trim().toLowerCase();
  const m = /^(.*?)\s*\((.*)\)\s*$/.exec(whole);
  return m ? [whole, m[1]!, m[2]!] : [whole];
}

/**
 * Groups observations by municipality: those whose municipality is in the gazetteer become points
 * (most observed first); the rest are counted as unplaced, with their place names.
 */
export function placeObservations(
  observations: readonly ObservationPlace[],
  places: readonly Place[],
): { points: PlacedPoint[]; unplaced: number; unplacedNames: string[] } {
  const byName = new Map(places.map((p) => [p.name.toLowerCase(), p]));
  const points = new Map<string, PlacedPoint>();
  const unplacedNames = new Set<string>();
  let unplaced = 0;
  for (const o of observations) {
    const place = o.municipality
      ? nameCandidates(o.municipality)
          .map((n) => byName.get(n))
          .find((p) => p !== undefined)
      : undefined;
    if (!place) {
      unplaced += 1;
      if (o.municipality) unplacedNames.add(o.municipality);
      continue;
    }
    const point = points.get(place.name) ?? { ...place, observations: 0, ips: [] };
    point.observations += 1;
    if (!point.ips.includes(o.ip)) point.ips.push(o.ip);
    points.set(place.name, point);
  }
  return {
    points: [...points.values()].sort(
      (a, b) => b.observations - a.observations || a.name.localeCompare(b.name),
    ),
    unplaced,
    unplacedNames: [...unplacedNames].sort(),
  };
}

export type Projection = {
  width: number;
  height: number;
  project: (lon: number, lat: number) => [number, number];
};

/**
 * Equirectangular projection fitted to the outline's bounds, x shrunk by cos(mean latitude) so the
 * province keeps its shape; y grows southwards as in SVG.
 */
export function fitProjection(outline: Outline, width: number, pad = 8): Projection {
  const all = outline.geometry.coordinates.flat(2);
  const lons = all.map((p) => p[0]);
  const lats = all.map((p) => p[1]);
  const [minLon, maxLon] = [Math.min(...lons), Math.max(...lons)];
  const [minLat, maxLat] = [Math.min(...lats), Math.max(...lats)];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = (width - 2 * pad) / ((maxLon - minLon) * k);
  const height = Math.ceil((maxLat - minLat) * scale + 2 * pad);
  return {
    width,
    height,
    project: (lon, lat) => [pad + (lon - minLon) * k * scale, pad + (maxLat - lat) * scale],
  };
}

/** The outline as one SVG path (`d`), one closed sub-path per ring. */
export function outlinePath(outline: Outline, projection: Projection): string {
  return outline.geometry.coordinates
    .flat()
    .map(
      (ring) =>
        ring
          .map((p, i) => {
            const [x, y] = projection.project(p[0], p[1]);
            return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
          })
          .join('') + 'Z',
    )
    .join('');
}
