import { useState } from 'react';
import { api } from '../../api/client';
import { Badge } from '../../components/common';
import { formatDate, formatDateTime } from '../../format';
import { expiryText, optionalText, text, utcInstant } from './fields';
import { RecordForm } from './record-form';
import type { Authority, AuthorityType, SectionProps } from './types';

/** Days left at which an expiry timer is shown as a warning (the API's own default window). */
const WARN_DAYS = 14;

function ExpiryBadge({ days }: { days: number | null }) {
  const tone = days === null ? 'neutral' : days <= WARN_DAYS ? 'warn' : 'info';
  return <Badge tone={tone}>{expiryText(days)}</Badge>;
}

/** The case's legal authorities (R19): each as issued, its scope, its expiry timer, amendments. */
export function Authorities(props: SectionProps & { types: AuthorityType[] }) {
  const { detail: c, types } = props;
  const label = (code: string) => types.find((t) => t.code === code)?.label ?? code;
  const supersededBy = new Map(
    c.legalAuthorities.filter((a) => a.supersedesId).map((a) => [a.supersedesId, a]),
  );
  return (
    <section aria-labelledby="authorities-title">
      <h2 id="authorities-title">Legal authorities</h2>
      {c.legalAuthorities.length === 0 ? (
        <p className="muted">None recorded. Identities can only be attached under one.</p>
      ) : (
        <div className="table-wrap">
          <table className="compact" data-testid="authorities">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Court and number</th>
                <th scope="col">Issued</th>
                <th scope="col">Expiry</th>
                <th scope="col">Scope (UTC, end excluded)</th>
                <th scope="col">Signed document SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {c.legalAuthorities.map((a) => {
                const newer = supersededBy.get(a.id);
                return (
                  <tr key={a.id}>
                    <td>
                      {label(a.typeCode)}
                      {newer ? (
                        <div className="small">
                          <Badge>superseded</Badge> by {newer.number}
                        </div>
                      ) : null}
                      {a.supersedesId ? (
                        <div className="small muted">
                          amends{' '}
                          {c.legalAuthorities.find((o) => o.id === a.supersedesId)?.number ??
                            'an earlier order'}
                        </div>
                      ) : null}
                    </td>
                    <td>
                      {a.court}
                      <div className="mono small">{a.number}</div>
                    </td>
                    <td className="nowrap">{formatDate(a.issuedAt)}</td>
                    <td className="nowrap">
                      {a.expiresAt ? formatDateTime(a.expiresAt) : '—'}
                      <div>
                        <ExpiryBadge days={a.expiresInDays} />
                      </div>
                    </td>
                    <td>
                      <ul className="bare">
                        {a.scope.map((s) => (
                          <li key={`${s.ipRange} ${s.startsAt}`}>
                            <span className="mono">{s.ipRange}</span> {formatDateTime(s.startsAt)}{' '}
                            to {formatDateTime(s.endsAt)}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className="mono small" title={a.documentSha256}>
                      {a.documentSha256.slice(0, 16)}…
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {c.isReadOnly ? null : <RecordAuthority {...props} />}
    </section>
  );
}

type ScopeRow = { key: number };

function RecordAuthority({ detail: c, reload, types }: SectionProps & { types: AuthorityType[] }) {
  const [rows, setRows] = useState<ScopeRow[]>([{ key: 0 }]);
  const categories = [...new Set(types.map((t) => t.category))];
  const current = c.legalAuthorities.filter(
    (a) => !c.legalAuthorities.some((n) => n.supersedesId === a.id),
  );
  const send = (form: FormData) => {
    const issuedAt = utcInstant(text(form, 'issuedAt'));
    if (!issuedAt) return 'Issued: a date and time (UTC) is required.';
    const expiresRaw = optionalText(form, 'expiresAt');
    const expiresAt = expiresRaw ? utcInstant(expiresRaw) : undefined;
    if (expiresRaw && !expiresAt) return 'Expires: not a date and time.';
    const scope: Authority['scope'] = [];
    for (const row of rows) {
      const startsAt = utcInstant(text(form, `scope-${row.key}-from`));
      const endsAt = utcInstant(text(form, `scope-${row.key}-to`));
      if (!startsAt || !endsAt) return 'Scope: every row needs a start and an end (UTC).';
      scope.push({ ipRange: text(form, `scope-${row.key}-ip`), startsAt, endsAt });
    }
    const supersedesId = optionalText(form, 'supersedesId');
    return api.POST('/api/cases/{id}/authorities', {
      params: { path: { id: c.id } },
      body: {
        typeCode: text(form, 'typeCode'),
        court: text(form, 'court'),
        number: text(form, 'number'),
        issuedAt,
        ...(expiresAt ? { expiresAt } : {}),
        documentSha256: text(form, 'documentSha256').toLowerCase(),
        scope,
        ...(supersedesId ? { supersedesId } : {}),
      },
    });
  };
  return (
    <RecordForm
      summary="Record a legal authority"
      submitLabel="Record authority"
      send={send}
      done={() => {
        setRows([{ key: 0 }]);
        reload();
      }}
    >
      <label>
        Order type
        <select name="typeCode" required defaultValue="production_order">
          {categories.map((cat) => (
            <optgroup key={cat} label={cat}>
              {types
                .filter((t) => t.category === cat)
                .map((t) => (
                  <option key={t.code} value={t.code}>
                    {t.label} ({t.statute}){t.authorizesIdentity ? '' : ', no identity disclosure'}
                    {t.inForceTo ? `, for orders issued before ${formatDate(t.inForceTo)}` : ''}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      <div className="row">
        <label>
          Court
          <input name="court" required maxLength={200} />
        </label>
        <label>
          Order number
          <input name="number" required maxLength={100} />
        </label>
      </div>
      <div className="row">
        <label>
          Issued (UTC)
          <input name="issuedAt" type="datetime-local" required />
        </label>
        <label>
          Expires (UTC, optional)
          <input name="expiresAt" type="datetime-local" aria-describedby="expiry-help" />
        </label>
      </div>
      <p id="expiry-help" className="muted small">
        Left empty, the server sets the type’s default validity (preservation: 21 or 90 days).
      </p>
      <label>
        SHA-256 of the signed document
        <input
          name="documentSha256"
          required
          pattern="[0-9a-fA-F]{64}"
          size={70}
          className="mono"
          aria-describedby="sha-help"
        />
      </label>
      <p id="sha-help" className="muted small">
        64 hex digits; the document itself stays in the records system.
      </p>
      <fieldset>
        <legend>Scope: addresses × time windows (UTC, end excluded)</legend>
        {rows.map((row, i) => (
          <div className="row" key={row.key}>
            <label>
              Address or CIDR block {i + 1}
              <input name={`scope-${row.key}-ip`} required maxLength={50} className="mono" />
            </label>
            <label>
              From {i + 1}
              <input name={`scope-${row.key}-from`} type="datetime-local" required />
            </label>
            <label>
              To {i + 1}
              <input name={`scope-${row.key}-to`} type="datetime-local" required />
            </label>
            {rows.length > 1 ? (
              <button
                type="button"
                className="secondary small"
                onClick={() => setRows(rows.filter((r) => r.key !== row.key))}
              >
                Remove row {i + 1}
              </button>
            ) : null}
          </div>
        ))}
        <button
          type="button"
          className="secondary small"
          onClick={() => setRows([...rows, { key: Math.max(...rows.map((r) => r.key)) + 1 }])}
        >
          Add a scope row
        </button>
      </fieldset>
      <label>
        Amends (a changed scope is a new order; the old one can no longer be used)
        <select name="supersedesId" defaultValue="">
          <option value="">Nothing: a new order</option>
          {current.map((a) => (
            <option key={a.id} value={a.id}>
              {a.number} ({a.court})
            </option>
          ))}
        </select>
      </label>
    </RecordForm>
  );
}
