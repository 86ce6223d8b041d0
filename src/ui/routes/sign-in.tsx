import { useEffect, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api/client';
import { fieldText } from '../format';
import { ErrorLine } from '../components/common';

/** Sign-in: the system-use notice, then username, password and a TOTP code. */
export function SignInPage(props: { reason: string | undefined; onSignedIn: () => void }) {
  const [notice, setNotice] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [expired, setExpired] = useState(false);

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
    if (!data) setError(errorMessage(err, 'Sign-in failed'));
    else if (data.passwordExpired) setExpired(true);
    else props.onSignedIn();
  }

  if (expired) return <ChangePassword onDone={props.onSignedIn} />;
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
            required
            aria-describedby="totp-help"
          />
        </label>
        <p id="totp-help" className="muted small">
          The 6-digit code from your authenticator app.
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

function ChangePassword(props: { onDone: () => void }) {
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const { error: err, response } = await api.POST('/api/auth/password', {
      body: {
        currentPassword: fieldText(form, 'current'),
        newPassword: fieldText(form, 'next'),
      },
    });
    if (response.status === 204) setDone(true);
    else setError(errorMessage(err, 'The password was not changed'));
  }
  return (
    <main id="main" className="page narrow">
      <h1>Change your password</h1>
      {done ? (
        <>
          <p role="status">Password changed. Sign in with the new password.</p>
          <button type="button" onClick={props.onDone}>
            Back to sign-in
          </button>
        </>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="form">
          <p>Your password has expired and must be changed before you continue.</p>
          <label>
            Current password
            <input name="current" type="password" autoComplete="current-password" required />
          </label>
          <label>
            New password
            <input name="next" type="password" autoComplete="new-password" required />
          </label>
          <ErrorLine message={error} />
          <button type="submit">Change password</button>
        </form>
      )}
    </main>
  );
}
