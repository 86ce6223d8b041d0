-- The same rule for observation ids, checked far more cheaply. PostgreSQL's regex engine expands a
-- bounded repetition such as {64} into 64 copies of its states, and running that automaton cost
-- about 15 times as much as an unbounded class (docs/BENCHMARKS.md, "Ingest"), on every row COPYed
-- into observation. A string of exactly 64 octets, each one of [0-9a-f], is exactly what
-- '^[0-9a-f]{64}$' accepts (any other character, multibyte ones included, fails the class).
-- NOT VALID then VALIDATE: existing rows are checked without holding the strongest lock meanwhile.
alter table observation drop constraint observation_id_check;
alter table observation add constraint observation_id_check
  check (octet_length(id) = 64 and id ~ '^[0-9a-f]*$') not valid;
alter table observation validate constraint observation_id_check;
