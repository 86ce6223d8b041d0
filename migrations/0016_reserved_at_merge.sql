-- Placeholder for migration 0016, which another branch of issue 14 adds: the migration runner
-- needs contiguous numbers. DROP THIS FILE AT MERGE in favour of that branch's 0016_*.sql.
select 1;
