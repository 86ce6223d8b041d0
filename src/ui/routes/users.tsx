import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { Badge, Loaded } from '../components/common';
import { formatDateTime } from '../format';

/** Accounts the caller may see (administrators, supervisors, auditors). */
export function UsersPage() {
  const [value] = useApi(() => api.GET('/api/users'), []);
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">Users</h1>
      <p className="muted">
        Accounts of your organisation. Role changes, MFA and password resets are made through the
        API or <code>vigil users</code>.
      </p>
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
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td className="mono">{u.username}</td>
                  <td>{u.displayName}</td>
                  <td>{u.roles.join(', ').replaceAll('_', ' ')}</td>
                  <td>
                    <Badge tone={u.status === 'active' ? 'ok' : 'neutral'}>{u.status}</Badge>{' '}
                    {u.isLocked ? <Badge tone="warn">locked</Badge> : null}{' '}
                    {u.isDemo ? <Badge tone="info">demo</Badge> : null}
                  </td>
                  <td>{formatDateTime(u.lastLoginAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </section>
  );
}
