import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { paths } from '../api/schema.gen';
import { useApi } from '../api/use-api';
import { Badge, Loaded } from '../components/common';
import { fieldText, formatDateTime } from '../format';
import { PURPOSES } from './case/fields';

type Query = NonNullable<paths['/api/audit']['get']['parameters']['query']>;
type Outcome = NonNullable<Query['outcome']>;
const OUTCOMES: Outcome[] = ['success', 'failure', 'denied', 'error'];
const PAGE = 100;
type Names = Record<string, string>;

/** A stated reason as the audit row holds it (canonical JSON), or the raw text if it is not one. */
export function readJustification(
  text: string,
): { purpose: string; caseReference: string; reason: string } | { raw: string } {
  try {
    const j = JSON.parse(text) as { purpose?: unknown; caseReference?: unknown; text?: unknown };
    if (typeof j.purpose === 'string' && typeof j.text === 'string') {
      const label = PURPOSES.find(([v]) => v === j.purpose)?.[1] ?? j.purpose;
      return {
        purpose: label,
        caseReference: typeof j.caseReference === 'string' ? j.caseReference : '',
        reason: j.text,
      };
    }
  } catch {
    // not JSON: shown as it is
  }
  return { raw: text };
}

function Justification({ text }: { text: string }) {
  const j = readJustification(text);
  if ('raw' in j) return <div className="justification">{j.raw}</div>;
  return (
    <div className="justification">
      <div>
        <span className="muted">Purpose</span> {j.purpose}
      </div>
      {j.caseReference ? (
        <div>
          <span className="muted">Case</span> {j.caseReference}
        </div>
      ) : null}
      <div>
        <span className="muted">Reason</span> {j.reason}
      </div>
    </div>
  );
}

const nameOf = (names: Names, id: string | undefined) =>
  id === undefined ? '' : (names[id] ?? id.slice(0, 8));

/** The organisation's hash-chained audit log, oldest first, read page by page (auditors). */
export function AuditPage() {
  const [filter, setFilter] = useState<{ action: string; outcome: Outcome | ''; owner: string }>({
    action: '',
    outcome: '',
    owner: '',
  });
  // Organisations seen so far, for the owner filter (the page names those it shows).
  const [known, setKnown] = useState<Names>({});
  const [cursor, setCursor] = useState<number[]>([0]);
  const afterSeq = cursor[cursor.length - 1]!;
  const [value] = useApi(
    () =>
      api
        .GET('/api/audit', {
          params: {
            query: {
              limit: PAGE,
              afterSeq,
              ...(filter.action ? { action: filter.action } : {}),
              ...(filter.outcome ? { outcome: filter.outcome } : {}),
              ...(filter.owner ? { owner: filter.owner } : {}),
            },
          },
        })
        .then((res) => {
          if (res.data) setKnown((k) => ({ ...k, ...res.data.organisations }));
          return res;
        }),
    [afterSeq, filter.action, filter.outcome, filter.owner],
  );
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setFilter({
      action: fieldText(form, 'action').trim(),
      outcome: fieldText(form, 'outcome') as Outcome | '',
      owner: fieldText(form, 'owner'),
    });
    setCursor([0]);
  };
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <p className="muted">
        Every consultation, change and denial by your organisation, and every access to its data by
        anyone (other agencies included), oldest first.
      </p>
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
        <label>
          Data of
          <select name="owner" defaultValue={filter.owner}>
            <option value="">any organisation</option>
            {Object.entries(known).map(([id, name]) => (
              <option key={id} value={id}>
                {name}
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
                        {row.entry.actor.kind === 'user' ? (
                          <span className="actor" title={row.entry.actor.id}>
                            {nameOf(data.people, row.entry.actor.id)}
                          </span>
                        ) : (
                          <span className="mono">
                            {row.entry.actor.kind}
                            {row.entry.actor.id ? ` ${row.entry.actor.id}` : ''}
                          </span>
                        )}
                        {row.entry.actor.via ? (
                          <span className="muted"> ({row.entry.actor.via})</span>
                        ) : null}
                        {row.entry.organisationId ? (
                          <div className="muted">
                            {nameOf(data.organisations, row.entry.organisationId)}
                          </div>
                        ) : null}
                      </td>
                      <td className="small mono">{row.entry.ip ?? '—'}</td>
                      <td className="small">
                        {row.entry.objectIds.length > 0
                          ? `${row.entry.objectIds.length} × ${row.entry.objectType ?? 'object'}`
                          : '—'}
                        {row.entry.owners && row.entry.owners.length > 0 ? (
                          <div className="muted">
                            data of{' '}
                            {row.entry.owners.map((o) => nameOf(data.organisations, o)).join(', ')}
                          </div>
                        ) : null}
                      </td>
                      <td className="small raw">
                        {row.entry.justification ? (
                          <Justification text={row.entry.justification} />
                        ) : null}
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
