import { useState } from 'react';
import { Flags } from '../components/common';
import { formatDateTime, humanise, plural } from '../format';
import { Dialog } from './case/dialog';

/** One observation of GET /api/subjects/{id}'s timeline (hashes and metadata only). */
export type Observation = {
  observationId: string;
  observedAt: string;
  network: string;
  ip: string;
  port: number;
  clientId: string | null;
  evidenceKind: string;
  hashType: string;
  hash: string;
  municipality: string | null;
  isp: string | null;
  ipFlags: string[];
};

/**
 * An evidence count that opens the records behind it: the observations whose ids it names (from
 * the subject's timeline, as the API sent it) and, for ids that are not observations (CyberTip
 * persons, registry matches), their references.
 */
export function EvidenceCount(props: {
  ids: readonly string[];
  timeline: readonly Observation[];
  /** What the drawer is about: "Volume" or "All observations". */
  title: string;
  /** How the count reads ("3 observations"); the default counts the ids as evidence items. */
  text?: string;
}) {
  const [isOpen, setOpen] = useState(false);
  const wanted = new Set(props.ids);
  const observations = props.timeline.filter((o) => wanted.has(o.observationId));
  const found = new Set(observations.map((o) => o.observationId));
  const others = props.ids.filter((id) => !found.has(id));
  const text = props.text ?? plural(props.ids.length, 'evidence item');
  if (props.ids.length === 0) return <>{text}</>;
  return (
    <>
      <button
        type="button"
        className="link"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        data-testid="evidence-count"
      >
        {text}
      </button>
      {isOpen ? (
        <Dialog title={props.title} onClose={() => setOpen(false)} variant="drawer">
          <p className="muted small">
            {plural(observations.length, 'observation')}
            {others.length > 0 ? ` and ${plural(others.length, 'other record')}` : ''}. Hashes and
            metadata only.
          </p>
          <p>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              Close
            </button>
          </p>
          {observations.length > 0 ? <ObservationTable rows={observations} /> : null}
          {others.length > 0 ? (
            <>
              <h3>Other records (CyberTip persons, registry matches)</h3>
              <ul className="plain mono small" data-testid="evidence-others">
                {others.map((id) => (
                  <li key={id}>{id}</li>
                ))}
              </ul>
            </>
          ) : null}
        </Dialog>
      ) : null}
    </>
  );
}

/** Observations as a table: when, where from, what kind, which file hash, where. */
export function ObservationTable(props: { rows: readonly Observation[] }) {
  return (
    // Focusable: a wide table scrolls, and a keyboard must reach it (axe: scrollable-region-focusable).
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Observations">
      <table className="compact" data-testid="observation-table">
        <thead>
          <tr>
            <th scope="col">Observed</th>
            <th scope="col">IP and port</th>
            <th scope="col">Network and client</th>
            <th scope="col">Kind</th>
            <th scope="col">Hash</th>
            <th scope="col">Place and ISP</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((o) => (
            <tr key={o.observationId} data-testid="observation-row">
              <td className="nowrap">{formatDateTime(o.observedAt)}</td>
              <td className="mono">
                {o.ip}:{o.port}
              </td>
              <td>
                {o.network}
                <div className="muted small mono">{o.clientId ?? ''}</div>
              </td>
              <td>{humanise(o.evidenceKind)}</td>
              <td className="mono small" title={o.hash}>
                {o.hashType} {o.hash.slice(0, 16)}…
              </td>
              <td className="small">
                {o.municipality ?? '—'}
                <div className="muted">{o.isp ?? ''}</div>
                {o.ipFlags.length > 0 ? <Flags flags={o.ipFlags} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
