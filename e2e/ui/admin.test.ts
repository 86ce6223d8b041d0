import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, startDemoServer, type DemoServer } from './demo-server.js';
import {
  apiJsonIn,
  apiStatusIn,
  assertChromium,
  browserSuite,
  freshTotp,
  launchChromium,
  seriousViolations,
  signIn,
} from './browser.js';

// Referrals, administration, merge/split and the subject map, in Debian's Chromium. Skipped
// loudly without it, except in CI, where a missing browser fails the run (as e2e/ui/ui.test.ts).
const runBrowser = browserSuite('e2e/ui/admin', "the web UI's administration tests");

type QueueItem = { subjectKey: string; ips: string[]; municipalities: string[] };
type UserView = { username: string; roles: string[] };

// A run of its own, so that a reused server accepts a second run's new account.
const RUN = Date.now().toString(36);

(runBrowser ? describe : describe.skip)(
  'referrals, administration, merge/split and the map in Chromium, over a demo world',
  { timeout: 240_000 },
  () => {
    let demo: DemoServer | undefined;
    let url: string;
    let browser: Browser;
    const pageErrors: string[] = [];

    async function open(username: string): Promise<{ context: BrowserContext; page: Page }> {
      const { context, page } = await openPage(browser, pageErrors);
      // Every confirmation dialog (refer, accept, role changes) is accepted.
      page.on('dialog', (d) => void d.accept());
      await signIn(page, url, demo!.account(username));
      return { context, page };
    }

    beforeAll(async () => {
      assertChromium();
      demo = await startDemoServer('vigil-ui-admin-e2e-', { reusable: true });
      url = demo.url;
      browser = await launchChromium();
    }, 630_000);

    afterAll(async () => {
      await browser?.close();
      await demo?.stop();
    });

    const newUser = `e2e-${RUN}`;
    it('lets an administrator create an account and change its roles', async () => {
      const { context, page } = await open('demo-a-admin');
      await page.getByRole('link', { name: 'Users' }).click();
      await page.getByRole('button', { name: 'New account' }).click();
      await page.getByLabel('Username').fill(newUser);
      await page.getByLabel('Display name').fill('E2E new analyst');
      await page.getByLabel('Initial password').fill('a long synthetic passphrase 42');
      await page.getByRole('checkbox', { name: 'analyst', exact: true }).check();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByTestId('one-time-secret').waitFor();
      expect(await page.getByTestId('one-time-secret').textContent()).toMatch(
        new RegExp(`${newUser}.*TOTP secret [A-Z2-7]{16,}`),
      );
      await page.getByRole('cell', { name: newUser, exact: true }).waitFor();

      await page.getByRole('button', { name: `Edit roles of ${newUser}` }).click();
      const form = page.getByRole('form', { name: `Roles of ${newUser}` });
      await form.getByRole('checkbox', { name: 'investigator', exact: true }).check();
      expect(await seriousViolations(page)).toEqual([]);
      await form.getByRole('button', { name: /Save roles/ }).click();
      await page.getByText(`Roles of ${newUser}: analyst, investigator.`).waitFor();
      const users = await apiJsonIn<UserView[]>(page, '/api/users');
      expect(users.find((u) => u.username === newUser)?.roles.sort()).toEqual([
        'analyst',
        'investigator',
      ]);
      await context.close();
    });

    it('resets the sign-in of an account, which its owner finishes: a new password, then TOTP', async () => {
      const admin = await open('demo-a-admin');
      await admin.page.getByRole('link', { name: 'Users' }).click();
      await admin.page.getByRole('cell', { name: newUser, exact: true }).waitFor();
      // Never offered for the administrator's own account or the auditor's (separation of duties).
      for (const name of ['demo-a-admin', 'demo-a-auditor']) {
        const row = admin.page.getByRole('row').filter({ hasText: name });
        await row.waitFor();
        expect(await row.getByRole('button', { name: /Reset sign-in/ }).count()).toBe(0);
      }
      await admin.page.getByRole('button', { name: `Reset sign-in of ${newUser}` }).click();
      const shown = admin.page.getByTestId('one-time-secret');
      await shown.waitFor();
      const temporary = (await shown.locator('code').textContent()) ?? '';
      expect(temporary).toMatch(/^[\w-]{20,}$/);
      await admin.page
        .getByRole('row')
        .filter({ hasText: newUser })
        .getByText('reset pending')
        .waitFor();
      await admin.context.close();

      const { context, page } = await openPage(browser, pageErrors);
      await page.goto(`${url}/`);
      await page.getByLabel('Username').fill(newUser);
      await page.getByLabel('Password').fill(temporary);
      await page.getByLabel(/I have read the system-use notice/).check();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      // The session opened by the temporary password can do nothing but finish the reset.
      expect(await apiStatusIn(page, '/api/queue?limit=1')).toBe(403);
      const password = `renewed synthetic passphrase ${RUN}`;
      await page.getByLabel('Temporary password').fill(temporary);
      await page.getByLabel('New password', { exact: true }).fill(password);
      await page.getByLabel('Repeat the new password').fill(password);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Change password' }).click();

      await page.getByRole('heading', { name: 'Enrol your authenticator' }).waitFor();
      const totpSecret = (await page.getByTestId('totp-secret').textContent()) ?? '';
      expect(totpSecret).toMatch(/^[A-Z2-7]{32}$/);
      expect(await page.getByTestId('totp-uri').textContent()).toMatch(
        new RegExp(`^otpauth://totp/Vigil:${newUser}\\?.*secret=${totpSecret}`),
      );
      expect(await apiStatusIn(page, '/api/queue?limit=1')).toBe(403);
      const account = { username: newUser, password, totpSecret };
      await page.getByLabel('Code from the new entry').fill(await freshTotp(account));
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Confirm enrolment' }).click();
      await page.getByText(/Your authenticator is enrolled/).waitFor();
      expect(await apiStatusIn(page, '/api/auth/me')).toBe(401);

      // A full sign-in now needs the new password and the newly enrolled authenticator.
      await signIn(page, url, account);
      const me = await apiJsonIn<{ roles: string[]; mustEnrolTotp: boolean }>(page, '/api/auth/me');
      expect(me).toMatchObject({ roles: ['analyst', 'investigator'], mustEnrolTotp: false });
      await context.close();
    });

    let referredCase = '';
    let packageSha = '';
    it('refers a case from agency A, shown read-only among A’s sent referrals', async () => {
      const { context, page } = await open('demo-a-investigator');
      await page.getByTestId('queue-row').first().getByRole('link').click();
      await page.getByRole('button', { name: 'Open case' }).click();
      await page.getByTestId('case-state').waitFor();
      referredCase = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '')
        .replace(/^Case /, '')
        .split(':')[0]!;
      expect(referredCase).not.toBe('');
      await page.getByLabel('Refer to agency').fill('ON-GSPS');
      await page.getByLabel('Reason for the referral').fill('E2E: the subscriber moved to Sudbury');
      await page.getByRole('button', { name: 'Refer case' }).click();
      await page.getByTestId('case-state').getByText('referred out').waitFor();
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Referrals' })
        .click();
      const sent = page.getByTestId('referral-outgoing').filter({ hasText: referredCase });
      await sent.getByTestId('referral-status').getByText('pending').waitFor();
      expect(await sent.textContent()).toContain('ON-GSPS');
      // The package was frozen as sent: its SHA-256 is on the sender's record.
      packageSha = (await sent.getByTestId('package-sha256').textContent()) ?? '';
      expect(packageSha).toMatch(/^[0-9a-f]{64}$/);
      // A sent referral is a record: no accept or decline on the sender's side.
      expect(await sent.getByRole('button', { name: /Accept|Decline/ }).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });

    it('lets agency B’s supervisor accept it in the browser, which opens B’s own case', async () => {
      const { context, page } = await open('demo-b-supervisor');
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Referrals' })
        .click();
      const received = page.getByTestId('referral-incoming').filter({ hasText: referredCase });
      await received.getByTestId('referral-status').getByText('pending').waitFor();
      expect(await received.textContent()).toContain('E2E: the subscriber moved to Sudbury');
      // The receiver sees the same SHA-256, and the browser checks the package against it.
      expect(await received.getByTestId('package-sha256').textContent()).toBe(packageSha);
      await received.getByRole('button', { name: /^Open the package as sent/ }).click();
      const opened = received.getByTestId('package-as-sent');
      await opened.getByText('SHA-256 verified').waitFor();
      expect(await opened.getByTestId('package-check-sha256').textContent()).toBe(packageSha);
      expect(await seriousViolations(page)).toEqual([]);
      await received.getByRole('button', { name: `Accept ${referredCase}` }).click();
      await page.getByText(new RegExp(`Accepted ${referredCase}: your case .+ is open`)).waitFor();
      await received.getByTestId('referral-status').getByText('accepted').waitFor();
      await received.getByRole('link', { name: 'Open our case' }).click();
      await page.getByTestId('case-state').getByText('lead').waitFor();
      await context.close();

      // Agency A sees the decision on its sent referral.
      const a = await open('demo-a-investigator');
      await a.page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Referrals' })
        .click();
      await a.page
        .getByTestId('referral-outgoing')
        .filter({ hasText: referredCase })
        .getByTestId('referral-status')
        .getByText('accepted')
        .waitFor();
      await a.context.close();
    });

    it('withdraws a pending referral from A’s sent list; B can no longer open its package', async () => {
      const { context, page } = await open('demo-a-investigator');
      await page.getByTestId('queue-row').nth(1).getByRole('link').click();
      await page.getByRole('button', { name: 'Open case' }).click();
      await page.getByTestId('case-state').waitFor();
      const reference = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '')
        .replace(/^Case /, '')
        .split(':')[0]!;
      await page.getByLabel('Refer to agency').fill('ON-GSPS');
      await page.getByLabel('Reason for the referral').fill('E2E: to be withdrawn');
      await page.getByRole('button', { name: 'Refer case' }).click();
      await page.getByTestId('case-state').getByText('referred out').waitFor();
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Referrals' })
        .click();
      const sent = page.getByTestId('referral-outgoing').filter({ hasText: reference });
      await sent.getByLabel('Reason for withdrawing').fill('E2E: sent to the wrong agency');
      expect(await seriousViolations(page)).toEqual([]);
      await sent.getByRole('button', { name: `Withdraw ${reference}` }).click();
      await sent.getByTestId('referral-status').getByText('withdrawn').waitFor();
      expect(await sent.textContent()).toContain(
        'Withdrawn because: E2E: sent to the wrong agency',
      );
      await context.close();

      const b = await open('demo-b-supervisor');
      await b.page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Referrals' })
        .click();
      const received = b.page.getByTestId('referral-incoming').filter({ hasText: reference });
      await received.getByTestId('referral-status').getByText('withdrawn').waitFor();
      expect(await received.textContent()).toContain(
        'The package is no longer open to your agency.',
      );
      expect(await received.getByRole('button', { name: /package|Accept|Decline/ }).count()).toBe(
        0,
      );
      await b.context.close();
    });

    it('merges two subjects, then splits an address off a subject, each decision shown', async () => {
      const { context, page } = await open('demo-a-analyst');
      await page.getByTestId('queue-row').first().waitFor();
      const queue = (await apiJsonIn<{ items: QueueItem[] }>(page, '/api/queue?limit=100')).items;
      const [x, y] = queue;
      const z = queue.slice(2).find((i) => i.ips.length >= 2);
      if (!x || !y || !z) throw new Error('the demo queue needs two subjects and one with two IPs');

      await page.goto(`${url}/subjects/${x.subjectKey}`);
      await page.getByLabel('Other subject keys').fill(y.subjectKey);
      await page.getByLabel('Reason for the merge').fill('E2E: same client id on both');
      await page.getByRole('button', { name: 'Merge', exact: true }).click();
      const recorded = page.getByTestId('decision-recorded');
      await recorded.getByText(/Merge recorded/).waitFor();
      expect(await recorded.textContent()).toContain(y.subjectKey);

      await page.goto(`${url}/subjects/${z.subjectKey}`);
      await page
        .getByRole('checkbox', { name: new RegExp(`^${z.ips[0]!.replaceAll('.', '\\.')} `) })
        .check();
      await page.getByLabel('Reason for the split').fill('E2E: a different household');
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Split selected off' }).click();
      await recorded.getByText(/Split recorded/).waitFor();
      // The reloaded subject lists the decision that touches it.
      await page
        .getByTestId('subject-decisions')
        .getByRole('cell', { name: 'E2E: a different household' })
        .waitFor();
      await context.close();
    });

    it('draws the subject’s observation places over the Ontario outline, with a table', async () => {
      const { context, page } = await open('demo-a-analyst');
      const first = page.getByTestId('queue-row').first();
      await first.waitFor();
      await first.getByRole('link').click();
      const map = page.getByTestId('subject-map');
      await map.waitFor();
      expect(await map.locator('path.province').count()).toBe(1);
      const points = await map.getByTestId('map-point').count();
      expect(points).toBeGreaterThan(0);
      expect(await map.getByTestId('map-place').count()).toBe(points);
      // Agency A holds Toronto: its top subject is placed there.
      expect(await map.getByTestId('map-place').allTextContents()).toContainEqual(
        expect.stringMatching(/^Toronto/),
      );
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });

    it('ran every page under the server’s CSP without a violation or script error', () => {
      expect(pageErrors).toEqual([]);
    });
  },
);
