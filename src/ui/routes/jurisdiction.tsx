import { useMemo, useState } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { Loaded } from '../components/common';
import { hasAnyRole, useSession } from '../session';
import { removeRule, RuleForm, type RuleKey } from './jurisdiction-edit';

/** The place -> agency rules that assign each address's jurisdiction (read-only here). */
export function JurisdictionPage() {
  const [value, reload] = useApi(() => api.GET('/api/jurisdiction/rules'), []);
  const [filter, setFilter] = useState('');
  const { me } = useSession();
  const canEdit = hasAnyRole(me, ['system_admin']);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | undefined>();
  const done = (message: string) => {
    setOutcome({ ok: true, message });
    reload();
  };
  const remove = async (rule: RuleKey) => {
    const place = rule.municipality || `rest of ${rule.region || rule.countryCode}`;
    if (!window.confirm(`Remove the rule for ${place}?`)) return;
    const error = await removeRule(rule);
    if (error) setOutcome({ ok: false, message: error });
    else done(`The rule for ${place} is removed.`);
  };
  return (
    <section aria-labelledby="jurisdiction-title">
      <h1 id="jurisdiction-title">Jurisdiction rules</h1>
      <p className="muted">
        Which agency is responsible for an address, by country, region and municipality; an empty
        municipality covers the rest of the region.{' '}
        {canEdit
          ? 'A change applies to evidence imported after it (docs/INTAKE.md).'
          : 'System administrators change them.'}
      </p>
      {canEdit ? <RuleForm onSaved={done} /> : null}
      {outcome ? (
        <p className={outcome.ok ? 'callout' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.message}
        </p>
      ) : null}
      <div className="filters" role="search" aria-label="Filter the rules">
        <label>
          Municipality or agency
          <input value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
      </div>
      <Loaded value={value}>
        {(rules) => (
          <RulesTable
            rules={rules}
            filter={filter}
            onRemove={canEdit ? (r) => void remove(r) : undefined}
          />
        )}
      </Loaded>
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

function RulesTable(props: {
  rules: Rule[];
  filter: string;
  onRemove: ((rule: RuleKey) => void) | undefined;
}) {
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
          {props.onRemove ? <th scope="col">Actions</th> : null}
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
            {props.onRemove ? (
              <td>
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => props.onRemove?.(r)}
                >
                  Remove<span className="visually-hidden"> the rule for {r.municipality}</span>
                </button>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
