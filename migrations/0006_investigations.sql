-- Investigations (issue 8): cases and their workflow, legal authority, subscriber identities,
-- warrants, arrests, charges, victims, evidence references, notes, tasks and referrals.
-- Order types and offences are DATA (seeded here, maintained by later migrations), not code.

-- Kinds of legal authority (Criminal Code of Canada, Part XV). A new power (a lawful-access bill
-- once in force) is one more row. `authorizes_identity`: may a subscriber identity be recorded
-- under an authority of this type (a preservation demand keeps data; it does not disclose it).
create table legal_authority_type (
  code text primary key check (code ~ '^[a-z0-9_]{2,60}$'),
  category text not null check (category in ('preservation', 'production', 'warrant', 'other')),
  statute text not null,
  label text not null,
  default_validity_days integer check (default_validity_days > 0),
  authorizes_identity boolean not null default false,
  in_force_from date not null,
  in_force_to date
);
insert into legal_authority_type
  (code, category, statute, label, default_validity_days, authorizes_identity, in_force_from)
values
  ('preservation_demand', 'preservation', 'Criminal Code s. 487.012', 'Preservation demand', 21, false, '2015-03-10'),
  ('preservation_demand_foreign', 'preservation', 'Criminal Code s. 487.012(3)(b)', 'Preservation demand (foreign offence)', 90, false, '2015-03-10'),
  ('preservation_order', 'preservation', 'Criminal Code s. 487.013', 'Preservation order', 90, false, '2015-03-10'),
  ('production_order', 'production', 'Criminal Code s. 487.014', 'General production order', null, true, '2015-03-10'),
  ('production_order_tracing', 'production', 'Criminal Code s. 487.015', 'Production order to trace specified communication', null, true, '2015-03-10'),
  ('production_order_transmission', 'production', 'Criminal Code s. 487.016', 'Production order for transmission data', null, false, '2015-03-10'),
  ('production_order_tracking', 'production', 'Criminal Code s. 487.017', 'Production order for tracking data', null, false, '2015-03-10'),
  ('search_warrant', 'warrant', 'Criminal Code s. 487', 'Search warrant', null, false, '1985-12-12'),
  ('general_warrant', 'warrant', 'Criminal Code s. 487.01', 'General warrant', null, false, '1993-08-01'),
  ('telewarrant', 'warrant', 'Criminal Code s. 487.1', 'Telewarrant', null, false, '1985-12-12');

-- Offences, one row per wording: a label change is a new row from its date in force. s. 163.1's
-- "child pornography" became "child sexual abuse and exploitation material" (Bill C-291, S.C. 2024,
-- in force 10 October 2025).
create table offence (
  code text not null check (code ~ '^[a-z0-9_.()-]{2,40}$'),
  section text not null,
  label text not null,
  in_force_from date not null,
  in_force_to date,
  primary key (code, in_force_from),
  check (in_force_to is null or in_force_to > in_force_from)
);
insert into offence (code, section, label, in_force_from, in_force_to) values
  ('cc163.1(2)', 's. 163.1(2)', 'Making child pornography', '1993-08-01', '2025-10-10'),
  ('cc163.1(2)', 's. 163.1(2)', 'Making child sexual abuse and exploitation material', '2025-10-10', null),
  ('cc163.1(3)', 's. 163.1(3)', 'Distribution of child pornography', '1993-08-01', '2025-10-10'),
  ('cc163.1(3)', 's. 163.1(3)', 'Distribution of child sexual abuse and exploitation material', '2025-10-10', null),
  ('cc163.1(4)', 's. 163.1(4)', 'Possession of child pornography', '1993-08-01', '2025-10-10'),
  ('cc163.1(4)', 's. 163.1(4)', 'Possession of child sexual abuse and exploitation material', '2025-10-10', null),
  ('cc163.1(4.1)', 's. 163.1(4.1)', 'Accessing child pornography', '2002-07-23', '2025-10-10'),
  ('cc163.1(4.1)', 's. 163.1(4.1)', 'Accessing child sexual abuse and exploitation material', '2025-10-10', null),
  ('cc151', 's. 151', 'Sexual interference', '1988-01-01', null),
  ('cc152', 's. 152', 'Invitation to sexual touching', '1988-01-01', null),
  ('cc172.1', 's. 172.1', 'Luring a child', '2002-07-23', null),
  ('cc172.2', 's. 172.2', 'Agreement or arrangement: sexual offence against a child', '2012-08-09', null),
  ('cc271', 's. 271', 'Sexual assault', '1983-01-04', null),
  ('cc162.1', 's. 162.1', 'Publication of an intimate image without consent', '2015-03-10', null),
  ('cc286.1(2)', 's. 286.1(2)', 'Obtaining sexual services of a person under 18', '2014-12-06', null);

-- A case, owned by one organisation. `state` is the workflow's current state; every change is a
-- row of case_event, which the unit report reads.
create table investigation_case (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisation (id),
  reference text not null,
  title text not null,
  state text not null check (state in ('lead', 'assessed', 'legal_process_requested',
    'subscriber_identified', 'warrant_sought', 'warrant_executed', 'charged', 'closed', 'referred_out')),
  disposition text check (disposition in ('charged', 'referred', 'no_offence',
    'insufficient_evidence', 'diverted_to_counselling')),
  source_kind text not null check (source_kind in ('subjects', 'cybertip', 'referral')),
  cybertip_report_id text,
  investigator_id uuid references app_user (id),
  supervisor_id uuid references app_user (id),
  anonymiser_explanation text,
  received_at timestamptz not null,
  created_by uuid references app_user (id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (organisation_id, reference),
  check ((state = 'closed') = (disposition is not null))
);
create index investigation_case_org_idx on investigation_case (organisation_id, state);

-- Subjects named by a case. Not a foreign key: a subject key may be renamed by a later relinking,
-- and the case keeps the key it was opened with.
create table case_subject (
  case_id uuid not null references investigation_case (id) on delete cascade,
  subject_key text not null,
  primary key (case_id, subject_key)
);

create table case_event (
  case_id uuid not null references investigation_case (id) on delete cascade,
  seq integer not null,
  at timestamptz not null,
  from_state text,
  to_state text not null,
  disposition text,
  actor_id uuid references app_user (id),
  reason text,
  primary key (case_id, seq)
);
create index case_event_at_idx on case_event (to_state, at);

-- Legal authority (R19). Immutable once recorded: a changed scope is a new record that names the
-- one it supersedes; the old one is kept.
create table legal_authority (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references investigation_case (id),
  type_code text not null references legal_authority_type (code),
  court text not null,
  number text not null,
  issued_at timestamptz not null,
  expires_at timestamptz,
  document_sha256 text not null check (document_sha256 ~ '^[0-9a-f]{64}$'),
  supersedes_id uuid references legal_authority (id),
  recorded_by uuid references app_user (id),
  recorded_at timestamptz not null
);
create index legal_authority_case_idx on legal_authority (case_id);

-- The scope of an authority: an address or CIDR block over a time range (IPs x time ranges).
create table legal_authority_scope (
  authority_id uuid not null references legal_authority (id),
  ordinal integer not null,
  ip_range text not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  primary key (authority_id, ordinal),
  check (ends_at > starts_at)
);

-- A subscriber identity linked to a subject's IP and time, recorded under an authority whose scope
-- covers both. Name, addresses and contact live only in `sealed` (AES-256-GCM); the flags beside
-- it are what the warrant-readiness checklist needs without opening it.
create table subscriber_identity (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references investigation_case (id),
  subject_key text not null,
  authority_id uuid not null references legal_authority (id),
  ip text not null,
  port integer check (port between 0 and 65535),
  observed_at timestamptz not null,
  is_shared_address boolean not null default false,
  isp_time_zone text,
  isp_local_time text,
  has_installation_address boolean not null,
  sealed text not null,
  key_id text not null,
  recorded_by uuid references app_user (id),
  recorded_at timestamptz not null
);
create index subscriber_identity_case_idx on subscriber_identity (case_id);

-- A second person's confirmation of the attribution before a warrant is sought.
create table case_confirmation (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references investigation_case (id),
  confirmed_by uuid references app_user (id),
  confirmed_at timestamptz not null,
  note text not null
);

create table warrant (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references investigation_case (id),
  type_code text not null references legal_authority_type (code),
  sought_at timestamptz not null,
  readiness_override text,
  issued_at timestamptz,
  executed_at timestamptz,
  result text check (result in ('evidence_seized', 'nothing_found', 'not_executed', 'other')),
  recorded_by uuid references app_user (id),
  created_at timestamptz not null
);
create index warrant_case_idx on warrant (case_id);
create index warrant_executed_idx on warrant (executed_at);

create table arrest (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references investigation_case (id),
  person_ref text not null,
  arrested_at timestamptz not null,
  recorded_by uuid references app_user (id),
  created_at timestamptz not null
);
create index arrest_case_idx on arrest (case_id);

-- One row per charge laid; the offence row is the wording in force on the day it was laid.
create table charge (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references investigation_case (id),
  arrest_id uuid references arrest (id),
  offence_code text not null,
  offence_from date not null,
  laid_on date not null,
  recorded_by uuid references app_user (id),
  created_at timestamptz not null,
  foreign key (offence_code, offence_from) references offence (code, in_force_from)
);
create index charge_case_idx on charge (case_id);

-- Victims are counted, never identified: only the agency's victim-services record reference.
create table case_victim (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references investigation_case (id),
  victims_identified integer not null check (victims_identified >= 0),
  children_safeguarded integer not null check (children_safeguarded >= 0),
  victim_services_ref text not null,
  recorded_on date not null,
  recorded_by uuid references app_user (id),
  created_at timestamptz not null
);

create table evidence_ref (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references investigation_case (id),
  description text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  custody_ref text,
  recorded_by uuid references app_user (id),
  recorded_at timestamptz not null
);

-- Free text, sealed with the field cipher when a key is configured (`plain:` otherwise).
create table case_note (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references investigation_case (id),
  body text not null,
  author_id uuid references app_user (id),
  created_at timestamptz not null
);

create table case_task (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references investigation_case (id),
  title text not null,
  due_on date not null,
  assignee_id uuid references app_user (id),
  done_at timestamptz,
  created_by uuid references app_user (id),
  created_at timestamptz not null
);

-- A case referred to another agency. The referring case stays, read-only, in state referred_out;
-- on acceptance the receiving agency gets a case of its own (received_case_id); on a decline the
-- referring case returns to from_state.
create table referral (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references investigation_case (id),
  from_organisation_id uuid not null references organisation (id),
  to_organisation_id uuid not null references organisation (id),
  reason text not null,
  from_state text not null,
  status text not null default 'pending' check (status in ('pending', 'accepted', 'declined')),
  created_by uuid references app_user (id),
  created_at timestamptz not null,
  decided_by uuid references app_user (id),
  decided_at timestamptz,
  decision_reason text,
  received_case_id uuid references investigation_case (id),
  check (from_organisation_id <> to_organisation_id)
);
create index referral_to_idx on referral (to_organisation_id, status);
create index referral_case_idx on referral (case_id);
