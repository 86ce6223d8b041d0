-- Intake is tenant data (docs/SECURITY.md, "Intake is tenant data"; R2, R23).

-- Every import belongs to the organisation that uploaded it, and names the uploading user (null for
-- the CLI operator and jobs). Imports made before this migration recorded no uploader: they go to
-- the installation's agency when there is exactly one, else they stay without an owner, which only
-- the host operator (CLI) sees. Quarantined rows are owned through their import.
alter table import_journal add column owner_organisation_id uuid references organisation (id);
alter table import_journal add column created_by uuid references app_user (id);
update import_journal
set owner_organisation_id = (select id from organisation where kind = 'agency')
where owner_organisation_id is null
  and (select count(*) from organisation where kind = 'agency') = 1;
create index import_journal_owner_idx on import_journal (owner_organisation_id, started_at);

-- Quarantine keeps what an analyst needs to fix a row, never a whole document: the raw row is cut
-- to 512 characters (raw_truncated marks the cut), the kept CSV header to 2048. Existing rows too.
alter table quarantine add column raw_truncated boolean not null default false;
update quarantine
set raw = left(raw, 512), raw_truncated = true, raw_encoding = 'text'
where length(raw) > 512;
update quarantine set header = left(header, 2048) where length(header) > 2048;
