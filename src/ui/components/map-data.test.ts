import { describe, expect, it } from 'vitest';
import {
  fitProjection,
  nameCandidates,
  outlinePath,
  placeObservations,
  type Outline,
} from './map-data';

const places = [
  { name: 'Sudbury', lat: 46.5, lon: -81 },
  { name: 'Kenora', lat: 49.8, lon: -94.5 },
];

describe(nameCandidates.name, () => {
  it('tries the attributed name, then the parts outside and inside the brackets', () => {
    expect(nameCandidates('Greater Sudbury (Sudbury)')).toEqual([
      'greater sudbury (sudbury)',
      'greater sudbury',
      'sudbury',
    ]);
    expect(nameCandidates(' Kenora ')).toEqual(['kenora']);
  });
});

describe(placeObservations.name, () => {
  it('counts observations and distinct IPs per known municipality, most observed first', () => {
    const result = placeObservations(
      [
        { municipality: 'Kenora (Keewatin)', ip: '192.0.2.1' },
        { municipality: 'sudbury', ip: '192.0.2.2' },
        { municipality: 'Sudbury', ip: '192.0.2.2' },
        { municipality: 'Sudbury', ip: '192.0.2.3' },
        { municipality: 'Gatineau', ip: '192.0.2.4' },
        { municipality: null, ip: '192.0.2.5' },
      ],
      places,
    );
    expect(result.points.map((p) => [p.name, p.observations, p.ips.length])).toEqual([
      ['Sudbury', 3, 2],
      ['Kenora', 1, 1],
    ]);
    expect(result.unplaced).toBe(2);
    expect(result.unplacedNames).toEqual(['Gatineau']);
  });
});

describe(fitProjection.name, () => {
  const square: Outline = {
    geometry: {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [-80, 40],
            [-70, 40],
            [-70, 50],
            [-80, 50],
            [-80, 40],
          ],
        ],
      ],
    },
  };

  it('puts the north-west corner top-left and shrinks longitude by the mean latitude', () => {
    const p = fitProjection(square, 216, 8);
    expect(p.project(-80, 50)).toEqual([8, 8]);
    const [x, y] = p.project(-70, 40);
    expect(x).toBeCloseTo(208);
    // 10 degrees of latitude over 10 degrees of longitude at cos(45°): taller than wide.
    expect(y - 8).toBeCloseTo(200 / Math.cos(Math.PI / 4));
    expect(p.height).toBe(Math.ceil(200 / Math.cos(Math.PI / 4) + 16));
  });

  it('draws each ring as a closed sub-path', () => {
    const d = outlinePath(square, fitProjection(square, 216, 8));
    expect(d.startsWith('M8.0 290.8L208.0 290.8L208.0 8.0L8.0 8.0')).toBe(true);
    expect(d.match(/M/g)).toHaveLength(1);
    expect(d.endsWith('Z')).toBe(true);
  });
});
