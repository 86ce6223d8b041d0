-- The queue's flag and municipality filters read the subject row and its indexes instead of
-- each subject's members and observations (docs/BENCHMARKS.md, "The queue's flag and
-- municipality filters": 7x and 40x the unfiltered page at 1M subjects before this).
--
-- municipalities: the municipalities of the subject's observations, lower case, each as attributed
-- ("toronto (old toronto)") and before its brackets ("toronto"); written at relink like the score.
alter table subject add column municipalities text[] not null default '{}';

update subject s
set municipalities = places.names
from (
  select m.subject_key, array_agg(distinct v.name order by v.name) as names
  from subject_member m
  join observation o on o.id = m.observation_id
  cross join lateral (values (lower(o.city)), (split_part(lower(o.city), ' (', 1))) v(name)
  where o.city is not null
  group by m.subject_key
) places
where places.subject_key = s.key;

-- A rare place or flag: the matching subjects straight from a GIN index, then sorted.
create index subject_municipalities_idx on subject using gin (municipalities);
create index subject_attribution_flags_idx on subject using gin (attribution_flags);

-- A common one: the queue's order indexes carry both arrays, so a page (and the capped count) is
-- read in rank order from the index alone, the filter checked on the index entry.
drop index subject_queue_idx;
create index subject_queue_idx
  on subject (score desc nulls last, attribution_confidence desc nulls last, key)
  include (attribution_level, attribution_flags, municipalities);
drop index subject_agency_queue_idx;
create index subject_agency_queue_idx
  on subject (agency_code, score desc nulls last, attribution_confidence desc nulls last, key)
  include (attribution_level, attribution_flags, municipalities);
