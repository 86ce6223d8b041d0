import { useMemo } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { categoryName, formatNumber, plural } from '../format';
import { Loaded } from './common';

const MAX_HASHES = 10_000;

/**
 * The hash sets and categories a subject's files match, as text: the server matches
 * (POST /api/match); the UI only counts the answers per set and category.
 */
export function MatchedSets(props: { hashes: string[] }) {
  const hashes = props.hashes.slice(0, MAX_HASHES);
  const [value] = useApi(
    () =>
      hashes.length > 0
        ? api.POST('/api/match', { body: { hashes } })
        : Promise.resolve({
            data: { generation: 0, results: [] },
            response: new Response(null, { status: 200 }),
          }),
    [hashes.join(',')],
  );
  return (
    <Loaded value={value}>
      {(data) => <MatchSummary results={data.results} total={hashes.length} />}
    </Loaded>
  );
}

type Result = {
  status: string;
  matches: Array<{
    hashSetName: string;
    kind: string;
    categoryScheme: string | null;
    categoryCode: string | null;
    categoryLabel: string | null;
    isLead: boolean;
  }>;
};

function MatchSummary(props: { results: Result[]; total: number }) {
  const rows = useMemo(() => {
    const counts = new Map<
      string,
      { set: string; kind: string; category: string; files: number }
    >();
    for (const r of props.results) {
      for (const m of r.matches) {
        const name = categoryName(m.categoryScheme, m.categoryCode, m.categoryLabel);
        // A known entry in a not-lead category (category policy): shown, never scored.
        const category = m.kind === 'known' && !m.isLead ? `not a lead (${name})` : name;
        const key = `${m.hashSetName}|${category}`;
        const e = counts.get(key) ?? { set: m.hashSetName, kind: m.kind, category, files: 0 };
        e.files += 1;
        counts.set(key, e);
      }
    }
    return [...counts.values()].sort((a, b) => b.files - a.files);
  }, [props.results]);
  const unmatched = props.results.filter((r) => r.status === 'none').length;
  return (
    <>
      <p>
        {plural(props.total, 'distinct file')}; {formatNumber(unmatched)} in no hash set.
      </p>
      {rows.length === 0 ? (
        <p className="muted">No file matches a hash set.</p>
      ) : (
        <table className="compact" data-testid="matched-sets">
          <thead>
            <tr>
              <th scope="col">Hash set</th>
              <th scope="col">Kind</th>
              <th scope="col">Category</th>
              <th scope="col">Files</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.set}|${r.category}`}>
                <td>{r.set}</td>
                <td>{r.kind}</td>
                <td>{r.category}</td>
                <td className="num">{formatNumber(r.files)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
