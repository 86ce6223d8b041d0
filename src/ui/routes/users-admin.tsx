import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../api/client';
import type { paths } from '../api/schema.gen';
import { useApi } from '../api/use-api';
import { fieldText } from '../format';
import { hasAnyRole, useSession, type Role } from '../session';

type UserRole =
  paths['/api/users']['post']['requestBody']['content']['application/json']['roles'][number];

/**
 * Every role the API knows, in the order an administrator thinks of them. A record keyed by the
 * API's role type, so the compiler flags a role added to the API and missing here (or the reverse).
 */
const ROLE_ORDER: Record<UserRole, true> = {
  analyst: true,
  investigator: true,
  supervisor: true,
  agency_admin: true,
  coordinator: true,
  auditor: true,
  partner_caseworker: true,
  system_admin: true,
};
export const ALL_ROLES = Object.keys(ROLE_ORDER) as UserRole[];

const label = (r: string) => r.replaceAll('_', ' ');

function RoleChecks(props: { name: string; chosen: readonly string[]; legend: string }) {
  const { me } = useSession();
  // Only a system administrator grants system_admin and auditor (separation of duties: the API
  // refuses them to others, and refuses auditor together with an administrator role to anyone).
  const offered = hasAnyRole(me, ['system_admin'] as Role[])
    ? ALL_ROLES
    : ALL_ROLES.filter((r) => r !== 'system_admin' && r !== 'auditor');
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <div className="checks">
        {offered.map((r) => (
          <label key={r} className="check">
            <input
              type="checkbox"
              name={props.name}
              value={r}
              defaultChecked={props.chosen.includes(r)}
            />
            {label(r)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const rolesOf = (form: FormData, name: string) =>
  form.getAll(name).filter((v): v is UserRole => ALL_ROLES.includes(v as UserRole));

export type Created = { username: string; totpSecret: string };

/**
 * A new account (POST /api/users): in the caller's organisation, or for a system administrator
 * any visible one. The initial password is the administrator's to hand over; the TOTP secret is
 * shown once by the page.
 */
export function CreateUser(props: {
  onCreated: (c: Created) => void;
  onError: (message: string) => void;
}) {
  const { me, organisation } = useSession();
  const [orgs] = useApi(() => api.GET('/api/organisations'), []);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const choices = orgs.state === 'ready' ? orgs.data : [];
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const roles = rolesOf(form, 'role');
    if (roles.length === 0) {
      props.onError('Choose at least one role.');
      return;
    }
    setBusy(true);
    const { data, error } = await api.POST('/api/users', {
      body: {
        organisationId: fieldText(form, 'organisation') || organisation?.id || me.organisationId,
        username: fieldText(form, 'username').trim(),
        displayName: fieldText(form, 'displayName').trim(),
        password: fieldText(form, 'password'),
        roles,
      },
    });
    setBusy(false);
    if (data) {
      setOpen(false);
      props.onCreated({ username: data.user.username, totpSecret: data.totpSecret });
    } else props.onError(errorMessage(error, 'Creating the account failed'));
  }
  if (!open) {
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          New account
        </button>
      </p>
    );
  }
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby="new-user">
      <h2 id="new-user">New account</h2>
      <div className="filters">
        <label>
          Username
          <input
            name="username"
            required
            pattern="[a-z0-9][a-z0-9._\-]{2,63}"
            autoComplete="off"
            aria-describedby="username-hint"
          />
        </label>
        <label>
          Display name
          <input name="displayName" required maxLength={200} autoComplete="off" />
        </label>
        <label>
          Initial password
          <input name="password" type="password" required autoComplete="new-password" />
        </label>
        <label>
          Organisation
          <select name="organisation" defaultValue={me.organisationId}>
            {(choices.length > 0 ? choices : organisation ? [organisation] : []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.code})
              </option>
            ))}
          </select>
        </label>
      </div>
      <p id="username-hint" className="muted small">
        3 to 64 lower-case letters, digits, dots, dashes or underscores.
      </p>
      <RoleChecks name="role" chosen={[]} legend="Roles" />
      <div className="actions">
        <button type="submit" disabled={busy}>
          Create account
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Replaces an account's roles (PUT /api/users/{id}/roles); the API applies R6 and shows refusals. */
export function EditRoles(props: {
  user: { id: string; username: string; roles: readonly string[] };
  onSaved: (message: string) => void;
  onError: (message: string) => void;
  onCancel: () => void;
}) {
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const roles = rolesOf(new FormData(e.currentTarget), 'roles');
    if (roles.length === 0) {
      props.onError('An account keeps at least one role; disable it instead.');
      return;
    }
    setBusy(true);
    const { data, error } = await api.PUT('/api/users/{id}/roles', {
      params: { path: { id: props.user.id } },
      body: { roles },
    });
    setBusy(false);
    if (data) props.onSaved(`Roles of ${data.username}: ${data.roles.map(label).join(', ')}.`);
    else props.onError(errorMessage(error, 'Changing the roles failed'));
  }
  return (
    <form
      className="form"
      onSubmit={(e) => void submit(e)}
      aria-label={`Roles of ${props.user.username}`}
    >
      <RoleChecks
        name="roles"
        chosen={props.user.roles}
        legend={`Roles of ${props.user.username}`}
      />
      <div className="actions">
        <button type="submit" className="small" disabled={busy}>
          Save roles<span className="visually-hidden"> of {props.user.username}</span>
        </button>
        <button type="button" className="secondary small" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
