-- Referrals end, and shares of a case honour their field scope (docs/INVESTIGATIONS.md,
-- "Referrals and lead packages" and "Field scope").
--
-- A referral is pending until the receiving agency accepts or declines it, or the sending agency
-- withdraws it. decided_by/decided_at/decision_reason record whoever ended the pending state.
alter table referral drop constraint referral_status_check;
alter table referral add constraint referral_status_check
  check (status in ('pending', 'accepted', 'declined', 'withdrawn'));

-- At most one live referral per case: a referred case is read-only until the referral ends.
create unique index referral_live_idx on referral (case_id) where status in ('pending', 'accepted');

-- What the referral discloses (the case field scope, always with 'summary') and the lead package
-- as sent: frozen at referral time. package_sealed is the exact JSON text, sealed with the field
-- key ('plain:' + the text when no key is configured); package_sha256 is the SHA-256 of that
-- text's UTF-8 bytes, which the receiving agency can check.
-- Existing referrals get the default scope (never identities or notes) and no package: their
-- package is frozen from the referring case (read-only since the referral) on its first read, and
-- package_frozen_at records when.
alter table referral add column field_scope text[];
update referral
set field_scope = array['summary', 'subjects', 'workflow', 'authorities', 'evidence', 'warrants',
  'outcomes', 'tasks'];
alter table referral alter column field_scope set not null;
alter table referral add constraint referral_field_scope_check check (
  'summary' = any(field_scope)
  and field_scope <@ array['summary', 'subjects', 'workflow', 'authorities', 'identities',
    'evidence', 'warrants', 'outcomes', 'tasks', 'notes']::text[]
);
alter table referral add column package_sealed text;
alter table referral add column package_sha256 text check (package_sha256 ~ '^[0-9a-f]{64}$');
alter table referral add column package_frozen_at timestamptz;
alter table referral add constraint referral_package_check check (
  (package_sealed is null) = (package_sha256 is null)
  and (package_sealed is null) = (package_frozen_at is null)
);

-- Case shares: the scope now filters every view and export of the case. Before, it was stored but
-- not applied (a recipient saw everything). A case share that names no known field gets the
-- default scope, which leaves out identities and notes: those are shared only where named. Every
-- case share keeps only the known fields it names, with 'summary', in vocabulary order (the form
-- the application stores).
update share
set field_scope = array['summary', 'subjects', 'workflow', 'authorities', 'evidence', 'warrants',
  'outcomes', 'tasks']
where object_type = 'case'
  and not (field_scope && array['summary', 'subjects', 'workflow', 'authorities', 'identities',
    'evidence', 'warrants', 'outcomes', 'tasks', 'notes']::text[]);
update share
set field_scope = array(
  select v.f
  from unnest(array['summary', 'subjects', 'workflow', 'authorities', 'identities', 'evidence',
    'warrants', 'outcomes', 'tasks', 'notes']) with ordinality as v(f, n)
  where v.f = 'summary' or v.f = any(share.field_scope)
  order by v.n
)
where object_type = 'case';
alter table share add constraint share_case_field_scope_check check (
  object_type <> 'case'
  or field_scope <@ array['summary', 'subjects', 'workflow', 'authorities', 'identities',
    'evidence', 'warrants', 'outcomes', 'tasks', 'notes']::text[]
);
