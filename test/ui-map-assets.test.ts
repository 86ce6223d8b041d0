import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RegionSchema } from '#core/simulation/region.schema.js';

const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('the web UI map assets', () => {
  it('places each municipality where the region file (DB-IP City Lite) places it', () => {
    const region = RegionSchema.parse(read('src/core/simulation/regions/ontario.json'));
    const assets = read('src/ui/assets/ontario-places.json') as {
      places: Array<{ name: string; lat: number; lon: number }>;
    };
    expect(assets.places).toEqual(
      region.municipalities.map((m) => ({ name: m.name, lat: m.lat, lon: m.lon })),
    );
  });

  it('keeps every place inside the outline bounds, and the outline small', () => {
    const text = readFileSync('src/ui/assets/ontario.geo.json', 'utf8');
    expect(text.length).toBeLessThan(100_000);
    const outline = JSON.parse(text) as { geometry: { coordinates: number[][][][] } };
    const points = outline.geometry.coordinates.flat(2);
    const lons = points.map((p) => p[0]!);
    const lats = points.map((p) => p[1]!);
    const places = (
      read('src/ui/assets/ontario-places.json') as {
        places: Array<{ lat: number; lon: number }>;
      }
    ).places;
    for (const p of places) {
      expect(p.lon).toBeGreaterThan(Math.min(...lons));
      expect(p.lon).toBeLessThan(Math.max(...lons));
      expect(p.lat).toBeGreaterThan(Math.min(...lats));
      expect(p.lat).toBeLessThan(Math.max(...lats));
    }
  });
});
