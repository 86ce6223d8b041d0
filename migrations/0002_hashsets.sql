-- Hash sets: reference data shared by the whole installation (not agency-scoped). Each import
-- loads into a new version ('loading', invisible to matchers); activation switches the set's
-- active version in one transaction, so a matcher never sees half a set.
create table hash_set (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  kind text not null check (kind in ('known', 'benign')),
  active_version integer,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table hash_set_version (
  id uuid primary key default gen_random_uuid(),
  hash_set_id uuid not null references hash_set (id),
  version integer not null,
  status text not null check (status in ('loading', 'active', 'superseded')),
  kind text not null check (kind in ('known', 'benign')),
  format text not null,
  source_file_name text not null,
  entry_count bigint not null default 0,
  rejected_count bigint not null default 0,
  created_at timestamptz not null default now(),
  activated_at timestamptz,
  unique (hash_set_id, version)
);

-- At most one active version per set.
create unique index hash_set_version_active_idx on hash_set_version (hash_set_id) where status = 'active';

create table hash_entry (
  id bigint generated always as identity primary key,
  hash_set_version_id uuid not null references hash_set_version (id) on delete cascade,
  hash_type text not null check (hash_type in ('md5', 'sha1', 'sha256', 'ed2k', 'btih', 'pdq')),
  hash_hex text not null,
  category_scheme text,
  category_code text,
  series text,
  victim_identified boolean,
  is_distributed boolean,
  media_id text,
  pdq_quality smallint,
  source_position text not null,
  unique (hash_set_version_id, hash_type, hash_hex)
);

-- No (hash_type, hash_hex) index: matching runs on the in-memory index, and the version diff joins
-- through the unique key above; a second index would only slow bulk imports.
