import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../api/client';
import { useApi } from '../../api/use-api';
import { fieldText } from '../../format';
import { Link } from '../../router';
import { useSession } from '../../session';
import { EffectiveDateField, effectiveAtOf } from '../case/effective-date';
import { CASE_FIELDS, EXPLICIT_FIELDS, FIELD_LABELS, type CaseField } from '../case/field-scope';
import { CasePackageDownload } from './lead-package';

/**
 * On a case page: the lead package downloads, and referring the case to another agency
 * (`POST /api/cases/{id}/referrals`, which makes it read-only here). The API decides whether the
 * case may still be referred; a refusal shows its message.
 */
export function CaseReferral(props: {
  caseId: string;
  reference: string;
  isReadOnly: boolean;
  onReferred: () => void;
}) {
  return (
    <section aria-labelledby="refer-title" className="panel">
      <h2 id="refer-title">Lead package and referral</h2>
      <CasePackageDownload caseId={props.caseId} reference={props.reference} />
      {props.isReadOnly ? (
        <p className="muted small">
          Referrals sent and received are listed under <Link href="/referrals">Referrals</Link>.
        </p>
      ) : (
        <ReferForm caseId={props.caseId} onReferred={props.onReferred} />
      )}
    </section>
  );
}

function ReferForm(props: { caseId: string; onReferred: () => void }) {
  const { organisation } = useSession();
  const [orgs] = useApi(() => api.GET('/api/organisations'), []);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const agencies =
    orgs.state === 'ready'
      ? orgs.data.filter((o) => o.kind === 'agency' && o.id !== organisation?.id)
      : [];
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const toOrganisationCode = fieldText(form, 'to').trim();
    if (!window.confirm(`Refer this case to ${toOrganisationCode}? It becomes read-only here.`)) {
      return;
    }
    setBusy(true);
    const fieldScope = form
      .getAll('field')
      .filter((f): f is CaseField => CASE_FIELDS.includes(f as CaseField));
    const { data, error } = await api.POST('/api/cases/{id}/referrals', {
      params: { path: { id: props.caseId } },
      body: {
        toOrganisationCode,
        reason: fieldText(form, 'reason').trim(),
        fieldScope,
        ...effectiveAtOf(form.get('effectiveAt')),
      },
    });
    setBusy(false);
    setOutcome(
      data
        ? { ok: true, message: `Referred to ${data.toOrganisation}; awaiting their decision.` }
        : { ok: false, message: errorMessage(error, 'The referral failed') },
    );
    if (data) props.onReferred();
  }
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="Refer the case">
      <label>
        Refer to agency
        <input
          name="to"
          required
          maxLength={40}
          list="refer-agencies"
          placeholder="agency code, e.g. ON-GSPS"
        />
        <datalist id="refer-agencies">
          {agencies.map((o) => (
            <option key={o.id} value={o.code}>
              {o.name}
            </option>
          ))}
        </datalist>
      </label>
      <label>
        Reason for the referral
        <textarea name="reason" required minLength={1} maxLength={1000} rows={2} />
      </label>
      <fieldset>
        <legend>What the lead package discloses</legend>
        <p className="muted small">
          The package is frozen as you send it, with its SHA-256. Identities and notes go only when
          ticked here.
        </p>
        <div className="checks">
          {CASE_FIELDS.map((f) => (
            <label key={f} className="check">
              <input
                type="checkbox"
                name="field"
                value={f}
                defaultChecked={!EXPLICIT_FIELDS.includes(f)}
                disabled={f === 'summary'}
              />{' '}
              {FIELD_LABELS[f]}
            </label>
          ))}
        </div>
      </fieldset>
      <EffectiveDateField id="refer" />
      <div>
        <button type="submit" disabled={busy}>
          Refer case
        </button>
      </div>
      {outcome ? (
        <p className={outcome.ok ? 'callout' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.message}
        </p>
      ) : null}
    </form>
  );
}
