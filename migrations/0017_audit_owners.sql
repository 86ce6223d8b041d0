-- The owner sees who read its data (issue 14 item 6): each audit row names the organisations that
-- own the objects it touched, copied from the hashed entry's `owners` for filtering. An agency's
-- auditor reads its own rows and every row whose owners include it. Rows written before this
-- migration have no owners (empty array).
alter table audit_log add column owner_organisation_ids uuid[] not null default '{}';
create index audit_log_owners_idx on audit_log using gin (owner_organisation_ids);
