import type { ReactNode } from 'react';
import type { Loadable } from '../api/use-api';
import { formatNumber, formatScore } from '../format';

/** Renders a loading or error state, or the children with the data. */
export function Loaded<T>(props: { value: Loadable<T>; children: (data: T) => ReactNode }) {
  if (props.value.state === 'loading') {
    return (
      <p className="muted" role="status" aria-live="polite">
        Loading…
      </p>
    );
  }
  if (props.value.state === 'error') {
    const missing = props.value.status === 404;
    return (
      <p className="error" role="alert">
        {missing ? 'Not found, or not open to you.' : props.value.message}
      </p>
    );
  }
  return <>{props.children(props.value.data)}</>;
}

/** A form's or action's error, announced to screen readers; nothing while there is none. */
export function ErrorLine(props: { message: string | undefined }) {
  if (!props.message) return null;
  return (
    <p className="error" role="alert">
      {props.message}
    </p>
  );
}

export function Badge(props: { children: ReactNode; tone?: 'warn' | 'info' | 'neutral' | 'ok' }) {
  return <span className={`badge ${props.tone ?? 'neutral'}`}>{props.children}</span>;
}

const FLAG_TONE: Record<string, 'warn' | 'info'> = {
  tor: 'warn',
  anonymous_vpn: 'warn',
  hosting: 'warn',
  possible_proxy: 'warn',
  cgnat: 'warn',
  cgnat_without_port: 'warn',
};

/** Attribution flags (tor, anonymous_vpn, hosting, cgnat, unassigned jurisdiction…) as labelled badges. */
export function Flags(props: { flags: readonly string[] }) {
  if (props.flags.length === 0) return <span className="muted">none</span>;
  return (
    <span className="badges">
      {props.flags.map((f) => (
        <Badge key={f} tone={FLAG_TONE[f] ?? 'info'}>
          {f.replaceAll('_', ' ')}
        </Badge>
      ))}
    </span>
  );
}

/** Score out of its maximum, as text and a bar (the bar repeats the text for sighted readers). */
export function ScoreBar(props: { score: number; max: number }) {
  const pct = props.max > 0 ? Math.min(100, (props.score / props.max) * 100) : 0;
  return (
    <span className="score">
      <span className="score-value">{formatScore(props.score)}</span>
      <span className="muted small"> / {formatNumber(props.max)}</span>
      <svg className="score-bar" viewBox="0 0 100 6" aria-hidden="true" focusable="false">
        <rect width="100" height="6" rx="3" className="score-track" />
        <rect width={pct} height="6" rx="3" className="score-fill" />
      </svg>
    </span>
  );
}

export function Pager(props: {
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
  label: string;
}) {
  const { offset, limit, total } = props;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(total, offset + limit);
  return (
    <nav className="pager" aria-label={props.label}>
      <span aria-live="polite">
        {formatNumber(from)}–{formatNumber(to)} of {formatNumber(total)}
      </span>
      <button
        type="button"
        className="secondary"
        disabled={offset === 0}
        onClick={() => props.onChange(Math.max(0, offset - limit))}
      >
        Previous
      </button>
      <button
        type="button"
        className="secondary"
        disabled={offset + limit >= total}
        onClick={() => props.onChange(offset + limit)}
      >
        Next
      </button>
    </nav>
  );
}
