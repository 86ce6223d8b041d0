import { useMemo, useState } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { Loaded } from '../components/common';

/** The place -> agency rules that assign each address's jurisdiction (read-only here). */
export function JurisdictionPage() {
  const [value] = useApi(() => api.GET('/api/jurisdiction/rules'), []);
  const [filter, setFilter] = useState('');
  return (
    <section aria-labelledby="jurisdiction-title">
      <h1 id="jurisdiction-title">Jurisdiction rules</h1>
      <p className="muted">
        Which agency is responsible for an address, by country, region and municipality; an empty
        municipality covers the rest of the region. System administrators change them through the
        API or the CLI.
      </p>
      <div className="filters" role="search" aria-label="Filter the rules">
        <label>
          Municipality or agency
          <input value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
      </div>
      <Loaded value={value}>{(rules) => <RulesTable rules={rules} filter={filter} />}</Loaded>
    </section>
  );
}

type Rule = {
  id: string;
  countryCode: string;
  region: string;
  municipality: string;
  agencyCode: string;
  note: string | null;
};

function RulesTable(props: { rules: Rule[]; filter: string }) {
  const rows = useMemo(() => {
    const f = props.filter.trim().toLowerCase();
    return f
      ? props.rules.filter((r) =>
          `${r.municipality} ${r.agencyCode} ${r.note ?? ''}`.toLowerCase().includes(f),
        )
      : props.rules;
  }, [props.rules, props.filter]);
  if (rows.length === 0) return <p className="muted">No rule matches.</p>;
  return (
    <table className="compact">
      <thead>
        <tr>
          <th scope="col">Country</th>
          <th scope="col">Region</th>
          <th scope="col">Municipality</th>
          <th scope="col">Agency</th>
          <th scope="col">Note</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{r.countryCode}</td>
            <td>{r.region}</td>
            <td>{r.municipality || <span className="muted">(rest of region)</span>}</td>
            <td className="mono">{r.agencyCode}</td>
            <td>{r.note ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
