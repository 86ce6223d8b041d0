import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '#test/db.js';
import type { DatabaseHandle } from './client.js';
import { migrate, readMigrations } from './migrate.js';

const MIGRATION = 14;
/** The default case field scope (src/core/access/field-scope.ts): no identities, no notes. */
const DEFAULT_CASE_FIELDS = [
  'summary',
  'subjects',
  'workflow',
  'authorities',
  'evidence',
  'warrants',
  'outcomes',
  'tasks',
];

/** What migration 0014 makes of referrals and case shares written before it. */
describe('migration 0014: referral packages and case field scopes', () => {
  let handle: DatabaseHandle;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    handle = await createEmptyDatabase();
    const db = handle.db;
    await migrate(
      db,
      readMigrations().filter((m) => m.version < MIGRATION),
    );
    const org = async (code: string) =>
      (
        await sql<{ id: string }>`insert into organisation (kind, code, name)
          values ('agency', ${code}, ${code}) returning id`.execute(db)
      ).rows[0]!.id;
    ids.a = await org('MIG-A');
    ids.b = await org('MIG-B');
    ids.case = (
      await sql<{ id: string }>`insert into investigation_case
        (organisation_id, reference, title, state, source_kind, received_at, created_at, updated_at)
        values (${ids.a}, 'C-2026-0001', 'Legacy', 'referred_out', 'subjects', now(), now(), now())
        returning id`.execute(db)
    ).rows[0]!.id;
    ids.referral = (
      await sql<{ id: string }>`insert into referral
        (case_id, from_organisation_id, to_organisation_id, reason, from_state, created_at)
        values (${ids.case}, ${ids.a}, ${ids.b}, 'legacy', 'assessed', now()) returning id`.execute(
        db,
      )
    ).rows[0]!.id;
    const share = async (type: string, scope: string[]) =>
      (
        await sql<{ id: string }>`insert into share
          (object_type, object_id, owner_organisation_id, recipient_organisation_id, field_scope,
           legal_basis)
          values (${type}, ${ids.case}, ${ids.a}, ${ids.b}, ${scope}::text[], 'legacy basis')
          returning id`.execute(db)
      ).rows[0]!.id;
    ids.emptyCase = await share('case', []);
    ids.namedCase = await share('case', ['notes', 'bogus', 'evidence']);
    ids.unknownOnly = await share('case', ['bogus']);
    ids.subject = await share('subject', ['anything']);
    await migrate(
      db,
      readMigrations().filter((m) => m.version <= MIGRATION),
    );
  });
  afterAll(async () => handle?.close());

  const scopeOf = async (id: string) =>
    (
      await handle.db
        .selectFrom('share')
        .select('fieldScope')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).fieldScope;

  it('gives an existing referral the default scope and no package yet (frozen on first read)', async () => {
    const row = await handle.db
      .selectFrom('referral')
      .selectAll()
      .where('id', '=', ids.referral!)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'pending',
      fieldScope: DEFAULT_CASE_FIELDS,
      packageSealed: null,
      packageSha256: null,
      packageFrozenAt: null,
    });
  });

  it('keeps the known fields of a case share; one naming none gets the default; other shares are untouched', async () => {
    expect(await scopeOf(ids.emptyCase!)).toEqual(DEFAULT_CASE_FIELDS);
    expect(await scopeOf(ids.unknownOnly!)).toEqual(DEFAULT_CASE_FIELDS);
    expect(await scopeOf(ids.namedCase!)).toEqual(['summary', 'evidence', 'notes']);
    expect(await scopeOf(ids.subject!)).toEqual(['anything']);
  });

  it('allows withdrawn, at most one live referral per case, and only known words in a case share', async () => {
    const db = handle.db;
    await db
      .updateTable('referral')
      .set({ status: 'withdrawn' })
      .where('id', '=', ids.referral!)
      .execute();
    const live = () =>
      sql`insert into referral
        (case_id, from_organisation_id, to_organisation_id, reason, from_state, created_at,
         field_scope)
        values (${ids.case}, ${ids.a}, ${ids.b}, 'again', 'assessed', now(), '{summary}')`.execute(
        db,
      );
    await live();
    await expect(live()).rejects.toThrow(/referral_live_idx/);
    await expect(
      sql`update share set field_scope = '{summary,ssn}' where id = ${ids.emptyCase}`.execute(db),
    ).rejects.toThrow(/share_case_field_scope_check/);
    await expect(
      sql`update referral set field_scope = '{subjects}' where id = ${ids.referral}`.execute(db),
    ).rejects.toThrow(/referral_field_scope_check/);
    await expect(
      sql`update referral set package_sha256 = ${'a'.repeat(64)} where id = ${ids.referral}`.execute(
        db,
      ),
    ).rejects.toThrow(/referral_package_check/);
  });
});
