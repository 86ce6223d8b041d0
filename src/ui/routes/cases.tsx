import { useRef } from 'react';
import { api } from '../api/client';
import { useApi, type Loadable } from '../api/use-api';
import { Badge, Loaded, Pager } from '../components/common';
import { formatDate, formatDateTime, humanise } from '../format';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';
import { Authorities } from './case/authorities';
import { effectiveText } from './case/effective-date';
import { ExpiringTimers } from './case/expiring';
import { Identities } from './case/identities';
import { Outcomes } from './case/outcomes';
import { CASE_FIELDS, fieldsText, InScope } from './case/field-scope';
import { Readiness } from './case/readiness';
import type { CaseDetail, SectionProps } from './case/types';
import { Warrants } from './case/warrants';
import { CaseWork } from './case/work';
import { WorkflowMoves } from './case/workflow';
import { CaseReferral } from './referrals/refer-case';

const PAGE = 50;

const loadCases = (offset: number) =>
  api.GET('/api/cases', { params: { query: { limit: PAGE, offset } } });

/** A user id as "you" or its first characters (the users list is for administrators). */
function Person(props: { id: string | null; none?: string }) {
  const { me } = useSession();
  if (!props.id) return <span className="muted">{props.none ?? 'unassigned'}</span>;
  if (props.id === me.userId) return <>you</>;
  return (
    <span className="mono" title={props.id}>
      {props.id.slice(0, 8)}
    </span>
  );
}

/** The agency's cases, newest first (GET /api/cases). */
export function CasesPage() {
  const { query } = useLocation();
  const offset = Number(query.get('offset') ?? 0) || 0;
  const [value] = useApi(() => loadCases(offset), [offset]);
  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title">Cases</h1>
      <p className="muted">
        Your agency’s cases, newest first. Open one from a subject’s page with “Open case”.
      </p>
      <ExpiringTimers />
      <Loaded value={value}>
        {(list) =>
          list.items.length === 0 ? (
            <p className="muted">No cases yet.</p>
          ) : (
            <>
              <div className="table-wrap">
                <table className="compact">
                  <thead>
                    <tr>
                      <th scope="col">Reference</th>
                      <th scope="col">Title</th>
                      <th scope="col">State</th>
                      <th scope="col">Assignee</th>
                      <th scope="col">Opened</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.items.map((c) => (
                      <tr key={c.id} data-testid="case-row">
                        <td className="nowrap">
                          <Link href={`/cases/${c.id}`}>{c.reference}</Link>
                        </td>
                        <td>{c.title}</td>
                        <td>
                          <Badge tone={c.isReadOnly ? 'neutral' : 'info'}>
                            {humanise(c.state)}
                          </Badge>
                        </td>
                        <td>
                          <Person id={c.investigatorId} />
                        </td>
                        <td className="nowrap">{formatDate(c.receivedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                offset={offset}
                limit={PAGE}
                total={list.total}
                label="Case pages"
                onChange={(o) => navigate(`/cases?offset=${o}`)}
              />
            </>
          )
        }
      </Loaded>
    </section>
  );
}

const loadCase = (id: string) => api.GET('/api/cases/{id}', { params: { path: { id } } });

/** One case: state, subjects, workflow history, readiness, and the hand moves. */
export function CasePage(props: { id: string }) {
  const [value, reload] = useApi(async () => {
    const r = await loadCase(props.id);
    return { ...r, data: r.data as CaseDetail | undefined };
  }, [props.id]);
  // A reload after a record keeps the page (and its open forms) on screen until the answer comes.
  const last = useRef<Loadable<CaseDetail>>(value);
  const keep =
    value.state === 'loading' &&
    last.current.state === 'ready' &&
    last.current.data.id === props.id;
  if (!keep) last.current = value;
  return (
    <section aria-labelledby="case-title">
      <p className="crumbs">
        <Link href="/cases">← Cases</Link>
      </p>
      <Loaded value={last.current}>{(c) => <CaseBody detail={c} reload={reload} />}</Loaded>
    </section>
  );
}

function CaseBody({ detail: c, reload }: SectionProps) {
  const [types] = useApi(() => api.GET('/api/legal-authority-types'), []);
  const [offences] = useApi(() => api.GET('/api/offences'), []);
  const props = { detail: c, reload };
  return (
    <>
      <h1 id="case-title">
        Case {c.reference}: {c.title}
      </h1>
      <dl className="facts">
        <div>
          <dt>State</dt>
          <dd data-testid="case-state">
            {humanise(c.state)}
            {c.disposition ? ` (${humanise(c.disposition)})` : ''}
          </dd>
        </div>
        <div>
          <dt>Investigator</dt>
          <dd>
            <Person id={c.investigatorId} />
          </dd>
        </div>
        <div>
          <dt>Supervisor</dt>
          <dd>
            <Person id={c.supervisorId} />
          </dd>
        </div>
        <div>
          <dt>Lead received</dt>
          <dd>{formatDateTime(c.receivedAt)}</dd>
        </div>
      </dl>
      {c.fieldScope.length < CASE_FIELDS.length ? (
        <p className="callout" role="note" data-testid="shared-scope">
          Shared with your agency. You see: {fieldsText(c.fieldScope)}.
        </p>
      ) : null}
      <WorkflowMoves {...props} />
      <CaseReferral
        caseId={c.id}
        reference={c.reference}
        isReadOnly={c.isReadOnly}
        onReferred={reload}
      />
      <h2>Subjects</h2>
      {!c.fieldScope.includes('subjects') ? (
        <p className="muted" data-testid="not-shared">
          Not shared with your agency (outside the share&apos;s field scope).
        </p>
      ) : c.subjectKeys.length === 0 ? (
        <p className="muted">
          None{c.cybertipReportId ? `; opened from CyberTip ${c.cybertipReportId}` : ''}.
        </p>
      ) : (
        <ul className="plain">
          {c.subjectKeys.map((k) => (
            <li key={k}>
              <Link className="mono" href={`/subjects/${encodeURIComponent(k)}`}>
                {k}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Loaded value={types}>
        {(t) => (
          <>
            <InScope fields={c.fieldScope} field="authorities" title="Legal authorities">
              <Authorities {...props} types={t} />
            </InScope>
            <InScope fields={c.fieldScope} field="identities" title="Subscriber identities">
              <Identities {...props} />
            </InScope>
            <Readiness {...props} />
            <InScope fields={c.fieldScope} field="warrants" title="Warrants">
              <Warrants {...props} types={t} />
            </InScope>
          </>
        )}
      </Loaded>
      <InScope fields={c.fieldScope} field="outcomes" title="Arrests, charges and victims">
        <Loaded value={offences}>{(o) => <Outcomes {...props} offences={o} />}</Loaded>
      </InScope>
      <CaseWork {...props} />
      <h2>Workflow history</h2>
      {c.fieldScope.includes('workflow') ? null : (
        <p className="muted" data-testid="not-shared">
          Not shared with your agency (outside the share&apos;s field scope).
        </p>
      )}
      <table className="compact">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">By</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody data-testid="case-history">
          {c.events.map((e) => (
            <tr key={e.seq}>
              <td className="num">{e.seq}</td>
              <td className="nowrap">{effectiveText(e.effectiveAt, e.at)}</td>
              <td>{e.fromState ? humanise(e.fromState) : '—'}</td>
              <td>
                {humanise(e.toState)}
                {e.disposition ? ` (${humanise(e.disposition)})` : ''}
              </td>
              <td>
                <Person id={e.actorId} none="system" />
              </td>
              <td>{e.reason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
