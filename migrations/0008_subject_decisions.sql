-- Issue 6, second part: analysts' merge and split decisions, rule sets stored in the database, and
-- the current score kept on the subject row so the queue reads one table (docs/SCORING.md).

-- Analyst decisions on linking. Append-only: a later decision overrides an earlier one (the
-- linking engine applies them in time order), nothing is edited or deleted.
create table subject_decision (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('merge', 'split')),
  -- merge: the nodes (obs:<id> | tip:<doc>#<n>) to keep together; split: both sides.
  refs text[] not null default '{}',
  side_a text[] not null default '{}',
  side_b text[] not null default '{}',
  -- The subject keys the analyst acted on (keys follow the lowest node ref, so they may change).
  subject_keys text[] not null,
  reason text not null check (length(reason) between 3 and 2000),
  decided_by_user_id uuid references app_user (id),
  -- Username or the CLI/job label, as the audit row names the actor.
  decided_by text not null,
  organisation_id uuid references organisation (id),
  decided_at timestamptz not null,
  check (
    (kind = 'merge' and cardinality(refs) >= 2)
    or (kind = 'split' and cardinality(side_a) >= 1 and cardinality(side_b) >= 1)
  )
);
create index subject_decision_time_idx on subject_decision (decided_at, id);

-- Rule sets, versioned: a change is a new version; a stored version is never edited or deleted.
create table rule_set (
  version integer primary key check (version >= 1),
  name text not null,
  -- The full RuleSetDefinition as JSON text (its `version` equals the row's).
  definition text not null,
  note text not null default '',
  created_by text not null,
  created_by_user_id uuid references app_user (id),
  created_at timestamptz not null
);

create function rule_set_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'rule_set versions are never edited: create a new version'
    using errcode = 'insufficient_privilege';
end;
$$;
create trigger rule_set_no_update before update or delete on rule_set
  for each row execute function rule_set_append_only();

-- The current score (of the rule set the last rescore used) on the subject row: the queue sorts
-- and filters one table; subject_score keeps every version's full explanation.
alter table subject add column rule_set_version integer;
alter table subject add column score double precision;
alter table subject add column max_score double precision;
alter table subject add column attribution_level text
  check (attribution_level in ('high', 'medium', 'low'));
alter table subject add column attribution_confidence double precision;
alter table subject add column attribution_flags text[] not null default '{}';
-- The three reasons with most points, as JSON ([{ruleId, points, reason}]).
alter table subject add column top_reasons text not null default '[]';
alter table subject add column scored_at timestamptz;

-- The queue's order (compareScores: threat, attribution, key), whole and per agency. They cover
-- the queue's filters too, so a page's keys and the capped count come from index-only scans.
create index subject_queue_idx
  on subject (score desc nulls last, attribution_confidence desc nulls last, key)
  include (attribution_level);
create index subject_agency_queue_idx
  on subject (agency_code, score desc nulls last, attribution_confidence desc nulls last, key)
  include (attribution_level);
drop index subject_agency_idx;
