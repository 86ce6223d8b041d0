-- The owner sees who read its data (issue 14 item 6): each audit row names the organisations that
-- own the objects it touched, copied from the hashed entry's `owners` for filtering. An agency's
-- auditor reads its own rows and every row whose owners include it. Rows written before this
-- migration have no owners (empty array).
alter table audit_log add column owner_organisation_ids uuid[] not null default '{}';
create index audit_log_owners_idx on audit_log using gin (owner_organisation_ids);

-- Signed checkpoints of the chain head (issue 14 item 6), written by `vigil audit checkpoint` and
-- by the scheduled job `audit.checkpoint`, exported off the machine with their public key. A
-- checkpoint states only the log's size and head hash, never an entry.
create table audit_checkpoint (
  id bigint generated always as identity primary key,
  tree_size bigint not null check (tree_size >= 0),
  head_hash text not null check (head_hash ~ '^[0-9a-f]{64}$'),
  signed_at timestamptz not null,
  key_id text not null,
  public_key text not null,
  signature text not null
);
create index audit_checkpoint_signed_idx on audit_checkpoint (signed_at);
