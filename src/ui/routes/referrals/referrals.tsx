import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../api/client';
import type { paths } from '../../api/schema.gen';
import { useApi } from '../../api/use-api';
import { Badge, ErrorLine, Loaded } from '../../components/common';
import { fieldText } from '../../format';
import { Link } from '../../router';
import { hasAnyRole, useSession, type Role } from '../../session';
import { effectiveText, EffectiveDateField, effectiveAtOf } from '../case/effective-date';
import { fieldsText } from '../case/field-scope';
import { CasePackageDownload, ReferralPackageDownload } from './lead-package';
import { PackageView } from './package-view';

type Referral =
  paths['/api/referrals']['get']['responses'][200]['content']['application/json'][number];

/** Who may accept or decline (the route policy's SUPERVISION); the API still decides. */
const DECIDERS: Role[] = ['supervisor', 'agency_admin'];

const TONE = {
  pending: 'warn',
  accepted: 'ok',
  declined: 'neutral',
  withdrawn: 'neutral',
} as const;

/** Referrals the agency received (to accept or decline) and sent (read-only records). */
export function ReferralsPage() {
  const [value, reload] = useApi(() => api.GET('/api/referrals'), []);
  const [notice, setNotice] = useState<string | undefined>();
  const done = (message: string) => {
    setNotice(message);
    reload();
  };
  return (
    <section aria-labelledby="referrals-title">
      <h1 id="referrals-title">Referrals</h1>
      <p className="muted">
        Cases referred between agencies. A received referral is accepted (your agency gets a case of
        its own) or declined with a reason; a sent one can be withdrawn while it is pending. Either
        way the sender&apos;s case returns to its earlier state. The lead package is the one sent,
        frozen at referral time: its SHA-256 is shown on both sides.
      </p>
      {notice ? (
        <p className="callout" role="status">
          {notice}
        </p>
      ) : null}
      <Loaded value={value}>
        {(all) => (
          <>
            <h2 id="received-title">Received</h2>
            <ReferralList
              labelledBy="received-title"
              referrals={all.filter((r) => r.direction === 'incoming')}
              onChange={done}
            />
            <h2 id="sent-title">Sent</h2>
            <ReferralList
              labelledBy="sent-title"
              referrals={all.filter((r) => r.direction === 'outgoing')}
              onChange={done}
            />
          </>
        )}
      </Loaded>
    </section>
  );
}

function ReferralList(props: {
  labelledBy: string;
  referrals: Referral[];
  onChange: (message: string) => void;
}) {
  if (props.referrals.length === 0) return <p className="muted">None.</p>;
  return (
    <ul className="cards" aria-labelledby={props.labelledBy}>
      {props.referrals.map((r) => (
        <li key={r.id} className="card" data-testid={`referral-${r.direction}`}>
          <ReferralCard referral={r} onChange={props.onChange} />
        </li>
      ))}
    </ul>
  );
}

function ReferralCard({
  referral: r,
  onChange,
}: {
  referral: Referral;
  onChange: (message: string) => void;
}) {
  const incoming = r.direction === 'incoming';
  const [checked, setChecked] = useState<string | undefined>();
  // The receiving agency reads the package while the referral is pending or accepted only.
  const canRead = !incoming || r.status === 'pending' || r.status === 'accepted';
  return (
    <>
      <h3>
        {r.caseReference}: {r.caseTitle}{' '}
        <Badge tone={TONE[r.status]}>
          <span data-testid="referral-status">{r.status}</span>
        </Badge>
      </h3>
      <dl className="facts compact">
        <div>
          <dt>{incoming ? 'From' : 'To'}</dt>
          <dd className="mono">{incoming ? r.fromOrganisation : r.toOrganisation}</dd>
        </div>
        <div>
          <dt>Referred</dt>
          <dd>{effectiveText(r.effectiveAt, r.createdAt)}</dd>
        </div>
        {r.decidedAt ? (
          <div>
            <dt>{r.status === 'withdrawn' ? 'Withdrawn' : 'Decided'}</dt>
            <dd>{effectiveText(r.decisionEffectiveAt ?? r.decidedAt, r.decidedAt)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Discloses</dt>
          <dd>{fieldsText(r.fieldScope)}</dd>
        </div>
        {r.packageSha256 ? (
          <div>
            <dt>Package SHA-256</dt>
            <dd className="mono small digest" data-testid="package-sha256">
              {r.packageSha256}
            </dd>
          </div>
        ) : null}
      </dl>
      <p>
        <strong>Reason:</strong> {r.reason}
      </p>
      {r.decisionReason ? (
        <p>
          <strong>{r.status === 'withdrawn' ? 'Withdrawn because:' : 'Declined because:'}</strong>{' '}
          {r.decisionReason}
        </p>
      ) : null}
      <div className="actions">
        {canRead ? (
          <ReferralPackageDownload
            referralId={r.id}
            caseReference={r.caseReference}
            onChecked={setChecked}
          />
        ) : (
          <p className="muted small">The package is no longer open to your agency.</p>
        )}
        {r.receivedCaseId ? (
          <>
            <Link href={`/cases/${r.receivedCaseId}`}>Open our case</Link>
            <CasePackageDownload caseId={r.receivedCaseId} reference={r.caseReference} />
          </>
        ) : null}
      </div>
      {checked ? (
        <p className="small" role="status">
          {checked}
        </p>
      ) : null}
      {incoming && canRead ? (
        <PackageView referralId={r.id} caseReference={r.caseReference} />
      ) : null}
      {incoming && r.status === 'pending' ? <Decide referral={r} onDone={onChange} /> : null}
      {!incoming && r.status === 'pending' ? <Withdraw referral={r} onDone={onChange} /> : null}
    </>
  );
}

/** The sending agency takes back a pending referral, with a reason (its case reopens here). */
function Withdraw({
  referral: r,
  onDone,
}: {
  referral: Referral;
  onDone: (message: string) => void;
}) {
  const [outcome, setOutcome] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  async function withdraw(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const reason = fieldText(form, 'reason').trim();
    if (!window.confirm(`Withdraw the referral of ${r.caseReference}?`)) return;
    setBusy(true);
    const { data, error } = await api.POST('/api/referrals/{id}/withdraw', {
      params: { path: { id: r.id } },
      body: { reason, ...effectiveAtOf(form.get('effectiveAt')) },
    });
    setBusy(false);
    if (data) onDone(`Withdrew ${r.caseReference}: the case is open here again.`);
    else setOutcome(errorMessage(error, 'Withdrawing failed'));
  }
  return (
    <div className="decide">
      <form className="filters" onSubmit={(e) => void withdraw(e)} aria-label="Withdraw">
        <label>
          Reason for withdrawing
          <input name="reason" required maxLength={1000} size={40} />
        </label>
        <EffectiveDateField id="withdraw" />
        <button type="submit" className="secondary" disabled={busy}>
          Withdraw<span className="visually-hidden"> {r.caseReference}</span>
        </button>
      </form>
      <ErrorLine message={outcome} />
    </div>
  );
}

/** Accept, or decline with a reason: for supervisors and agency administrators. */
function Decide({
  referral: r,
  onDone,
}: {
  referral: Referral;
  onDone: (message: string) => void;
}) {
  const { me } = useSession();
  const [outcome, setOutcome] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [effective, setEffective] = useState('');
  if (!hasAnyRole(me, DECIDERS)) {
    return <p className="muted small">A supervisor or agency administrator decides.</p>;
  }
  const path = { params: { path: { id: r.id } } };
  async function accept() {
    if (!window.confirm(`Accept the referral of ${r.caseReference}?`)) return;
    setBusy(true);
    const { data, error } = await api.POST('/api/referrals/{id}/accept', {
      ...path,
      body: effectiveAtOf(effective),
    });
    setBusy(false);
    if (data) onDone(`Accepted ${r.caseReference}: your case ${data.reference} is open.`);
    else setOutcome(errorMessage(error, 'Accepting failed'));
  }
  async function decline(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    const { data, error } = await api.POST('/api/referrals/{id}/decline', {
      ...path,
      body: {
        reason: fieldText(new FormData(e.currentTarget), 'reason').trim(),
        ...effectiveAtOf(effective),
      },
    });
    setBusy(false);
    if (data) onDone(`Declined ${r.caseReference}.`);
    else setOutcome(errorMessage(error, 'Declining failed'));
  }
  return (
    <div className="decide">
      <EffectiveDateField id="decide" value={effective} onChange={setEffective} />
      <button type="button" disabled={busy} onClick={() => void accept()}>
        Accept<span className="visually-hidden"> {r.caseReference}</span>
      </button>
      <form className="filters" onSubmit={(e) => void decline(e)} aria-label="Decline">
        <label>
          Reason for declining
          <input name="reason" required maxLength={1000} size={40} />
        </label>
        <button type="submit" className="secondary" disabled={busy}>
          Decline<span className="visually-hidden"> {r.caseReference}</span>
        </button>
      </form>
      <ErrorLine message={outcome} />
    </div>
  );
}
