-- Placeholder for migration 0014, which another branch of issue 14 adds: the migration runner
-- needs contiguous numbers. DROP THIS FILE AT MERGE in favour of that branch's 0014_*.sql.
select 1;
