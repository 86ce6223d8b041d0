-- Lead intake (P2P observation logs, CyberTipline reports) and IP attribution.

-- One row per import run of one file; a run that was killed stays 'running' and is resumed by the
-- next import of the same bytes (rows_done lines are committed, in the same transaction as this row).
create table import_journal (
  id uuid primary key default gen_random_uuid(),
  file_sha256 text not null check (file_sha256 ~ '^[0-9a-f]{64}$'),
  file_name text not null,
  format text not null check (format in ('p2p-csv', 'p2p-jsonl', 'cybertip')),
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  rows_done bigint not null default 0,
  accepted bigint not null default 0,
  duplicates bigint not null default 0,
  rejected bigint not null default 0,
  matched bigint not null default 0,
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
create index import_journal_file_idx on import_journal (file_sha256, format, status);

-- Evidence-grade observations: never updated or deleted (a trigger enforces it); a correction is a
-- new observation plus an observation_supersession row.
create table observation (
  id text primary key check (id ~ '^[0-9a-f]{64}$'),
  observed_at timestamptz not null,
  observed_offset text not null,
  network text not null,
  ip text not null,
  port integer not null check (port between 1 and 65535),
  client_id text,
  client_name text,
  hash_type text not null,
  hash text not null,
  file_name text,
  file_size bigint,
  evidence_kind text not null,
  observer text not null,
  evidence_ref text,
  evidence_sha256 text,
  import_id uuid not null references import_journal (id),
  source_file text not null,
  source_line integer not null,
  country_code text,
  region text,
  city text,
  asn integer,
  as_org text,
  ip_flags text[] not null default '{}',
  agency_code text,
  unassigned_reason text,
  ingested_at timestamptz not null default now()
);
create index observation_hash_idx on observation (hash_type, hash);
create index observation_ip_idx on observation (ip, observed_at);

create table observation_supersession (
  observation_id text not null references observation (id),
  superseded_by text not null references observation (id),
  reason text not null,
  created_at timestamptz not null default now(),
  primary key (observation_id, superseded_by)
);

create function observation_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'observation rows are evidence: never updated or deleted (supersede instead)';
end;
$$;
create trigger observation_no_update before update or delete on observation
  for each row execute function observation_immutable();

create table observation_match (
  observation_id text not null references observation (id),
  hash_set_id text not null,
  hash_set_version integer not null,
  kind text not null check (kind in ('known', 'benign')),
  category_scheme text,
  category_code text,
  series text,
  victim_identified boolean,
  is_distributed boolean,
  matched_at timestamptz not null default now(),
  primary key (observation_id, hash_set_id, hash_set_version)
);

-- Rejected rows and documents, verbatim. Unique per file and line so a re-run adds nothing.
create table quarantine (
  id uuid primary key default gen_random_uuid(),
  import_id uuid not null references import_journal (id),
  file_sha256 text not null,
  file_name text not null,
  format text not null,
  line integer not null,
  field text not null,
  reason text not null,
  raw text not null,
  -- 'text': raw is the row as read; 'json': raw is JSON.stringify(row), because the row holds a NUL
  -- byte that a PostgreSQL text column cannot store.
  raw_encoding text not null default 'text' check (raw_encoding in ('text', 'json')),
  header text,
  resolved_at timestamptz,
  resolved_by text,
  created_at timestamptz not null default now(),
  unique (file_sha256, line)
);

create table cybertip_document (
  id text primary key check (id ~ '^[0-9a-f]{64}$'),
  kind text not null check (kind in ('report', 'file_details')),
  report_id text,
  incident_type text,
  incident_at timestamptz,
  content jsonb not null,
  import_id uuid not null references import_journal (id),
  source_file text not null,
  ingested_at timestamptz not null default now()
);

create table cybertip_ip_event (
  document_id text not null references cybertip_document (id),
  ordinal integer not null,
  subject text not null,
  ip text not null,
  port integer,
  event_name text,
  event_at timestamptz,
  event_offset text,
  possible_proxy boolean,
  country_code text,
  region text,
  city text,
  asn integer,
  as_org text,
  ip_flags text[] not null default '{}',
  agency_code text,
  unassigned_reason text,
  primary key (document_id, ordinal)
);

create table cybertip_file_hash (
  document_id text not null references cybertip_document (id),
  hash_type text not null,
  hash text not null,
  matched_known boolean not null default false,
  primary key (document_id, hash_type, hash)
);

-- TorDNSEL exit lists: an address was a Tor exit around seen_at (see docs/INTAKE.md for the window).
create table tor_exit (
  ip text not null,
  fingerprint text not null,
  seen_at timestamptz not null,
  published_at timestamptz,
  list_sha256 text not null,
  primary key (ip, fingerprint, seen_at)
);
create index tor_exit_ip_idx on tor_exit (ip, seen_at);

-- Jurisdiction: country / region / municipality -> agency code (the most specific rule wins).
create table jurisdiction_rule (
  id uuid primary key default gen_random_uuid(),
  country_code text not null check (country_code ~ '^[A-Z]{2}$'),
  region text not null default '',
  municipality text not null default '',
  agency_code text not null,
  note text,
  created_at timestamptz not null default now(),
  unique (country_code, region, municipality)
);

create table idempotency_key (
  key text primary key,
  request_sha256 text,
  status text not null default 'in_flight' check (status in ('in_flight', 'done')),
  status_code integer,
  response text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);

-- Ontario's largest municipal police services, and the OPP for the rest of Ontario. Region and
-- municipality are stored lower-case, as the matcher compares them.
insert into jurisdiction_rule (country_code, region, municipality, agency_code, note) values
  ('CA', 'ontario', '', 'ON-OPP', 'Ontario Provincial Police: Ontario outside municipal services'),
  ('CA', 'ontario', 'toronto', 'ON-TPS', 'Toronto Police Service'),
  ('CA', 'ontario', 'ottawa', 'ON-OPS', 'Ottawa Police Service'),
  ('CA', 'ontario', 'mississauga', 'ON-PRP', 'Peel Regional Police'),
  ('CA', 'ontario', 'brampton', 'ON-PRP', 'Peel Regional Police'),
  ('CA', 'ontario', 'vaughan', 'ON-YRP', 'York Regional Police'),
  ('CA', 'ontario', 'markham', 'ON-YRP', 'York Regional Police'),
  ('CA', 'ontario', 'richmond hill', 'ON-YRP', 'York Regional Police'),
  ('CA', 'ontario', 'newmarket', 'ON-YRP', 'York Regional Police'),
  ('CA', 'ontario', 'aurora', 'ON-YRP', 'York Regional Police'),
  ('CA', 'ontario', 'oshawa', 'ON-DRPS', 'Durham Regional Police Service'),
  ('CA', 'ontario', 'whitby', 'ON-DRPS', 'Durham Regional Police Service'),
  ('CA', 'ontario', 'ajax', 'ON-DRPS', 'Durham Regional Police Service'),
  ('CA', 'ontario', 'pickering', 'ON-DRPS', 'Durham Regional Police Service'),
  ('CA', 'ontario', 'clarington', 'ON-DRPS', 'Durham Regional Police Service'),
  ('CA', 'ontario', 'oakville', 'ON-HRPS', 'Halton Regional Police Service'),
  ('CA', 'ontario', 'burlington', 'ON-HRPS', 'Halton Regional Police Service'),
  ('CA', 'ontario', 'milton', 'ON-HRPS', 'Halton Regional Police Service'),
  ('CA', 'ontario', 'halton hills', 'ON-HRPS', 'Halton Regional Police Service'),
  ('CA', 'ontario', 'hamilton', 'ON-HPS', 'Hamilton Police Service'),
  ('CA', 'ontario', 'kitchener', 'ON-WRPS', 'Waterloo Regional Police Service'),
  ('CA', 'ontario', 'waterloo', 'ON-WRPS', 'Waterloo Regional Police Service'),
  ('CA', 'ontario', 'cambridge', 'ON-WRPS', 'Waterloo Regional Police Service'),
  ('CA', 'ontario', 'st. catharines', 'ON-NRPS', 'Niagara Regional Police Service'),
  ('CA', 'ontario', 'niagara falls', 'ON-NRPS', 'Niagara Regional Police Service'),
  ('CA', 'ontario', 'welland', 'ON-NRPS', 'Niagara Regional Police Service'),
  ('CA', 'ontario', 'london', 'ON-LPS', 'London Police Service'),
  ('CA', 'ontario', 'windsor', 'ON-WPS', 'Windsor Police Service'),
  ('CA', 'ontario', 'greater sudbury', 'ON-GSPS', 'Greater Sudbury Police Service'),
  ('CA', 'ontario', 'sudbury', 'ON-GSPS', 'Greater Sudbury Police Service'),
  ('CA', 'ontario', 'kingston', 'ON-KPS', 'Kingston Police'),
  ('CA', 'ontario', 'barrie', 'ON-BPS', 'Barrie Police Service'),
  ('CA', 'ontario', 'thunder bay', 'ON-TBPS', 'Thunder Bay Police Service'),
  ('CA', 'ontario', 'guelph', 'ON-GPS', 'Guelph Police Service');
