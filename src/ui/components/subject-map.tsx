import { useId, useMemo } from 'react';
import outlineJson from '../assets/ontario.geo.json';
import placesJson from '../assets/ontario-places.json';
import { formatNumber } from '../format';
import { fitProjection, outlinePath, placeObservations, type Outline } from './map-data';

const outline = outlineJson as unknown as Outline;
const projection = fitProjection(outline, 640);
const provincePath = outlinePath(outline, projection);

/**
 * Where a subject's observations were placed: the municipality the API gives each observation,
 * drawn over the bundled Ontario outline (no tiles, nothing fetched), with the same figures in a
 * table. Points are municipality centres, not addresses.
 */
export function SubjectMap(props: {
  observations: ReadonlyArray<{ municipality: string | null; ip: string }>;
}) {
  const id = useId();
  const placed = useMemo(
    () => placeObservations(props.observations, placesJson.places),
    [props.observations],
  );
  const max = Math.max(1, ...placed.points.map((p) => p.observations));
  const summary =
    placed.points.length === 0
      ? 'No observation has a known Ontario municipality.'
      : `${placed.points.length} municipalities: ${placed.points
          .slice(0, 5)
          .map((p) => `${p.name} (${formatNumber(p.observations)})`)
          .join(', ')}${placed.points.length > 5 ? '…' : ''}.`;
  return (
    <figure className="chart map" data-testid="subject-map">
      <svg
        viewBox={`0 0 ${projection.width} ${projection.height}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-t`}>Observation places in Ontario</title>
        <desc id={`${id}-d`}>{summary}</desc>
        <path d={provincePath} className="province" fillRule="evenodd" />
        {placed.points.map((p) => {
          const [x, y] = projection.project(p.lon, p.lat);
          const r = 4 + 10 * Math.sqrt(p.observations / max);
          return (
            <circle key={p.name} cx={x} cy={y} r={r} className="place" data-testid="map-point">
              <title>{`${p.name}: ${p.observations} observations, ${p.ips.length} IPs`}</title>
            </circle>
          );
        })}
      </svg>
      <figcaption className="muted small">
        Points are municipality centres from the attribution data (DB-IP), not addresses.
        {placed.unplaced > 0
          ? ` ${formatNumber(placed.unplaced)} observations are not placed${
              placed.unplacedNames.length > 0 ? ` (${placed.unplacedNames.join(', ')})` : ''
            }.`
          : ''}{' '}
        Outline: Natural Earth (public domain).
      </figcaption>
      <details>
        <summary>Show the places</summary>
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">Municipality</th>
              <th scope="col">Observations</th>
              <th scope="col">IP addresses</th>
            </tr>
          </thead>
          <tbody>
            {placed.points.map((p) => (
              <tr key={p.name} data-testid="map-place">
                <td>{p.name}</td>
                <td className="num">{formatNumber(p.observations)}</td>
                <td className="mono small">{p.ips.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
