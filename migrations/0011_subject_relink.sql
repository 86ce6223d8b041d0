-- Issue 6: incremental relinking (docs/SCORING.md, "Relinking: incremental and full").

-- Per node, what the last relink saw: the groups it links through (client id, IP, identifier) and
-- a digest of its inputs; a node whose digest is unchanged cannot change a subject by itself.
alter table subject_member
  add column group_keys text[] not null default '{}',
  add column input_digest text not null default '';

-- What the last relink ran with (one row). A different rule set or linking parameters, or no row,
-- makes the next run a full relink.
create table subject_relink_state (
  id smallint primary key default 1 check (id = 1),
  -- The linking parameters as JSON text.
  link_options text not null,
  rule_set_version integer not null,
  -- The moment recency was measured from (the latest time in the rows).
  evidence_as_of timestamptz not null,
  -- The analyst decisions already applied: a decision not listed is new to the next run.
  decision_ids text[] not null,
  mode text not null check (mode in ('full', 'incremental')),
  ran_at timestamptz not null
);

-- Where a vanished subject key's nodes went (merged into another, split, or renamed because a lower
-- node joined), so notes, cases and older scores kept under the old key can be followed.
create table subject_key_change (
  from_key text not null,
  to_keys text[] not null,
  changed_at timestamptz not null,
  primary key (from_key, changed_at)
);
create index subject_key_change_time_idx on subject_key_change (changed_at);
