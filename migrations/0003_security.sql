-- Security core: tenants, accounts, sessions, API tokens, shares, the tamper-evident audit log and
-- the field-encryption key check value.

create table organisation (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('agency', 'partner')),
  code text not null unique,
  name text not null,
  jurisdiction text not null default '',
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);

create table app_user (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisation (id),
  username text not null unique,
  display_name text not null,
  roles text[] not null,
  password_hash text not null,
  password_changed_at timestamptz not null,
  totp_secret text not null,
  totp_last_step bigint,
  status text not null default 'active' check (status in ('active', 'disabled')),
  failed_logins integer not null default 0,
  first_failed_at timestamptz,
  locked_at timestamptz,
  is_demo boolean not null default false,
  last_login_at timestamptz,
  created_at timestamptz not null default now()
);
create index app_user_org_idx on app_user (organisation_id);

create table session (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  user_id uuid not null references app_user (id),
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  step_up_at timestamptz,
  ended_at timestamptz
);
create index session_user_idx on session (user_id) where ended_at is null;

create table api_token (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  user_id uuid not null references app_user (id),
  name text not null,
  scopes text[] not null,
  expires_at timestamptz not null,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);
create index api_token_user_idx on api_token (user_id);

-- Explicit shares: an owner organisation grants a recipient access to one object (object_id) or to
-- every object of a type (object_id null), for a legal basis, a field scope and until expires_at.
create table share (
  id uuid primary key default gen_random_uuid(),
  object_type text not null,
  object_id uuid,
  owner_organisation_id uuid not null references organisation (id),
  recipient_organisation_id uuid not null references organisation (id),
  access text not null default 'view' check (access in ('view', 'edit')),
  field_scope text[] not null default '{}',
  legal_basis text not null,
  granted_by uuid references app_user (id),
  expires_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  check (owner_organisation_id <> recipient_organisation_id)
);
create index share_recipient_idx on share (recipient_organisation_id, object_type);

-- The audit log. `entry` is the canonical JSON text that is hashed (text, never jsonb: jsonb
-- rewrites the bytes). hash = SHA-256(prev_hash || entry). The other columns copy fields of the
-- entry for filtering; `vigil audit verify` checks that they agree with the hashed text.
create table audit_log (
  seq bigint primary key check (seq > 0),
  entry text not null,
  prev_hash text not null,
  hash text not null unique,
  occurred_at timestamptz not null,
  action text not null,
  outcome text not null,
  actor_id uuid,
  organisation_id uuid
);
create index audit_log_org_idx on audit_log (organisation_id, seq);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();

-- A key check value for field-level encryption: its presence means encrypted data may exist, so
-- startup refuses without the right key.
create table encryption_key_check (
  id integer primary key check (id = 1),
  key_id text not null,
  check_value text not null,
  created_at timestamptz not null default now()
);

-- Defence in depth under PostgreSQL: an ordinary role that may append to the audit log but never
-- change it. Deployments connect as (or SET ROLE to) vigil_app. Skipped when the migrator may not
-- create roles; PGlite always connects as a superuser, so there only the trigger applies.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'vigil_app') then
    create role vigil_app nologin;
  end if;
  grant usage on schema public to vigil_app;
  grant select, insert, update, delete on all tables in schema public to vigil_app;
  revoke update, delete, truncate on audit_log from vigil_app;
  alter default privileges in schema public grant select, insert, update, delete on tables to vigil_app;
exception when insufficient_privilege or duplicate_object then
  raise notice 'vigil_app role not configured: %', sqlerrm;
end;
$$;
