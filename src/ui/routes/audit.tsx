import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { paths } from '../api/schema.gen';
import { useApi } from '../api/use-api';
import { Badge, Loaded } from '../components/common';
import { fieldText, formatDateTime } from '../format';

type Query = NonNullable<paths['/api/audit']['get']['parameters']['query']>;
type Outcome = NonNullable<Query['outcome']>;
const OUTCOMES: Outcome[] = ['success', 'failure', 'denied', 'error'];
const PAGE = 100;

/** The organisation's hash-chained audit log, oldest first, read page by page (auditors). */
export function AuditPage() {
  const [filter, setFilter] = useState<{ action: string; outcome: Outcome | '' }>({
    action: '',
    outcome: '',
  });
  const [cursor, setCursor] = useState<number[]>([0]);
  const afterSeq = cursor[cursor.length - 1]!;
  const [value] = useApi(
    () =>
      api.GET('/api/audit', {
        params: {
          query: {
            limit: PAGE,
            afterSeq,
            ...(filter.action ? { action: filter.action } : {}),
            ...(filter.outcome ? { outcome: filter.outcome } : {}),
          },
        },
      }),
    [afterSeq, filter.action, filter.outcome],
  );
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setFilter({
      action: fieldText(form, 'action').trim(),
      outcome: fieldText(form, 'outcome') as Outcome | '',
    });
    setCursor([0]);
  };
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <p className="muted">Every consultation, change and denial, oldest first.</p>
      <form className="filters" onSubmit={submit} role="search" aria-label="Filter the audit log">
        <label>
          Action
          <input name="action" placeholder="e.g. subject.read" defaultValue={filter.action} />
        </label>
        <label>
          Outcome
          <select name="outcome" defaultValue={filter.outcome}>
            <option value="">any</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Apply</button>
      </form>
      <Loaded value={value}>
        {(data) => (
          <>
            <div className="table-wrap">
              <table className="compact">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Time</th>
                    <th scope="col">Action</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">Actor</th>
                    <th scope="col">Client</th>
                    <th scope="col">Objects</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((row) => (
                    <tr key={row.seq}>
                      <td className="num">{row.seq}</td>
                      <td className="nowrap">{formatDateTime(row.entry.time)}</td>
                      <td className="mono">{row.entry.action}</td>
                      <td>
                        <Badge tone={row.entry.outcome === 'success' ? 'ok' : 'warn'}>
                          {row.entry.outcome}
                        </Badge>
                      </td>
                      <td className="small">
                        {row.entry.actor.kind}
                        {row.entry.actor.via ? ` (${row.entry.actor.via})` : ''}
                        <div className="mono muted" title={row.entry.actor.id}>
                          {row.entry.actor.kind === 'user'
                            ? row.entry.actor.id?.slice(0, 8)
                            : row.entry.actor.id}
                        </div>
                      </td>
                      <td className="small mono">{row.entry.ip ?? '—'}</td>
                      <td className="small">
                        {row.entry.objectIds.length > 0
                          ? `${row.entry.objectIds.length} × ${row.entry.objectType ?? 'object'}`
                          : '—'}
                      </td>
                      <td className="small raw">
                        {Object.entries(row.entry.details ?? {}).map(([k, v]) => (
                          <div key={k}>
                            <span className="muted">{k}</span> {String(v)}
                          </div>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <nav className="pager" aria-label="Audit pages">
              <button
                type="button"
                className="secondary"
                disabled={cursor.length === 1}
                onClick={() => setCursor((c) => c.slice(0, -1))}
              >
                Previous
              </button>
              <button
                type="button"
                className="secondary"
                disabled={data.items.length < PAGE}
                onClick={() =>
                  setCursor((c) => [...c, data.items[data.items.length - 1]?.seq ?? afterSeq])
                }
              >
                Next
              </button>
            </nav>
          </>
        )}
      </Loaded>
    </section>
  );
}
