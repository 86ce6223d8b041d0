import { useEffect, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api/client';
import { fieldText } from '../format';
import { ErrorLine } from '../components/common';

/** What a session must do before anything else (GET /api/auth/me or the login answer). */
export type Setup = { mustChangePassword: boolean; mustEnrolTotp: boolean };

type Step =
  | { kind: 'sign-in'; message?: string }
  | { kind: 'password'; mustEnrolTotp: boolean }
  | { kind: 'totp' };

const stepOf = (setup: Setup): Step =>
  setup.mustChangePassword
    ? { kind: 'password', mustEnrolTotp: setup.mustEnrolTotp }
    : setup.mustEnrolTotp
      ? { kind: 'totp' }
      : { kind: 'sign-in' };

/**
 * Sign-in: the system-use notice, then username, password and a TOTP code. A session that must
 * first change its password (rotation, or a temporary password from an administrator's reset) and
 * enrol a new TOTP secret (after a reset) goes through those steps here before the app opens.
 */
export function SignInPage(props: {
  reason: string | undefined;
  setup?: Setup | undefined;
  onSignedIn: () => void;
}) {
  const [step, setStep] = useState<Step>(props.setup ? stepOf(props.setup) : { kind: 'sign-in' });
  if (step.kind === 'password') {
    return (
      <ChangePassword
        withCode={!step.mustEnrolTotp}
        onDone={() => (step.mustEnrolTotp ? setStep({ kind: 'totp' }) : props.onSignedIn())}
      />
    );
  }
  if (step.kind === 'totp') {
    return (
      <EnrolTotp
        onDone={() =>
          setStep({
            kind: 'sign-in',
            message:
              'Your authenticator is enrolled. Sign in with your new password and its next code.',
          })
        }
      />
    );
  }
  return (
    <SignInForm
      reason={step.message ?? props.reason}
      onSignedIn={(setup) =>
        setup.mustChangePassword || setup.mustEnrolTotp
          ? setStep(stepOf(setup))
          : props.onSignedIn()
      }
    />
  );
}

function SignInForm(props: { reason: string | undefined; onSignedIn: (setup: Setup) => void }) {
  const [notice, setNotice] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = 'Sign in · Vigil';
    void api.GET('/api/auth/notice').then((r) => setNotice(r.data?.notice));
  }, []);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = {
      username: fieldText(form, 'username'),
      password: fieldText(form, 'password'),
      totp: fieldText(form, 'totp').replace(/\s/g, ''),
    };
    setBusy(true);
    setError(undefined);
    const { data, error: err } = await api.POST('/api/auth/login', { body });
    setBusy(false);
    if (!data) {
      setError(errorMessage(err, 'Sign-in failed'));
      return;
    }
    props.onSignedIn({
      mustChangePassword: data.passwordExpired,
      mustEnrolTotp: data.mustEnrolTotp,
    });
  }

  return (
    <main id="main" className="page narrow">
      <h1>Sign in to Vigil</h1>
      {props.reason ? (
        <p className="callout" role="status">
          {props.reason}
        </p>
      ) : null}
      <section aria-labelledby="notice-title" className="notice">
        <h2 id="notice-title">System-use notice</h2>
        <p data-testid="system-use-notice">{notice ?? 'Loading the notice…'}</p>
      </section>
      <form onSubmit={(e) => void submit(e)} className="form" aria-describedby="notice-title">
        <label>
          Username
          <input name="username" autoComplete="username" required autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <label>
          Authenticator code
          <input
            name="totp"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]{6,8}"
            aria-describedby="totp-help"
          />
        </label>
        <p id="totp-help" className="muted small">
          The 6-digit code from your authenticator app. Leave it empty only when you sign in with a
          temporary password from an administrator: you then choose a new password and enrol a new
          authenticator.
        </p>
        <label className="check">
          <input name="accept" type="checkbox" required /> I have read the system-use notice and
          accept it.
        </label>
        <ErrorLine message={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

/** The new password (POST /api/auth/password): the session is rotated and carries on. */
function ChangePassword(props: { withCode: boolean; onDone: () => void }) {
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = 'Choose a new password · Vigil';
  }, []);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    if (fieldText(form, 'next') !== fieldText(form, 'repeat')) {
      setError('The two new passwords differ.');
      return;
    }
    setBusy(true);
    const { error: err, response } = await api.POST('/api/auth/password', {
      body: {
        currentPassword: fieldText(form, 'current'),
        newPassword: fieldText(form, 'next'),
        ...(props.withCode ? { totp: fieldText(form, 'totp').replace(/\s/g, '') } : {}),
      },
    });
    setBusy(false);
    if (response.status === 204) props.onDone();
    else setError(errorMessage(err, 'The password was not changed'));
  }
  return (
    <main id="main" className="page narrow">
      <h1>Choose a new password</h1>
      <form onSubmit={(e) => void submit(e)} className="form">
        <p>
          {props.withCode
            ? 'Your password has expired and must be changed before you continue.'
            : 'You signed in with a temporary password. Replace it with a password of your own; next you enrol your authenticator.'}
        </p>
        <label>
          {props.withCode ? 'Current password' : 'Temporary password'}
          <input name="current" type="password" autoComplete="current-password" required />
        </label>
        <label>
          New password
          <input
            name="next"
            type="password"
            autoComplete="new-password"
            required
            aria-describedby="new-password-help"
          />
        </label>
        <p id="new-password-help" className="muted small">
          8 characters or more; a passphrase of several words is best.
        </p>
        <label>
          Repeat the new password
          <input name="repeat" type="password" autoComplete="new-password" required />
        </label>
        {props.withCode ? (
          <label>
            Authenticator code
            <input
              name="totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]{6,8}"
              required
            />
          </label>
        ) : null}
        <ErrorLine message={error} />
        <button type="submit" disabled={busy}>
          Change password
        </button>
      </form>
    </main>
  );
}

/** A new TOTP secret, shown once, confirmed with a code from it; then the user signs in again. */
function EnrolTotp(props: { onDone: () => void }) {
  const [offer, setOffer] = useState<{ totpSecret: string; totpUri: string } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = 'Enrol your authenticator · Vigil';
    void api.POST('/api/auth/totp/enrolment').then(({ data, error: err }) => {
      if (data) setOffer(data);
      else setError(errorMessage(err, 'No authenticator secret could be offered'));
    });
  }, []);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const totp = fieldText(new FormData(e.currentTarget), 'totp').replace(/\s/g, '');
    setBusy(true);
    const { error: err, response } = await api.POST('/api/auth/totp/enrolment/confirm', {
      body: { totp },
    });
    setBusy(false);
    if (response.status === 204) props.onDone();
    else setError(errorMessage(err, 'The code was not accepted'));
  }
  return (
    <main id="main" className="page narrow">
      <h1>Enrol your authenticator</h1>
      {offer ? (
        <form onSubmit={(e) => void submit(e)} className="form">
          <p>Add a new entry to your authenticator app with this secret. It is shown only now.</p>
          <p>
            Secret <code data-testid="totp-secret">{offer.totpSecret}</code>
          </p>
          <p className="small">
            Or the enrolment address{' '}
            <code className="secret-uri" data-testid="totp-uri">
              {offer.totpUri}
            </code>
          </p>
          <label>
            Code from the new entry
            <input
              name="totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]{6,8}"
              required
            />
          </label>
          <ErrorLine message={error} />
          <button type="submit" disabled={busy}>
            Confirm enrolment
          </button>
        </form>
      ) : (
        <>
          <ErrorLine message={error} />
          {error ? null : <p className="muted">Preparing a secret…</p>}
        </>
      )}
    </main>
  );
}
