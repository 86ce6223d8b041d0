import { useId } from 'react';
import { formatDate, formatNumber } from '../format';

export type Bucket = { label: string; count: number };

/**
 * A bar chart drawn as SVG, with a title and description for screen readers and the same numbers
 * in a table below (collapsed): the chart is never the only way to read the data.
 */
export function BarChart(props: { title: string; description: string; buckets: Bucket[] }) {
  const id = useId();
  const width = 1200;
  const height = 190;
  const pad = { left: 40, right: 8, top: 8, bottom: 24 };
  const max = Math.max(1, ...props.buckets.map((b) => b.count));
  const n = Math.max(1, props.buckets.length);
  const bw = (width - pad.left - pad.right) / n;
  const y = (v: number) => pad.top + (height - pad.top - pad.bottom) * (1 - v / max);
  const ticks = [0, Math.round(max / 2), max];
  const labelled = new Set([0, Math.floor((n - 1) / 2), n - 1]);
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-t`}>{props.title}</title>
        <desc id={`${id}-d`}>{props.description}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={pad.left} x2={width - pad.right} y1={y(t)} y2={y(t)} className="grid" />
            <text x={pad.left - 6} y={y(t) + 4} textAnchor="end" className="axis">
              {t}
            </text>
          </g>
        ))}
        {props.buckets.map((b, i) => (
          <rect
            key={b.label}
            x={pad.left + i * bw + bw * 0.1}
            width={Math.max(1, bw * 0.8)}
            y={y(b.count)}
            height={Math.max(0, height - pad.bottom - y(b.count))}
            className="bar"
          >
            <title>{`${b.label}: ${b.count}`}</title>
          </rect>
        ))}
        {props.buckets.map((b, i) =>
          labelled.has(i) ? (
            <text
              key={`l${b.label}`}
              x={pad.left + i * bw + bw / 2}
              y={height - 6}
              textAnchor={i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'}
              className="axis"
            >
              {b.label}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className="muted small">{props.description}</figcaption>
      <details>
        <summary>Show the numbers</summary>
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col">Observations</th>
            </tr>
          </thead>
          <tbody>
            {props.buckets
              .filter((b) => b.count > 0)
              .map((b) => (
                <tr key={b.label}>
                  <td>{b.label}</td>
                  <td className="num">{formatNumber(b.count)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export type Lane = { label: string; sublabel: string; times: number[] };

/** One lane per IP address, a tick at each observation: when each address was in use. */
export function LaneChart(props: {
  title: string;
  description: string;
  lanes: Lane[];
  from: number;
  to: number;
}) {
  const id = useId();
  const width = 1200;
  const laneH = 20;
  const left = 130;
  const height = props.lanes.length * laneH + 24;
  const span = Math.max(1, props.to - props.from);
  const x = (t: number) => left + ((width - left - 8) * (t - props.from)) / span;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{props.title}</title>
        <desc id={`${id}-d`}>{props.description}</desc>
        {props.lanes.map((lane, i) => (
          <g key={lane.label} transform={`translate(0 ${i * laneH})`}>
            <text x={left - 8} y={15} textAnchor="end" className="axis mono">
              {lane.label}
            </text>
            <line x1={left} x2={width - 8} y1={11} y2={11} className="grid" />
            {lane.times.map((t, j) => (
              <rect key={j} x={x(t) - 1} y={4} width={2} height={14} className="tick" />
            ))}
          </g>
        ))}
        <text x={left} y={height - 6} className="axis">
          {formatDate(new Date(props.from).toISOString())}
        </text>
        <text x={width - 8} y={height - 6} textAnchor="end" className="axis">
          {formatDate(new Date(props.to).toISOString())}
        </text>
      </svg>
      <figcaption className="muted small">{props.description}</figcaption>
      <details>
        <summary>Show the numbers</summary>
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">IP address</th>
              <th scope="col">Network</th>
              <th scope="col">Observations</th>
              <th scope="col">First</th>
              <th scope="col">Last</th>
            </tr>
          </thead>
          <tbody>
            {props.lanes.map((l) => (
              <tr key={l.label}>
                <td className="mono">{l.label}</td>
                <td>{l.sublabel}</td>
                <td className="num">{l.times.length}</td>
                <td>{formatDate(new Date(Math.min(...l.times)).toISOString())}</td>
                <td>{formatDate(new Date(Math.max(...l.times)).toISOString())}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export type Category = { label: string; detail?: string; count: number };

/**
 * A horizontal bar chart of named categories (one labelled row each), with a title and description
 * for screen readers and the same numbers in a table below.
 */
export function CategoryChart(props: {
  title: string;
  description: string;
  categories: Category[];
  columns: { label: string; count: string };
}) {
  const id = useId();
  const width = 1200;
  const rowH = 26;
  const left = 420;
  const right = 60;
  const height = props.categories.length * rowH + 8;
  const max = Math.max(1, ...props.categories.map((c) => c.count));
  const w = (v: number) => ((width - left - right) * v) / max;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{props.title}</title>
        <desc id={`${id}-d`}>{props.description}</desc>
        {props.categories.map((c, i) => (
          <g key={c.label} transform={`translate(0 ${i * rowH + 4})`}>
            <text x={left - 8} y={16} textAnchor="end" className="axis">
              {c.label.length > 64 ? `${c.label.slice(0, 63)}…` : c.label}
            </text>
            <rect x={left} y={3} width={Math.max(1, w(c.count))} height={rowH - 8} className="bar">
              <title>{`${c.label}: ${c.count}`}</title>
            </rect>
            <text x={left + w(c.count) + 6} y={16} className="axis">
              {c.count}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="muted small">{props.description}</figcaption>
      <details>
        <summary>Show the numbers</summary>
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{props.columns.label}</th>
              <th scope="col">{props.columns.count}</th>
            </tr>
          </thead>
          <tbody>
            {props.categories.map((c) => (
              <tr key={c.label}>
                <td>
                  {c.label}
                  {c.detail ? <div className="muted small">{c.detail}</div> : null}
                </td>
                <td className="num">{formatNumber(c.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
