import { useMemo, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api/client';
import { useApi } from '../api/use-api';
import { BarChart, LaneChart } from '../components/charts';
import { bucketByPeriod, lanesByIp } from '../components/timeline-data';
import { Badge, ErrorLine, Flags, Loaded, ScoreBar } from '../components/common';
import { MatchedSets } from '../components/matched-sets';
import { SubjectMap } from '../components/subject-map';
import { fieldText, formatDate, formatDateTime, formatNumber, humanise, plural } from '../format';
import { EvidenceCount, ObservationTable } from './subject-evidence';
import { Link, navigate } from '../router';
import { CASEWORK, hasAnyRole, useSession } from '../session';
import { DecisionRecorded, SubjectDecisions, type Decision } from './subject-decisions';

const loadSubject = (id: string) => api.GET('/api/subjects/{id}', { params: { path: { id } } });
type Subject = NonNullable<Awaited<ReturnType<typeof loadSubject>>['data']>;
type Observation = Subject['timeline'][number];

/** One subject: the score explained line by line, evidence over time, links and matched sets. */
export function SubjectPage(props: { subjectKey: string }) {
  const [value, reload] = useApi(() => loadSubject(props.subjectKey), [props.subjectKey]);
  const [recorded, setRecorded] = useState<Decision | undefined>();
  const decided = (d: Decision) => {
    setRecorded(d);
    reload();
  };
  return (
    <section aria-labelledby="subject-title">
      <p className="crumbs">
        <Link href="/queue">← Priority queue</Link>
      </p>
      <h1 id="subject-title">
        Subject <span className="mono">{props.subjectKey}</span>
      </h1>
      {recorded ? <DecisionRecorded result={recorded} /> : null}
      <Loaded value={value}>
        {(s) => (
          <>
            <OpenCase subjectKey={props.subjectKey} />
            <SubjectBody subject={s} />
            <SubjectDecisions subject={s} onDecided={decided} />
          </>
        )}
      </Loaded>
    </section>
  );
}

/** Opens a case on this subject (POST /api/cases) for those who work cases, then shows it. */
function OpenCase(props: { subjectKey: string }) {
  const { me } = useSession();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  if (!hasAnyRole(me, CASEWORK)) return null;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const title = fieldText(new FormData(e.currentTarget), 'title').trim();
    setBusy(true);
    const { data, error: err } = await api.POST('/api/cases', {
      body: { title, subjectKeys: [props.subjectKey] },
    });
    setBusy(false);
    if (data) navigate(`/cases/${data.id}`);
    else setError(errorMessage(err, 'Opening the case failed'));
  };
  return (
    <form className="filters" onSubmit={(e) => void submit(e)} aria-label="Open a case">
      <label>
        Case title
        <input
          name="title"
          required
          maxLength={200}
          size={40}
          defaultValue={`Subject ${props.subjectKey}`}
        />
      </label>
      <button type="submit" disabled={busy}>
        Open case
      </button>
      <span className="muted small">
        You will be its investigator (the case page can assign another).
      </span>
      <ErrorLine message={error} />
    </form>
  );
}

function SubjectBody({ subject: s }: { subject: Subject }) {
  const hashes = useMemo(() => [...new Set(s.timeline.map((o) => o.hash))], [s.timeline]);
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Score</dt>
          <dd>
            {s.score ? <ScoreBar score={s.score.score} max={s.score.maxScore} /> : 'not scored'}
          </dd>
        </div>
        <div>
          <dt>Agency of jurisdiction</dt>
          <dd>{s.agencyCode ?? 'unassigned'}</dd>
        </div>
        <div>
          <dt>Seen</dt>
          <dd>
            {formatDate(s.firstSeen)} to {formatDate(s.lastSeen)}
          </dd>
        </div>
        <div>
          <dt>Evidence</dt>
          <dd>
            <EvidenceCount
              ids={s.timeline.map((o) => o.observationId)}
              timeline={s.timeline}
              title="All observations"
              text={plural(s.counts.observations, 'observation')}
            />{' '}
            · <a href="#links-title">{plural(s.counts.links, 'link')}</a> ·{' '}
            <EvidenceCount
              ids={s.tipPersons}
              timeline={s.timeline}
              title="CyberTip persons"
              text={plural(s.counts.tipPersons, 'tip person')}
            />
          </dd>
        </div>
      </dl>
      <p className="callout small">
        This score is an assessment computed by rule set {s.score?.ruleSetVersion ?? '—'} to
        prioritise review; every point below names its evidence. It is not a finding.
      </p>
      <div className="grid-2">
        <Explanation subject={s} />
        <Attribution subject={s} />
      </div>
      <h2 id="timeline-title">Evidence over time</h2>
      <Timeline timeline={s.timeline} />
      <h2 id="ips-title">IP addresses over time</h2>
      <IpLanes timeline={s.timeline} />
      <h2 id="map-title">Where the evidence was observed</h2>
      <SubjectMap observations={s.timeline} />
      <h2 id="sets-title">Matched hash sets and categories</h2>
      <MatchedSets hashes={hashes} />
      <Links subject={s} />
      <Evidence timeline={s.timeline} />
      {s.olderScores.length > 0 ? (
        <>
          <h2>Earlier scores</h2>
          <ul>
            {s.olderScores.map((o) => (
              <li key={`${o.ruleSetVersion}-${o.scoredAt}`}>
                {o.score} under rule set {o.ruleSetVersion} ({formatDateTime(o.scoredAt)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function Explanation({ subject: s }: { subject: Subject }) {
  if (!s.score) return <p>This subject has not been scored yet.</p>;
  return (
    <section aria-labelledby="why-title">
      <h2 id="why-title">Why this score</h2>
      <table className="explain">
        <thead>
          <tr>
            <th scope="col">Points</th>
            <th scope="col">Rule and reason</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {s.score.reasons.map((r) => (
            <tr key={r.ruleId}>
              <td className="num">+{r.points}</td>
              <td>
                <strong>{humanise(r.ruleId)}</strong>{' '}
                <span className="muted small">weight {r.weight}</span>
                <div>{r.reason}</div>
              </td>
              <td className="num">
                <EvidenceCount
                  ids={r.evidenceIds}
                  timeline={s.timeline}
                  title={`Evidence behind “${humanise(r.ruleId)}”`}
                  text={formatNumber(r.evidenceIds.length)}
                />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{s.score.score}</th>
            <td colSpan={2}>
              total of {s.score.maxScore} possible, evidence as of {formatDateTime(s.score.asOf)}
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function Attribution({ subject: s }: { subject: Subject }) {
  if (!s.score) return null;
  const a = s.score.attribution;
  return (
    <section aria-labelledby="attr-title">
      <h2 id="attr-title">Attribution</h2>
      <p>
        Confidence <strong>{a.level}</strong> ({Math.round(a.confidence * 100)}%)
      </p>
      <Flags flags={a.flags} />
      <ul className="plain">
        {a.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </section>
  );
}

function Timeline({ timeline }: { timeline: Observation[] }) {
  const buckets = useMemo(() => bucketByPeriod(timeline), [timeline]);
  if (timeline.length === 0) return <p className="muted">No observations.</p>;
  return (
    <BarChart
      title="Observations over time"
      description={`${plural(timeline.length, 'observation')}, counted per ${buckets.unit}.`}
      buckets={buckets.items}
    />
  );
}

const MAX_LANES = 12;

function IpLanes({ timeline }: { timeline: Observation[] }) {
  const data = useMemo(() => lanesByIp(timeline), [timeline]);
  if (data.lanes.length === 0) return <p className="muted">No addresses.</p>;
  const shown = data.lanes.slice(0, MAX_LANES);
  return (
    <LaneChart
      title="IP addresses over time"
      description={`${shown.length} of ${data.lanes.length} addresses (the most observed), one tick per observation.`}
      lanes={shown}
      from={data.from}
      to={data.to}
    />
  );
}

function Links({ subject: s }: { subject: Subject }) {
  const rules = useMemo(() => {
    const m = new Map<string, { count: number; levels: Set<string> }>();
    for (const l of s.links) {
      const e = m.get(l.rule) ?? { count: 0, levels: new Set<string>() };
      e.count += 1;
      e.levels.add(l.confidence.level);
      m.set(l.rule, e);
    }
    return [...m.entries()];
  }, [s.links]);
  return (
    <section aria-labelledby="links-title">
      <h2 id="links-title">How the evidence was linked</h2>
      {rules.length === 0 ? (
        <p className="muted">A single identifier; no links.</p>
      ) : (
        <ul className="plain">
          {rules.map(([rule, e]) => (
            <li key={rule}>
              <strong>{humanise(rule)}</strong>: {plural(e.count, 'link')} (
              {[...e.levels].join(', ')} confidence)
            </li>
          ))}
        </ul>
      )}
      {s.tipPersons.length > 0 ? (
        <p>
          CyberTip persons: <Badge>{formatNumber(s.tipPersons.length)}</Badge>
        </p>
      ) : null}
    </section>
  );
}

const EVIDENCE_ROWS = 25;

function Evidence({ timeline }: { timeline: Observation[] }) {
  const rows = timeline.slice(-EVIDENCE_ROWS).toReversed();
  return (
    <section aria-labelledby="evidence-title">
      <h2 id="evidence-title">Latest evidence</h2>
      <p className="muted small">
        The {formatNumber(rows.length)} most recent of {plural(timeline.length, 'observation')}.
        Hashes and metadata only.
      </p>
      <ObservationTable rows={rows} />
    </section>
  );
}
