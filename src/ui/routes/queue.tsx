import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { paths } from '../api/schema.gen';
import { useApi } from '../api/use-api';
import { Flags, Loaded, Pager, ScoreBar } from '../components/common';
import { formatDate, formatNumber, humanise, plural } from '../format';
import { Link, navigate, useLocation } from '../router';

type QueuePage = paths['/api/queue']['get']['responses'][200]['content']['application/json'];
type Item = QueuePage['items'][number];
type SortKey = 'rank' | 'lastSeen' | 'observations';
const SORTS: Record<SortKey, { label: string; compare: (a: Item, b: Item) => number }> = {
  rank: { label: 'Rank (priority)', compare: (a, b) => a.rank - b.rank },
  lastSeen: {
    label: 'Last seen, newest first',
    compare: (a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''),
  },
  observations: {
    label: 'Observations, most first',
    compare: (a, b) => b.counts.observations - a.counts.observations,
  },
};
const PAGE_SIZES = [25, 50, 100, 200];
type Level = 'high' | 'medium' | 'low';
const LEVELS: readonly Level[] = ['high', 'medium', 'low'];
type Flag = NonNullable<NonNullable<paths['/api/queue']['get']['parameters']['query']>['flag']>;
/**
 * Every flag the queue filters on (attribution and scoring set them; docs/SCORING.md), keyed by the
 * API schema's enum: the compiler rejects a missing or unknown one. The server filters.
 */
const FLAG_NAMES: Record<Flag, true> = {
  tor: true,
  anonymous_vpn: true,
  hosting: true,
  private: true,
  special: true,
  cgnat: true,
  cgnat_without_port: true,
  possible_proxy: true,
  unassigned_jurisdiction: true,
};
const FLAGS = Object.keys(FLAG_NAMES) as Flag[];

/** The server-side filters, as kept in the address bar. */
type Filters = {
  agency: string;
  minScore: string;
  attribution: string;
  flag: string;
  municipality: string;
  limit: number;
};
const FILTER_KEYS = ['agency', 'minScore', 'attribution', 'flag', 'municipality'] as const;

/** The ranked queue: paged and filtered by the server, re-ordered within a page on request. */
export function QueuePage() {
  const { query } = useLocation();
  const filters: Filters = {
    agency: query.get('agency') ?? '',
    minScore: query.get('minScore') ?? '',
    attribution: query.get('attribution') ?? '',
    flag: query.get('flag') ?? '',
    municipality: query.get('municipality') ?? '',
    limit: Number(query.get('limit') ?? 50),
  };
  const { agency, minScore, attribution, flag, municipality, limit } = filters;
  const offset = Number(query.get('offset') ?? 0);
  const sort = (query.get('sort') ?? 'rank') as SortKey;
  // Subjects scoring 0 sit behind a switch, off by default: nothing matched them as a lead.
  const showZero = query.get('zero') === 'show';
  const filterQuery = {
    ...(agency ? { agency } : {}),
    ...(minScore ? { minScore: Number(minScore) } : {}),
    ...(LEVELS.includes(attribution as Level) ? { attribution: attribution as Level } : {}),
    ...(FLAGS.includes(flag as Flag) ? { flag: flag as Flag } : {}),
    ...(municipality ? { municipality } : {}),
  };
  const deps = [agency, minScore, attribution, flag, municipality];
  const [value] = useApi(
    () =>
      api.GET('/api/queue', {
        params: {
          query: {
            limit,
            offset,
            zeroScores: showZero ? 'include' : 'hide',
            ...filterQuery,
          },
        },
      }),
    [...deps, limit, offset, showZero],
  );
  // How many the switch hides: the server counts them (one row asked for).
  const [zero] = useApi(
    () =>
      api.GET('/api/queue', {
        params: { query: { limit: 1, offset: 0, zeroScores: 'only', ...filterQuery } },
      }),
    deps,
  );
  const zeroCount = zero.state === 'ready' ? zero.data.total : 0;

  const go = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(query);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    navigate(`/queue?${next.toString()}`, { replace: true });
  };

  return (
    <section aria-labelledby="queue-title">
      <div className="page-head">
        <h1 id="queue-title">Priority queue</h1>
        <p className="muted">
          Subjects ranked by lead priority. A score is an assessment to guide review, not a finding.
        </p>
      </div>
      <QueueFilters
        filters={filters}
        sort={sort}
        onApply={(f) => go({ ...f, offset: 0 })}
        onSort={(s) => go({ sort: s === 'rank' ? undefined : s })}
      />
      <Loaded value={value}>
        {(page) => (
          <>
            <ZeroScores
              count={zeroCount}
              isShown={showZero}
              onToggle={() => go({ zero: showZero ? undefined : 'show', offset: 0 })}
            />
            <QueueTable items={page.items} sort={sort} />
            {page.isTotalExact ? null : (
              <p className="muted small">
                More than {formatNumber(page.total)} subjects match: the count stops there; the
                pages go on.
              </p>
            )}
            <Pager
              label="Queue pages"
              offset={page.offset}
              limit={page.limit}
              total={page.total}
              onChange={(o) => go({ offset: o })}
            />
            <p className="muted small">Rule set version {page.ruleSetVersion}.</p>
          </>
        )}
      </Loaded>
    </section>
  );
}

function QueueFilters(props: {
  filters: Filters;
  sort: SortKey;
  onApply: (f: Filters) => void;
  onSort: (s: SortKey) => void;
}) {
  const [f, setF] = useState(props.filters);
  const set = (k: keyof Filters) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: k === 'limit' ? Number(e.target.value) : e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = { ...f };
    for (const k of FILTER_KEYS) trimmed[k] = f[k].trim();
    props.onApply(trimmed);
  };
  return (
    <form className="filters" onSubmit={submit} role="search" aria-label="Filter the queue">
      <label>
        Agency of jurisdiction
        <input
          value={f.agency}
          onChange={set('agency')}
          placeholder="all, or a code like ON-TPS"
          pattern="[A-Za-z0-9][A-Za-z0-9_\-]{0,39}"
          size={14}
        />
      </label>
      <label>
        Municipality
        <input value={f.municipality} onChange={set('municipality')} maxLength={200} size={14} />
      </label>
      <label>
        Score at least
        <input
          type="number"
          min={0}
          max={1000}
          step="any"
          value={f.minScore}
          onChange={set('minScore')}
          className="narrow"
        />
      </label>
      <label>
        Attribution
        <select value={f.attribution} onChange={set('attribution')}>
          <option value="">any</option>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label>
        Flag
        <select value={f.flag} onChange={set('flag')}>
          <option value="">any</option>
          {FLAGS.map((fl) => (
            <option key={fl} value={fl}>
              {fl.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      </label>
      <label>
        Rows per page
        <select value={f.limit} onChange={set('limit')}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Apply</button>
      <label className="push">
        Order this page by
        <select value={props.sort} onChange={(e) => props.onSort(e.target.value as SortKey)}>
          {Object.entries(SORTS).map(([k, s]) => (
            <option key={k} value={k}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}

/** Says how many subjects score 0 and why, and shows or hides them. */
function ZeroScores(props: { count: number; isShown: boolean; onToggle: () => void }) {
  if (props.count === 0) return null;
  return (
    <p className="callout small" data-testid="zero-scores">
      {props.isShown ? 'Listed below: ' : 'Hidden: '}
      {plural(props.count, 'subject')} scoring 0. {ZERO_WHY}{' '}
      <button type="button" className="link" onClick={props.onToggle}>
        {props.isShown
          ? 'Hide the subjects scoring 0'
          : `Show the ${plural(props.count, 'subject')} scoring 0`}
      </button>
    </p>
  );
}

/** Why a subject scores 0: no rule of the rule set matched its evidence (docs/SCORING.md). */
const ZERO_WHY =
  'No scoring rule matched their evidence: their files match no hash set of known material ' +
  '(unmatched, benign, or only in categories that are not leads) and nothing else raised them.';

/** One zero-score subject's cause, as the server found it in its files (docs/SCORING.md). */
const ZERO_CAUSES: Record<NonNullable<Item['zeroScoreCause']>, string> = {
  no_files: 'no files, and nothing else raised it',
  only_benign_files: 'only benign files (vouched for by a benign hash set)',
  only_unmatched_files: 'only files in no hash set',
  only_non_lead_categories: 'only files in categories that are not leads (e.g. Non-Pertinent)',
  no_lead_material: 'only benign, unmatched or not-lead files',
  no_rule_matched: 'no rule of the rule set matched its evidence',
};

function zeroWhy(cause: Item['zeroScoreCause']): string {
  return cause ? ZERO_CAUSES[cause] : 'no rule matched (unmatched, benign or non-lead files only)';
}

function QueueTable(props: { items: Item[]; sort: SortKey }) {
  const rows = useMemo(
    () => [...props.items].sort(SORTS[props.sort].compare),
    [props.items, props.sort],
  );
  if (rows.length === 0) return <p className="muted">No subjects in this queue.</p>;
  return (
    <div className="table-wrap">
      <table className="queue">
        <caption className="visually-hidden">Subjects ranked by lead priority</caption>
        <thead>
          <tr>
            <th scope="col" aria-sort={props.sort === 'rank' ? 'ascending' : 'none'}>
              Rank
            </th>
            <th scope="col">Subject and score</th>
            <th scope="col">Top reasons</th>
            <th scope="col">Attribution</th>
            <th scope="col" aria-sort={props.sort === 'lastSeen' ? 'descending' : 'none'}>
              Seen
            </th>
            <th scope="col" aria-sort={props.sort === 'observations' ? 'descending' : 'none'}>
              Evidence
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((item) => (
            <tr key={item.subjectKey} data-testid="queue-row">
              <td className="num">{item.rank}</td>
              <td>
                <Link href={`/subjects/${encodeURIComponent(item.subjectKey)}`} className="mono">
                  {item.subjectKey}
                </Link>
                <div>
                  <ScoreBar score={item.score} max={item.maxScore} />
                </div>
                {item.score === 0 ? (
                  <div className="small" data-testid="zero-why">
                    Scores 0: {zeroWhy(item.zeroScoreCause)}.
                  </div>
                ) : null}
                <div className="muted small">{item.agencyCode ?? 'no agency assigned'}</div>
              </td>
              <td>
                <ul className="reasons">
                  {item.topReasons.map((r) => (
                    <li key={r.ruleId}>
                      <span className="points">+{r.points}</span>{' '}
                      <strong>{humanise(r.ruleId)}</strong>
                      <span className="reason-text">{r.reason}</span>
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <div className="small">
                  {item.attribution.level} ({Math.round(item.attribution.confidence * 100)}%)
                </div>
                <Flags flags={item.attribution.flags} />
              </td>
              <td className="small nowrap">
                {formatDate(item.firstSeen)}
                <br />
                to {formatDate(item.lastSeen)}
              </td>
              <td className="small">
                {plural(item.counts.observations, 'observation')}
                <br />
                {plural(item.ips.length, 'IP address', 'IP addresses')} ·{' '}
                {plural(item.counts.tipPersons, 'tip person')}
                <br />
                <span className="muted">{item.municipalities.slice(0, 3).join(', ')}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
