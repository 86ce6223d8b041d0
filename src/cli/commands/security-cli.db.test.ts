import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main.js';

/** The CLI end to end, in process, on its own embedded data directory. */
// Each `run` opens and migrates the embedded database and hashes passwords with Argon2id: slow on
// a loaded two-core machine, so this file allows more than the db project's 30 s per test.
describe('vigil users / vigil audit', { timeout: 120_000 }, () => {
  let dir: string;
  const out: string[] = [];
  const err: string[] = [];
  const run = (...args: string[]) =>
    runCli(['node', 'vigil', ...args], {
      env: { VIGIL_DATA_DIR: join(dir, 'data'), VIGIL_LOG_LEVEL: 'silent' },
      stdout: (t) => void out.push(t),
      stderr: (t) => void err.push(t),
    });
  const file = (name: string, value: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(value));
    return path;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('bootstraps the first system administrator once, printing the TOTP enrolment', async () => {
    const boot = file('boot.json', {
      organisation: {
        kind: 'agency',
        code: 'ON-CLI1',
        name: 'CLI Police',
        jurisdiction: 'Ontario',
      },
      username: 'first-admin',
      displayName: 'First Admin',
      password: 'a perfectly ordinary passphrase',
    });
    expect(await run('users', 'bootstrap', '--from-file', boot)).toBe(0);
    expect(out.join('\n')).toMatch(/otpauth:\/\/totp\/Vigil:first-admin\?/);
    expect(await run('users', 'bootstrap', '--from-file', boot)).toBe(1);
    expect(err.join('\n')).toMatch(/already exists/);
  });

  it('creates accounts, refusing a common password with exit 2, and lists them', async () => {
    const user = {
      organisationCode: 'ON-CLI1',
      username: 'inv-one',
      displayName: 'Inv One',
      roles: ['investigator'],
    };
    expect(
      await run(
        'users',
        'create',
        '--from-file',
        file('bad.json', { ...user, password: 'Password1!' }),
      ),
    ).toBe(2);
    expect(
      await run(
        'users',
        'create',
        '--from-file',
        file('ok.json', { ...user, password: 'violet kettle orbit ninety' }),
      ),
    ).toBe(0);
    out.length = 0;
    expect(await run('users', 'list', '--json')).toBe(0);
    const list = JSON.parse(out.join('')) as Array<{ username: string; roles: string[] }>;
    expect(list.map((u) => u.username).sort()).toEqual(['first-admin', 'inv-one']);
    expect(await run('users', 'unlock', 'nobody')).toBe(1);
  });

  it('resets a system administrator, which only the host operator can, with a one-time password', async () => {
    out.length = 0;
    expect(await run('users', 'reset', 'first-admin')).toBe(0);
    const temporary = /temporary password: (\S+)/.exec(out.join('\n'))?.[1];
    expect(temporary).toMatch(/^[\w-]{20,}$/);
    const pglite = await PGlite.create({ dataDir: join(dir, 'data') });
    const { rows } = await pglite.query<{ must: boolean; totp: string | null }>(
      "select must_change_password as must, totp_secret as totp from app_user where username = 'first-admin'",
    );
    await pglite.close();
    expect(rows).toEqual([{ must: true, totp: null }]);
    expect(await run('users', 'reset', 'nobody')).toBe(1);
    // The host operator changes the roles of any account; separation of duties still holds.
    expect(await run('users', 'roles', 'inv-one', 'investigator,auditor')).toBe(0);
    expect(await run('users', 'roles', 'inv-one', 'auditor,agency_admin')).toBe(2);
    expect(await run('users', 'roles', 'inv-one', 'chief')).toBe(2);
    out.length = 0;
    expect(await run('users', 'list', '--json')).toBe(0);
    const list = JSON.parse(out.join('')) as Array<{ username: string; roles: string[] }>;
    expect(list.find((u) => u.username === 'inv-one')?.roles).toEqual(['investigator', 'auditor']);
  });

  it('signs a checkpoint, verifies, then reports the first bad entry after tampering', async () => {
    const key = join(dir, 'sign.pem');
    expect(await run('audit', 'keygen', '--out', key)).toBe(0);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const cp = join(dir, 'cp.json');
    expect(await run('audit', 'checkpoint', '--out', cp, '--key-file', key)).toBe(0);
    expect(out.join('\n')).toMatch(/Checkpoint: \d+ entries/);

    const pglite = await PGlite.create({ dataDir: join(dir, 'data') });
    await pglite.exec(`alter table audit_log disable trigger audit_log_no_update;
      update audit_log set entry = replace(entry, '"v":1', '"v":1 ') where seq = 2;`);
    await pglite.close();
    out.length = 0;
    expect(await run('audit', 'verify', '--checkpoint', cp, '--public-key', `${key}.pub`)).toBe(1);
    expect(out.join('\n')).toMatch(/FAIL: first bad entry 2: hash does not match/);
  });
});
