import { Fragment, useState } from 'react';
import { api, errorMessage } from '../api/client';
import { useApi } from '../api/use-api';
import { Badge, Loaded } from '../components/common';
import { formatDateTime } from '../format';
import { hasAnyRole, useSession, type Role } from '../session';
import { CreateUser, EditRoles } from './users-admin';

/** Who may act on accounts: mirrors the route policy; the core still applies R6 to every call. */
const ADMINS: Role[] = ['agency_admin', 'system_admin'];

type Outcome =
  | { kind: 'error'; message: string }
  | { kind: 'done'; message: string }
  | { kind: 'secret'; username: string; totpSecret?: string; temporaryPassword?: string };

/** After a reset, until the user has chosen a password and enrolled an authenticator. */
const resetPending = (u: { mustChangePassword: boolean; isTotpEnrolled: boolean }) =>
  u.mustChangePassword || !u.isTotpEnrolled;

/** Accounts the caller may see (administrators, supervisors, auditors); administrators act on them. */
export function UsersPage() {
  const { me } = useSession();
  const isAdmin = hasAnyRole(me, ADMINS);
  const [value, reload] = useApi(() => api.GET('/api/users'), []);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [editing, setEditing] = useState<string | undefined>();
  const failed = (message: string) => setOutcome({ kind: 'error', message });

  async function act(
    username: string,
    what: string,
    call: () => Promise<{ data?: unknown; error?: unknown }>,
  ) {
    if (!window.confirm(`${what} for ${username}?`)) return;
    const { data, error } = await call();
    if (!data) {
      setOutcome({ kind: 'error', message: errorMessage(error, `${what} failed`) });
      return;
    }
    const secret = data as { totpSecret?: string; temporaryPassword?: string };
    setOutcome(
      secret.totpSecret || secret.temporaryPassword
        ? { kind: 'secret', username, ...secret }
        : { kind: 'done', message: `${what}: done for ${username}.` },
    );
    reload();
  }

  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">Users</h1>
      <p className="muted">
        Accounts of your organisation.{' '}
        {isAdmin
          ? 'New credentials are shown once here: hand them over in person.'
          : 'Administrators manage them.'}
      </p>
      {isAdmin ? (
        <CreateUser
          onError={failed}
          onCreated={(c) => {
            setOutcome({ kind: 'secret', username: c.username, totpSecret: c.totpSecret });
            reload();
          }}
        />
      ) : null}
      {outcome?.kind === 'error' ? (
        <p className="error" role="alert">
          {outcome.message}
        </p>
      ) : outcome?.kind === 'done' ? (
        <p className="callout" role="status">
          {outcome.message}
        </p>
      ) : outcome?.kind === 'secret' ? (
        <div className="callout" role="status" data-testid="one-time-secret">
          <p>
            New credentials for <strong>{outcome.username}</strong>, shown once: hand them over in
            person.
          </p>
          {outcome.totpSecret ? (
            <p>
              TOTP secret <code>{outcome.totpSecret}</code>
            </p>
          ) : null}
          {outcome.temporaryPassword ? (
            <>
              <p>
                Temporary password <code>{outcome.temporaryPassword}</code>
              </p>
              <p className="small">
                At the next sign-in (with this password and no code) they choose a new password and
                enrol a new authenticator; until then the account can do nothing else.
              </p>
            </>
          ) : null}
        </div>
      ) : null}
      <Loaded value={value}>
        {(users) => (
          <table>
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Name</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
                <th scope="col">Last sign-in</th>
                {isAdmin ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {users.map((u) => {
                const path = { params: { path: { id: u.id } } };
                return (
                  <Fragment key={u.id}>
                    <tr>
                      <td className="mono">{u.username}</td>
                      <td>{u.displayName}</td>
                      <td>{u.roles.join(', ').replaceAll('_', ' ')}</td>
                      <td>
                        <Badge tone={u.status === 'active' ? 'ok' : 'neutral'}>{u.status}</Badge>{' '}
                        {u.isLocked ? <Badge tone="warn">locked</Badge> : null}{' '}
                        {u.isDemo ? <Badge tone="info">demo</Badge> : null}{' '}
                        {resetPending(u) ? <Badge tone="warn">reset pending</Badge> : null}
                      </td>
                      <td>{formatDateTime(u.lastLoginAt)}</td>
                      {isAdmin ? (
                        <td>
                          <div className="actions">
                            {u.id === me.userId ? <span className="muted small">you</span> : null}
                            {u.allowedActions.includes('roles') ? (
                              <button
                                type="button"
                                className="secondary small"
                                aria-expanded={editing === u.id}
                                onClick={() => setEditing(editing === u.id ? undefined : u.id)}
                              >
                                Edit roles
                                <span className="visually-hidden"> of {u.username}</span>
                              </button>
                            ) : null}
                            {u.isLocked && u.allowedActions.includes('unlock') ? (
                              <button
                                type="button"
                                className="secondary small"
                                onClick={() =>
                                  void act(u.username, 'Unlock', () =>
                                    api.POST('/api/users/{id}/unlock', path),
                                  )
                                }
                              >
                                Unlock<span className="visually-hidden"> {u.username}</span>
                              </button>
                            ) : null}
                            {u.allowedActions.includes('reset') ? (
                              <button
                                type="button"
                                className="secondary small"
                                onClick={() =>
                                  void act(u.username, 'Reset the password and authenticator', () =>
                                    api.POST('/api/users/{id}/password-reset', path),
                                  )
                                }
                              >
                                Reset sign-in
                                <span className="visually-hidden"> of {u.username}</span>
                              </button>
                            ) : null}
                            {u.status === 'active' && u.allowedActions.includes('disable') ? (
                              <button
                                type="button"
                                className="secondary small"
                                onClick={() =>
                                  void act(u.username, 'Disable the account', () =>
                                    api.POST('/api/users/{id}/disable', path),
                                  )
                                }
                              >
                                Disable<span className="visually-hidden"> {u.username}</span>
                              </button>
                            ) : null}
                          </div>
                        </td>
                      ) : null}
                    </tr>
                    {editing === u.id && u.allowedActions.includes('roles') ? (
                      <tr>
                        <td colSpan={6}>
                          <EditRoles
                            user={u}
                            onCancel={() => setEditing(undefined)}
                            onError={failed}
                            onSaved={(message) => {
                              setEditing(undefined);
                              setOutcome({ kind: 'done', message });
                              reload();
                            }}
                          />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        )}
      </Loaded>
    </section>
  );
}
