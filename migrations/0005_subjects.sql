-- Subjects (issue 6): observations and CyberTip persons linked into subjects, and their scores.
-- Written by the subjects.rescore job; a re-run with the same rows writes the same result.

create table subject (
  key text primary key check (key ~ '^sub_[0-9a-f]{20}$'),
  -- The agency with jurisdiction over most of the subject's observations (null: none assigned).
  agency_code text,
  first_seen timestamptz,
  last_seen timestamptz,
  observation_count integer not null default 0,
  tip_person_count integer not null default 0,
  link_count integer not null default 0,
  updated_at timestamptz not null default now()
);
create index subject_agency_idx on subject (agency_code);

-- Which node (an observation `obs:<id>` or a tip person `tip:<doc>#<n>`) belongs to which subject.
create table subject_member (
  node_ref text primary key,
  subject_key text not null references subject (key) on delete cascade,
  observation_id text references observation (id)
);
create index subject_member_subject_idx on subject_member (subject_key);

-- The links that hold a subject together (the maximum spanning forest of linking).
create table subject_link (
  subject_key text not null references subject (key) on delete cascade,
  ordinal integer not null,
  rule text not null,
  node_a text not null,
  node_b text not null,
  evidence_ids text[] not null,
  identifier text,
  confidence_level text not null check (confidence_level in ('high', 'medium', 'low')),
  confidence double precision not null,
  primary key (subject_key, ordinal)
);

-- Scores: one row per subject and rule-set version; older versions are kept. Not a foreign key on
-- subject: a score of a subject that was later renamed (merge, split) stays readable.
create table subject_score (
  subject_key text not null,
  rule_set_version integer not null,
  score double precision not null,
  max_score double precision not null,
  explanation text not null,
  evidence_as_of timestamptz not null,
  attribution_level text not null check (attribution_level in ('high', 'medium', 'low')),
  attribution_confidence double precision not null,
  attribution_flags text[] not null default '{}',
  scored_at timestamptz not null,
  primary key (subject_key, rule_set_version)
);
create index subject_score_rank_idx on subject_score (rule_set_version, score desc);
