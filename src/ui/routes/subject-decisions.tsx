import { useMemo, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api/client';
import type { paths } from '../api/schema.gen';
import { fieldText, formatDateTime, formatNumber } from '../format';
import { Link } from '../router';
import { ErrorLine } from '../components/common';

type Full = paths['/api/subjects/{id}']['get']['responses'][200]['content']['application/json'];
/** What these forms read of a subject. */
type Subject = {
  subjectKey: string;
  decisions: Full['decisions'];
  timeline: ReadonlyArray<{ ip: string; clientId: string | null }>;
};
export type Decision =
  paths['/api/subjects/merge']['post']['responses'][202]['content']['application/json'];

/**
 * An analyst's merge and split decisions on a subject page: the decisions that touch it, a split
 * of selected IPs or installations (client ids), and a merge with other subjects, each with the
 * required reason. The API stores the decision and queues the relink that applies it; the subject
 * may then change key (a subject's key follows its lowest member).
 */
export function SubjectDecisions(props: { subject: Subject; onDecided: (d: Decision) => void }) {
  const s = props.subject;
  const decided = props.onDecided;
  return (
    <section aria-labelledby="decisions-title">
      <h2 id="decisions-title">Merge and split</h2>
      {s.decisions.length === 0 ? (
        <p className="muted">No analyst decision touches this subject.</p>
      ) : (
        <table className="compact" data-testid="subject-decisions">
          <caption className="visually-hidden">Decisions that touch this subject</caption>
          <thead>
            <tr>
              <th scope="col">Decision</th>
              <th scope="col">When</th>
              <th scope="col">Subjects then</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {s.decisions.map((d) => (
              <tr key={d.id}>
                <td>{d.kind}</td>
                <td className="nowrap">{formatDateTime(d.decidedAt)}</td>
                <td className="mono small">{d.subjectKeys.join(', ')}</td>
                <td>{d.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="grid-2">
        <SplitForm subject={s} onDecided={decided} />
        <MergeForm subjectKey={s.subjectKey} onDecided={decided} />
      </div>
    </section>
  );
}

/** The decision just recorded, as the API answered (shown by the page even if the subject moved). */
export function DecisionRecorded({ result }: { result: Decision }) {
  const d = result.decision;
  return (
    <div className="callout" role="status" data-testid="decision-recorded">
      <p>
        {d.kind === 'merge' ? 'Merge' : 'Split'} recorded ({formatDateTime(d.decidedAt)}): “
        {d.reason}”.{' '}
        {d.kind === 'split'
          ? `${formatNumber(d.sideB.length)} members go out, ${formatNumber(d.sideA.length)} stay.`
          : `${formatNumber(d.refs.length)} members are kept together.`}{' '}
        A relink is queued (job <span className="mono">{result.rescoreJobId.slice(0, 8)}</span>) and
        applies it; the subjects may then change key.
      </p>
      <p className="small">
        Subjects decided on:{' '}
        {d.subjectKeys.map((k) => (
          <Link key={k} className="mono" href={`/subjects/${encodeURIComponent(k)}`}>
            {k}{' '}
          </Link>
        ))}
      </p>
    </div>
  );
}

function SplitForm(props: { subject: Subject; onDecided: (d: Decision) => void }) {
  const { ips, clients } = useMemo(() => {
    const count = (values: Array<string | null>) => {
      const m = new Map<string, number>();
      for (const v of values) if (v) m.set(v, (m.get(v) ?? 0) + 1);
      return [...m.entries()].sort((a, b) => b[1] - a[1]);
    };
    return {
      ips: count(props.subject.timeline.map((o) => o.ip)),
      clients: count(props.subject.timeline.map((o) => o.clientId)),
    };
  }, [props.subject.timeline]);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const chosen = (name: string) => form.getAll(name).filter((v) => typeof v === 'string');
    const body = {
      ips: chosen('ip'),
      clientIds: chosen('client'),
      reason: fieldText(form, 'reason').trim(),
    };
    if (body.ips.length + body.clientIds.length === 0) {
      setError('Select the IP addresses or installations that go out.');
      return;
    }
    setBusy(true);
    const { data, error: err } = await api.POST('/api/subjects/{id}/split', {
      params: { path: { id: props.subject.subjectKey } },
      body,
    });
    setBusy(false);
    if (data) {
      setError(undefined);
      props.onDecided(data);
    } else setError(errorMessage(err, 'The split failed'));
  }
  if (ips.length + clients.length < 2) {
    return (
      <p className="muted small">
        One address and no other installation: there is nothing to split off.
      </p>
    );
  }
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby="split-title">
      <h3 id="split-title">Split members off</h3>
      <p className="muted small">
        The observations from the selected addresses or installations are not the same person or
        household as the rest.
      </p>
      <fieldset>
        <legend>IP addresses</legend>
        <div className="checks">
          {ips.map(([ip, n]) => (
            <label key={ip} className="check">
              <input type="checkbox" name="ip" value={ip} />
              <span className="mono">{ip}</span> <span className="muted small">({n})</span>
            </label>
          ))}
        </div>
      </fieldset>
      {clients.length > 0 ? (
        <fieldset>
          <legend>Installations (client ids)</legend>
          <div className="checks">
            {clients.map(([c, n]) => (
              <label key={c} className="check">
                <input type="checkbox" name="client" value={c} />
                <span className="mono small">{c}</span> <span className="muted small">({n})</span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <label>
        Reason for the split
        <textarea name="reason" required minLength={3} maxLength={2000} rows={2} />
      </label>
      <div>
        <button type="submit" disabled={busy}>
          Split selected off
        </button>
      </div>
      <ErrorLine message={error} />
    </form>
  );
}

function MergeForm(props: { subjectKey: string; onDecided: (d: Decision) => void }) {
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const others = fieldText(form, 'others')
      .split(/[\s,]+/)
      .filter((k) => k !== '' && k !== props.subjectKey);
    setBusy(true);
    const { data, error: err } = await api.POST('/api/subjects/merge', {
      body: { subjects: [props.subjectKey, ...others], reason: fieldText(form, 'reason').trim() },
    });
    setBusy(false);
    if (data) {
      setError(undefined);
      props.onDecided(data);
    } else setError(errorMessage(err, 'The merge failed'));
  }
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby="merge-title">
      <h3 id="merge-title">Merge with other subjects</h3>
      <p className="muted small">These subjects are one installation or household.</p>
      <label>
        Other subject keys
        <input
          name="others"
          required
          size={28}
          placeholder="sub_…"
          aria-describedby="merge-keys-hint"
        />
      </label>
      <p id="merge-keys-hint" className="muted small">
        Keys like sub_0123456789abcdef0123 (from the queue), separated by spaces or commas.
      </p>
      <label>
        Reason for the merge
        <textarea name="reason" required minLength={3} maxLength={2000} rows={2} />
      </label>
      <div>
        <button type="submit" disabled={busy}>
          Merge
        </button>
      </div>
      <ErrorLine message={error} />
    </form>
  );
}
