-- Placeholder for migration 0013, which another branch of issue 14 adds: the migration runner
-- needs contiguous numbers. DROP THIS FILE AT MERGE in favour of that branch's 0013_*.sql.
select 1;
