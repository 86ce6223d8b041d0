import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, vigil, waitForUrl } from './process.js';

/** The restore drill with the real `vigil` command on a demo data directory (PGlite). */
describe('vigil backup / vigil restore (restore drill)', () => {
  const root = mkdtempSync(join(tmpdir(), 'vigil-drill-'));
  const dataDir = join(root, 'demo');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('backs up a demo world, refuses a tampered copy, restores it and the audit chain verifies', async () => {
    const demo = vigil(['serve', '--demo', '--port', '0', '--data-dir', dataDir]);
    try {
      await waitForUrl(demo, 540_000);
    } finally {
      demo.child.kill('SIGTERM');
      await demo.exited;
    }
    // The demo's own key; a deployment names its key file the same way.
    const env = { VIGIL_ENCRYPTION_KEY_FILE: join(dataDir, 'demo-encryption.key') };
    const archive = join(root, 'demo.vbk');
    const backup = await run(['backup', '--data-dir', dataDir, '--out', archive], env);
    expect(backup.output).toMatch(/Backup written and verified/);
    expect(backup.code).toBe(0);
    const head = /audit head (\d+) ([0-9a-f]{64})/.exec(backup.output)!;
    expect(head).not.toBeNull();

    const tampered = join(root, 'tampered.vbk');
    const bytes = readFileSync(archive);
    bytes[bytes.length - 5]! ^= 0xff;
    writeFileSync(tampered, bytes);
    const refused = await run(['restore', tampered, '--data-dir', join(root, 'bad')], env);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/does not authenticate/);
    expect(existsSync(join(root, 'bad', 'PG_VERSION'))).toBe(false);

    const restoredDir = join(root, 'restored');
    const restore = await run(['restore', archive, '--data-dir', restoredDir], env);
    expect(restore.output).toMatch(/as in the manifest; audit chain verified/);
    expect(restore.code).toBe(0);
    expect(restore.output).toContain(`head ${head[1]} ${head[2]}`);
    const verify = await run(['audit', 'verify', '--data-dir', restoredDir], env);
    expect(verify.output).toContain(`OK: ${head[1]} entries, head ${head[2]}`);

    const again = await run(['restore', archive, '--data-dir', restoredDir], env);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/already holds a database/);
  }, 900_000);
});
