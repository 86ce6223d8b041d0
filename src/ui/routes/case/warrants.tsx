import { useState } from 'react';
import { api } from '../../api/client';
import { Badge } from '../../components/common';
import { formatDateTime, humanise } from '../../format';
import { optionalText, text, utcInstant } from './fields';
import { errorCode, RecordForm } from './record-form';
import type { AuthorityType, CaseDetail, SectionProps } from './types';

const RESULTS = ['evidence_seized', 'nothing_found', 'not_executed', 'other'] as const;

/** Warrants: sought (readiness, or an override the API asks for), then issued and executed. */
export function Warrants(props: SectionProps & { types: AuthorityType[] }) {
  const { detail: c, types } = props;
  const label = (code: string) => types.find((t) => t.code === code)?.label ?? humanise(code);
  return (
    <section aria-labelledby="warrants-title">
      <h2 id="warrants-title">Warrants</h2>
      {c.warrants.length === 0 ? (
        <p className="muted">None sought.</p>
      ) : (
        <div className="table-wrap">
          <table className="compact" data-testid="warrants">
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Sought</th>
                <th scope="col">Issued</th>
                <th scope="col">Executed</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {c.warrants.map((w) => (
                <tr key={w.id} data-testid="warrant-row">
                  <td>
                    {label(w.typeCode)}
                    {w.readinessOverride ? (
                      <div className="small">
                        <Badge tone="warn">readiness overridden</Badge> {w.readinessOverride}
                      </div>
                    ) : null}
                  </td>
                  <td className="nowrap">{formatDateTime(w.soughtAt)}</td>
                  <td className="nowrap">{formatDateTime(w.issuedAt)}</td>
                  <td className="nowrap">{formatDateTime(w.executedAt)}</td>
                  <td>{w.result ? humanise(w.result) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {c.isReadOnly ? null : (
        <div className="records">
          <SeekWarrant {...props} />
          <ExecuteWarrant detail={c} reload={props.reload} label={label} />
        </div>
      )}
    </section>
  );
}

function SeekWarrant({ detail: c, reload, types }: SectionProps & { types: AuthorityType[] }) {
  // The override field appears once the API has answered that the checklist is not complete.
  const [askOverride, setAskOverride] = useState(false);
  const warrantTypes = types.filter((t) => t.category === 'warrant');
  const send = (form: FormData) => {
    const soughtRaw = optionalText(form, 'soughtAt');
    const soughtAt = soughtRaw ? utcInstant(soughtRaw) : undefined;
    if (soughtRaw && !soughtAt) return 'Sought: not a date and time.';
    const reason = optionalText(form, 'override');
    return api.POST('/api/cases/{id}/warrants', {
      params: { path: { id: c.id } },
      body: {
        typeCode: text(form, 'typeCode'),
        ...(soughtAt ? { soughtAt } : {}),
        ...(reason ? { override: { reason } } : {}),
      },
    });
  };
  return (
    <RecordForm
      summary="Record a warrant sought"
      submitLabel="Record warrant sought"
      send={send}
      done={() => {
        setAskOverride(false);
        reload();
      }}
      onRefused={(error) => {
        if (errorCode(error) === 'warrant_not_ready') setAskOverride(true);
      }}
    >
      <label>
        Warrant type
        <select name="typeCode" required>
          {warrantTypes.map((t) => (
            <option key={t.code} value={t.code}>
              {t.label} ({t.statute})
            </option>
          ))}
        </select>
      </label>
      <label>
        Sought (UTC, default now)
        <input name="soughtAt" type="datetime-local" />
      </label>
      {askOverride ? (
        <label>
          Override reason (the checklist is incomplete; recorded on the warrant and audited)
          <textarea name="override" required minLength={10} maxLength={1000} rows={2} />
        </label>
      ) : null}
    </RecordForm>
  );
}

function ExecuteWarrant(props: {
  detail: CaseDetail;
  reload: () => void;
  label: (code: string) => string;
}) {
  const { detail: c } = props;
  const open = c.warrants.filter((w) => w.result === null);
  if (open.length === 0) return null;
  const send = (form: FormData) => {
    const issuedAt = utcInstant(text(form, 'issuedAt'));
    if (!issuedAt) return 'Issued: a date and time (UTC) is required.';
    const result = text(form, 'result') as (typeof RESULTS)[number];
    const executedRaw = optionalText(form, 'executedAt');
    const executedAt = executedRaw ? utcInstant(executedRaw) : undefined;
    if (executedRaw && !executedAt) return 'Executed: not a date and time.';
    return api.POST('/api/warrants/{id}/execution', {
      params: { path: { id: text(form, 'warrantId') } },
      body: { issuedAt, result, ...(executedAt ? { executedAt } : {}) },
    });
  };
  return (
    <RecordForm
      summary="Record a warrant issued and executed"
      submitLabel="Record execution"
      send={send}
      done={props.reload}
    >
      <label>
        Warrant
        <select name="warrantId" required>
          {open.map((w) => (
            <option key={w.id} value={w.id}>
              {props.label(w.typeCode)}, sought {formatDateTime(w.soughtAt)}
            </option>
          ))}
        </select>
      </label>
      <div className="row">
        <label>
          Issued (UTC)
          <input name="issuedAt" type="datetime-local" required />
        </label>
        <label>
          Executed (UTC; empty if not executed)
          <input name="executedAt" type="datetime-local" />
        </label>
        <label>
          Result
          <select name="result" required defaultValue="evidence_seized">
            {RESULTS.map((r) => (
              <option key={r} value={r}>
                {humanise(r)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </RecordForm>
  );
}
