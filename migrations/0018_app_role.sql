-- The application runs as vigil_app on both engines (src/platform/db/client.ts); migrations run as
-- the owner. 0003 skipped the role when the migrator could not create it: from here on that is an
-- error, so that the application never runs as the owner of the tables (who could disable the
-- audit trigger). vigil_app: full DML on every table except audit_log (SELECT, INSERT only), use
-- of sequences, the same on tables and sequences created by later migrations; it owns nothing and
-- is not a superuser.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'vigil_app') then
    create role vigil_app nologin nosuperuser nocreatedb nocreaterole;
  end if;
exception when insufficient_privilege then
  raise exception 'migration 0018 needs the role vigil_app: create it (create role vigil_app nologin) or run migrations as a role with CREATEROLE';
end;
$$;

grant usage on schema public to vigil_app;
grant select, insert, update, delete on all tables in schema public to vigil_app;
revoke update, delete, truncate, references, trigger on audit_log from vigil_app;
grant usage, select on all sequences in schema public to vigil_app;
alter default privileges in schema public grant select, insert, update, delete on tables to vigil_app;
alter default privileges in schema public grant usage, select on sequences to vigil_app;
-- The migration record is the owner's: the application only reads it (health, `vigil migrate --status`).
revoke insert, update, delete, truncate on schema_migration from vigil_app;

-- PGlite loads COPY data from a virtual file ('/dev/blob', src/platform/db/pglite-pool.ts), which
-- needs pg_read_server_files. There it reads only the engine's own virtual file system; a
-- PostgreSQL server never gets the grant.
do $$
begin
  if version() like '%PGlite%' then
    grant pg_read_server_files to vigil_app;
  end if;
end;
$$;
