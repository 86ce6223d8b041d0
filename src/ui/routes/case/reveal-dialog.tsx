import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../api/client';
import { fieldText, formatDateTime } from '../../format';
import { Dialog } from './dialog';
import { text, type Purpose } from './fields';
import { PurposeField } from './purpose-field';
import { errorCode } from './record-form';
import type { MaskedIdentity, RevealedIdentity } from './types';
import { ErrorLine } from '../../components/common';

type Reason = { caseReference: string; purpose: Purpose; text: string };

/**
 * Reveals one identity: asks for a justification, then the step-up (password and authenticator
 * code) when the API answers `step_up_required`, and shows what the API returned. The identity
 * lives only in this dialog's state: closing it (button or Esc) drops it, and the list stays masked.
 */
export function RevealDialog(props: {
  identity: MaskedIdentity;
  caseReference: string;
  onClose: () => void;
}) {
  const [reason, setReason] = useState<Reason | undefined>();
  const [needsStepUp, setNeedsStepUp] = useState(false);
  const [revealed, setRevealed] = useState<RevealedIdentity | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function reveal(justification: Reason) {
    const r = await api.POST('/api/identities/{id}/reveal', {
      params: { path: { id: props.identity.id } },
      body: { justification },
    });
    if (r.data) {
      setRevealed(r.data);
      setError(undefined);
    } else if (errorCode(r.error) === 'step_up_required') {
      setNeedsStepUp(true);
      setError(undefined);
    } else {
      setError(errorMessage(r.error, 'The identity could not be revealed'));
    }
  }

  const submitReason = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const justification: Reason = {
      caseReference: props.caseReference,
      purpose: text(form, 'purpose') as Purpose,
      text: text(form, 'reason'),
    };
    setReason(justification);
    setBusy(true);
    await reveal(justification).finally(() => setBusy(false));
  };

  const submitStepUp = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!reason) return;
    const form = new FormData(e.currentTarget);
    setBusy(true);
    try {
      const r = await api.POST('/api/auth/step-up', {
        body: { password: fieldText(form, 'password'), totp: text(form, 'totp') },
      });
      if (!r.response.ok) {
        setError(errorMessage(r.error, 'Re-authentication failed'));
        return;
      }
      setNeedsStepUp(false);
      await reveal(reason);
    } finally {
      setBusy(false);
    }
  };

  const i = props.identity;
  return (
    <Dialog title={`Reveal the subscriber on ${i.ip}`} onClose={props.onClose}>
      <p className="muted small">
        Observed {formatDateTime(i.observedAt)} · case {props.caseReference}. Revealing is audited
        with your reason.
      </p>
      {revealed ? (
        <dl className="revealed" data-testid="revealed-identity">
          <dt>Name</dt>
          <dd>{revealed.name}</dd>
          <dt>Installation address</dt>
          <dd>{revealed.installationAddress ?? '—'}</dd>
          <dt>Billing address</dt>
          <dd>{revealed.billingAddress ?? '—'}</dd>
          <dt>Contact</dt>
          <dd>{revealed.contact ?? '—'}</dd>
        </dl>
      ) : needsStepUp ? (
        <form
          className="form"
          onSubmit={(e) => void submitStepUp(e)}
          aria-label="Confirm it is you"
        >
          <p>Revealing needs a recent sign-in: confirm it is you.</p>
          <label>
            Password
            <input
              name="password"
              type="password"
              required
              autoComplete="current-password"
              autoFocus
            />
          </label>
          <label>
            Authenticator code
            <input
              name="totp"
              required
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
            />
          </label>
          <p>
            <button type="submit" disabled={busy}>
              Confirm and reveal
            </button>
          </p>
        </form>
      ) : (
        <form className="form" onSubmit={(e) => void submitReason(e)} aria-label="Reason">
          <PurposeField />
          <label>
            Reason for revealing (at least 10 characters)
            <textarea name="reason" required minLength={10} maxLength={1000} rows={3} />
          </label>
          <p>
            <button type="submit" disabled={busy}>
              Reveal
            </button>
          </p>
        </form>
      )}
      <ErrorLine message={error} />
      <p className="dialog-actions">
        <button type="button" className="secondary" onClick={props.onClose}>
          {revealed ? 'Close and mask' : 'Cancel'}
        </button>
      </p>
    </Dialog>
  );
}
