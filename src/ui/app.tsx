import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { api, onDemoHeader, onSignedOut } from './api/client';
import { Footer } from './components/footer';
import { IDLE_LOCK_MS, useIdleLock } from './idle';
import { Link, navigate, useLocation } from './router';
import { SignInPage, type Setup } from './routes/sign-in';
import { SCREENS } from './screens';
import { hasAnyRole, SessionContext, type Me, type Organisation } from './session';

type State =
  | { kind: 'checking' }
  | { kind: 'signed-out'; reason?: string }
  /** Signed in, but the password must change or TOTP be enrolled before anything else. */
  | { kind: 'setup'; setup: Setup }
  | { kind: 'signed-in'; me: Me; organisation: Organisation | undefined };

export function App() {
  const [state, setState] = useState<State>({ kind: 'checking' });
  const [demo, setDemo] = useState<string | null>(null);

  const loadMe = useCallback(async (reason?: string) => {
    const { data } = await api.GET('/api/auth/me');
    if (!data) {
      setState({ kind: 'signed-out', ...(reason ? { reason } : {}) });
      return;
    }
    if (data.mustChangePassword || data.mustEnrolTotp) {
      const { mustChangePassword, mustEnrolTotp } = data;
      setState({ kind: 'setup', setup: { mustChangePassword, mustEnrolTotp } });
      return;
    }
    const org = await api.GET('/api/organisations/{id}', {
      params: { path: { id: data.organisationId } },
    });
    setState({ kind: 'signed-in', me: data, organisation: org.data });
  }, []);

  useEffect(() => {
    void loadMe();
    const offDemo = onDemoHeader(setDemo);
    const offSignedOut = onSignedOut(() =>
      setState((s) =>
        s.kind === 'signed-in'
          ? { kind: 'signed-out', reason: 'Your session has ended. Sign in again to continue.' }
          : s,
      ),
    );
    return () => {
      offDemo();
      offSignedOut();
    };
  }, [loadMe]);

  const signOut = useCallback((reason?: string) => {
    void api.POST('/api/auth/logout').finally(() => {
      setState({ kind: 'signed-out', ...(reason ? { reason } : {}) });
    });
  }, []);
  const lock = useCallback(
    () =>
      signOut(
        `Locked after ${IDLE_LOCK_MS / 60_000} minutes without activity. Sign in again to continue.`,
      ),
    [signOut],
  );
  useIdleLock(state.kind === 'signed-in', lock);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {demo ? (
        <div className="demo-banner" role="note" data-testid="demo-banner">
          <strong>Demo</strong> — {demo}
        </div>
      ) : null}
      {state.kind === 'checking' ? (
        <main id="main" className="page" aria-busy="true">
          <p className="muted">Loading…</p>
        </main>
      ) : state.kind === 'signed-out' ? (
        <SignInPage reason={state.reason} onSignedIn={() => void loadMe()} />
      ) : state.kind === 'setup' ? (
        <SignInPage reason={undefined} setup={state.setup} onSignedIn={() => void loadMe()} />
      ) : (
        <SessionContext.Provider
          value={{ me: state.me, organisation: state.organisation, signOut: () => signOut() }}
        >
          <Shell me={state.me} organisation={state.organisation} onSignOut={() => signOut()} />
        </SessionContext.Provider>
      )}
      <Footer />
    </>
  );
}

function Shell(props: { me: Me; organisation: Organisation | undefined; onSignOut: () => void }) {
  const { path } = useLocation();
  const screens = SCREENS.filter((s) => hasAnyRole(props.me, s.roles));
  const home = screens.find((s) => s.nav)?.nav?.href ?? '/';
  useEffect(() => {
    if (path === '/' && home !== '/') navigate(home, { replace: true });
  }, [path, home]);
  let page: ReactNode;
  let title = 'Not found';
  for (const s of screens) {
    page = s.render(path);
    if (page) {
      title = s.title;
      break;
    }
  }
  // Each page has its own title, and a screen reader starts reading at the new page's content.
  useEffect(() => {
    document.title = `${title} · Vigil`;
  }, [title]);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [path]);
  return (
    <>
      <header className="topbar">
        <Link href={home} className="brand" aria-label="Vigil home">
          Vigil
        </Link>
        <nav aria-label="Main">
          <ul>
            {screens
              .filter((s) => s.nav)
              .map((s) => (
                <li key={s.nav!.href}>
                  <Link
                    href={s.nav!.href}
                    aria-current={path.startsWith(s.nav!.href) ? 'page' : undefined}
                  >
                    {s.nav!.label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <div className="whoami">
          <span>
            {props.organisation ? `${props.organisation.name} (${props.organisation.code})` : ''}
            <span className="muted"> · {props.me.roles.join(', ').replaceAll('_', ' ')}</span>
          </span>
          <button type="button" className="secondary" onClick={props.onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {page ?? (
          <section>
            <h1>Not found</h1>
            <p>There is no page at this address, or it is not open to your role.</p>
          </section>
        )}
      </main>
    </>
  );
}
