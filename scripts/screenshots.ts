/**
 * `npm run screenshots`: PNGs of each main screen of the web UI, over a demo world, written to
 * docs/screenshots/ (shown in README.md). Starts its own `vigil serve --demo` in a temporary data
 * directory, or uses a running one: VIGIL_URL=http://127.0.0.1:3000 VIGIL_DEMO_DIR=./vigil-demo.
 * Needs Debian's Chromium (/usr/bin/chromium). A running server needs VIGIL_ENCRYPTION_KEY set for
 * the case page's subscriber identity. SCREENSHOT_SESSIONS (comma-separated demo usernames, or
 * `signed-out`) limits the run to those sessions' screens.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { vigil, waitForUrl, type Proc } from '../e2e/process.js';
import { CHROMIUM, demoAccounts, hasChromium, launchChromium, signIn } from '../e2e/ui/browser.js';

const OUT = new URL('../docs/screenshots/', import.meta.url);
const VIEWPORT = { width: 1280, height: 800 };

if (!hasChromium) {
  console.error(`screenshots need ${CHROMIUM} (apt-get install chromium)`);
  process.exit(1);
}

let server: Proc | undefined;
let dataDir = process.env.VIGIL_DEMO_DIR;
let url = process.env.VIGIL_URL;
const scratch = mkdtempSync(join(tmpdir(), 'vigil-shots-'));
if (!url || !dataDir) {
  dataDir = join(scratch, 'data');
  console.log('starting a demo server (first start generates a world: a minute or two)…');
  // Identities are sealed at rest: a throw-away field key for this demo server only.
  server = vigil(['serve', '--demo', '--port', '0', '--data-dir', dataDir], {
    VIGIL_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  });
  url = await waitForUrl(server, 300_000);
}
const base = url;
const accounts = demoAccounts(dataDir);
const account = (name: string) => accounts.get(name)!;
mkdirSync(OUT, { recursive: true });
const browser = await launchChromium();

async function shot(page: Page, name: string, fullPage = false) {
  await page.waitForLoadState('networkidle');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: new URL(`${name}.png`, OUT).pathname, fullPage });
  console.log(`docs/screenshots/${name}.png`);
}

// SCREENSHOT_SESSIONS=demo-a-investigator,… refreshes only those accounts' screens.
const only = process.env.SCREENSHOT_SESSIONS?.split(',');

async function session(username: string | undefined, run: (page: Page) => Promise<void>) {
  if (only && !only.includes(username ?? 'signed-out')) return;
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(180_000);
  if (username) await signIn(page, base, account(username));
  await run(page);
  await context.close();
}

const local = (ms: number, seconds = false) =>
  new Date(ms).toISOString().slice(0, seconds ? 19 : 16);

/** A production order on the subject's first address and a subscriber attached under it. */
async function caseRecords(page: Page, subjectKey: string) {
  const subject = (await page.evaluate(
    async (p) => (await fetch(p)).json(),
    `/api/subjects/${subjectKey}`,
  )) as { timeline: Array<{ ip: string; port: number; observedAt: string }> };
  const seen = subject.timeline[0]!;
  const at = Date.parse(seen.observedAt);
  await page.getByText('Record a legal authority', { exact: true }).click();
  const order = page.getByRole('form', { name: 'Record a legal authority' });
  await order.getByLabel('Court').fill('Ontario Court of Justice, Toronto');
  await order.getByLabel('Order number').fill('PO-2015-0001');
  await order.getByLabel('Issued (UTC)').fill(local(Date.now() - 86_400_000));
  await order.getByLabel('SHA-256 of the signed document').fill('ab'.repeat(32));
  await order.getByLabel('Address or CIDR block 1').fill(seen.ip);
  await order.getByLabel('From 1').fill(local(at - 86_400_000));
  await order.getByLabel('To 1').fill(local(at + 86_400_000));
  await order.getByRole('button', { name: 'Record authority' }).click();
  await page.getByTestId('authorities').getByText('PO-2015-0001').waitFor();
  await page.getByText('Record a legal authority', { exact: true }).click();
  await page.getByText('Attach a subscriber identity', { exact: true }).click();
  const attach = page.getByRole('form', { name: 'Attach a subscriber identity' });
  await attach.getByLabel('IP address').fill(seen.ip);
  await attach.getByLabel('Port').fill(String(seen.port));
  await attach.getByLabel('Observed (UTC)').fill(local(at, true));
  await attach.getByLabel('Subscriber name').fill('Synthetic Subscriber');
  await attach.getByLabel('Installation (service) address').fill('1 Synthetic Way, Toronto');
  await attach.getByLabel(/^Reason/).fill('Production order response received from the ISP');
  await attach.getByRole('button', { name: 'Attach identity' }).click();
  await page.getByTestId('identity-row').first().waitFor();
  await page.getByText('Attach a subscriber identity', { exact: true }).click();
}

try {
  await session(undefined, async (page) => {
    await page.goto(`${base}/`);
    await page
      .getByTestId('system-use-notice')
      .getByText(/\w{10}/)
      .waitFor();
    await shot(page, 'sign-in');
  });
  await session('demo-a-analyst', async (page) => {
    await page.getByTestId('queue-row').first().waitFor();
    await shot(page, 'queue');
    await page.getByTestId('queue-row').first().getByRole('link').click();
    await page.getByTestId('matched-sets').waitFor();
    await shot(page, 'subject');
    await page.evaluate("document.getElementById('timeline-title').scrollIntoView()");
    await shot(page, 'subject-charts');
    await page.evaluate("document.getElementById('map-title').scrollIntoView()");
    await shot(page, 'subject-map');
    await page.evaluate("document.getElementById('decisions-title').scrollIntoView()");
    await shot(page, 'subject-merge-split');
    await page.getByRole('link', { name: 'Intake' }).click();
    const file = join(scratch, 'p2p-sample.csv');
    writeFileSync(
      file,
      [
        'observed_at,network,ip,port,client_id,client_name,hash_type,hash,file_name,file_size,evidence_kind,observer,evidence_ref,evidence_sha256',
        '2015-06-02T09:00:00.000Z,gnutella,135.23.82.58,15652,,,sha1,J5S5DMZXAW75ZARXPSFTQ3IUUCPJDP3X,a.bin,100,query_hit,screenshot,,',
        '2015-06-02T09:05:00.000Z,gnutella,999.1.1.1,15652,,,sha1,ZFG22PHIU4FI64EK5Y2C6NZ5BNCEGXDS,b.bin,100,query_hit,screenshot,,',
        'not-a-date,gnutella,135.23.82.58,15652,,,sha1,ZFG22PHIU4FI64EK5Y2C6NZ5BNCEGXDS,c.bin,100,query_hit,screenshot,,',
      ].join('\n') + '\n',
    );
    await page.getByLabel('File', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByTestId('import-summary').waitFor();
    await page.getByTestId('rejected-rows').waitFor();
    await shot(page, 'intake');
    await page.getByRole('link', { name: 'Hash sets' }).click();
    await page.getByRole('cell', { name: 'known', exact: true }).first().waitFor();
    await shot(page, 'hashsets');
    await page.getByRole('link', { name: 'Jurisdiction' }).click();
    await page.getByRole('cell', { name: 'ON-TPS', exact: true }).first().waitFor();
    await shot(page, 'jurisdiction');
  });
  await session('demo-a-admin', async (page) => {
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('cell', { name: 'demo-a-analyst', exact: true }).waitFor();
    await shot(page, 'users');
    await page.getByRole('button', { name: 'New account' }).click();
    await page.getByLabel('Username').waitFor();
    await shot(page, 'users-new-account');
  });
  await session('demo-a-investigator', async (page) => {
    const top = page.getByTestId('queue-row').first().getByRole('link');
    const subjectKey = (await top.textContent())!;
    await top.click();
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.getByTestId('case-state').waitFor();
    await page.getByRole('button', { name: 'Mark assessed' }).click();
    await page.getByTestId('case-state').getByText('assessed').waitFor();
    await page.getByRole('button', { name: 'Mark legal process requested' }).click();
    await page.getByTestId('case-state').getByText('legal process requested').waitFor();
    await caseRecords(page, subjectKey);
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, 'case');
    await page.evaluate("document.getElementById('authorities-title').scrollIntoView()");
    await shot(page, 'case-records');
    await page.getByRole('button', { name: /^Reveal identity on / }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Reason for revealing/).fill('Preparing the search warrant');
    await shot(page, 'reveal-dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Statistics' }).click();
    await page.getByTestId('unit-report').waitFor();
    await shot(page, 'statistics');
    // A second subject's case, referred to agency B (Greater Sudbury).
    await page.getByRole('link', { name: 'Priority queue' }).click();
    await page.getByTestId('queue-row').nth(1).getByRole('link').click();
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.getByTestId('case-state').waitFor();
    await page.getByLabel('Refer to agency').fill('ON-GSPS');
    await page.getByLabel('Reason for the referral').fill('The subscriber address is in Sudbury');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Refer case' }).click();
    await page.getByTestId('case-state').getByText('referred out').waitFor();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Referrals' })
      .click();
    await page.getByTestId('referral-outgoing').first().waitFor();
    await shot(page, 'referrals-sent');
  });
  await session('demo-b-supervisor', async (page) => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Referrals' })
      .click();
    await page.getByTestId('referral-incoming').first().waitFor();
    await shot(page, 'referrals-received');
  });
  await session('demo-a-auditor', async (page) => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('cell', { name: /\./ }).first().waitFor();
    await shot(page, 'audit');
  });
} finally {
  await browser.close();
  if (server) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  rmSync(scratch, { recursive: true, force: true });
}
