-- Background jobs: leased with FOR UPDATE SKIP LOCKED by one in-process worker (PGlite) or by
-- several worker processes (PostgreSQL).
create table job (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  payload text not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  attempts integer not null default 0,
  max_attempts integer not null default 5 check (max_attempts > 0),
  run_at timestamptz not null default now(),
  leased_until timestamptz,
  locked_by text,
  last_error text,
  dedupe_key text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);

create index job_ready_idx on job (run_at) where status in ('queued', 'running');

-- At most one unfinished job per dedupe key.
create unique index job_dedupe_idx on job (dedupe_key) where dedupe_key is not null and status in ('queued', 'running');
