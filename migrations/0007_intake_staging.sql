-- Intake: hash-set matches of CyberTipline file hashes, kept like observation_match (the set and
-- its version, category, flags), so the re-match job finds a tip's file that becomes known later.
-- (Observation batches are staged in a per-session temp table created by the intake code; no
-- permanent staging table is needed.)
create table cybertip_file_match (
  document_id text not null,
  hash_type text not null,
  hash text not null,
  hash_set_id text not null,
  hash_set_version integer not null,
  kind text not null check (kind in ('known', 'benign')),
  category_scheme text,
  category_code text,
  series text,
  victim_identified boolean,
  is_distributed boolean,
  matched_at timestamptz not null default now(),
  primary key (document_id, hash_type, hash, hash_set_id, hash_set_version),
  foreign key (document_id, hash_type, hash) references cybertip_file_hash (document_id, hash_type, hash)
);
