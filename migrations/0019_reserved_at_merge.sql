-- Intentionally empty: this number was reserved while several branches added migrations in
-- parallel, and the runner needs contiguous numbers.
select 1;
