-- Separation of duties and credential resets (docs/SECURITY.md, R6 to R9).

-- An auditor is never an administrator (R6). Accounts that held both keep their administrator role
-- and lose `auditor` (removing the administrator role could leave an installation without one);
-- a system administrator grants `auditor` to a separate account. The constraint then holds for
-- every later insert and update, whatever the caller.
update app_user
set roles = array_remove(roles, 'auditor')
where 'auditor' = any (roles) and roles && array['agency_admin', 'system_admin']::text[];
alter table app_user add constraint app_user_auditor_not_admin
  check (not ('auditor' = any (roles) and roles && array['agency_admin', 'system_admin']::text[]));

-- An administrator's reset sets a temporary password (must_change_password) and clears the TOTP
-- secret (null: not enrolled). The next sign-in, with the temporary password alone, opens a session
-- of purpose 'credentials' that can only choose a new password and enrol a new TOTP secret
-- (totp_pending_secret, sealed like totp_secret, until a code from it is confirmed).
alter table app_user add column must_change_password boolean not null default false;
alter table app_user alter column totp_secret drop not null;
alter table app_user add column totp_pending_secret text;
alter table session add column purpose text not null default 'full'
  check (purpose in ('full', 'credentials'));
