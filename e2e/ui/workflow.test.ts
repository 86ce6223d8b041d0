import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, startDemoServer, type DemoServer } from './demo-server.js';
import {
  apiJsonIn,
  freshTotp,
  apiStatusIn,
  assertChromium,
  browserSuite,
  launchChromium,
  seriousViolations,
  signIn,
} from './browser.js';

// The investigation story of issue 9, in Chromium over a demo world: from the queue's top subject
// to a production order, a revealed subscriber, a warrant executed and charges, seen in the unit
// statistics, and invisible to a second agency. Skipped loudly without Chromium (failed in CI).
const runBrowser = browserSuite('e2e/ui/workflow', 'the investigation story');

/** A UTC instant as a datetime-local value (minutes, or seconds when asked). */
const local = (ms: number, seconds = false) =>
  new Date(ms).toISOString().slice(0, seconds ? 19 : 16);
const DAY = 86_400_000;
const SUBSCRIBER = 'Synthetic Subscriber 42';

type Subject = { timeline: Array<{ ip: string; port: number; observedAt: string }> };
type Case = {
  id: string;
  reference: string;
  state: string;
  identities: Array<{ id: string; name: string }>;
};

/** A figure of the unit statistics page, as shown. */
async function figure(page: Page, label: string): Promise<number> {
  const dd = page
    .locator('dl.facts div', { has: page.getByText(label, { exact: true }) })
    .locator('dd');
  return Number((await dd.textContent())!.replaceAll(/\D/g, ''));
}
async function openStatistics(page: Page) {
  await page.getByRole('link', { name: 'Statistics' }).click();
  await page.getByTestId('unit-report').waitFor();
}
const state = (page: Page) => page.getByTestId('case-state').textContent();

(runBrowser ? describe : describe.skip)(
  'the investigation workflow in Chromium, over a demo world',
  { timeout: 300_000 },
  () => {
    let demo: DemoServer | undefined;
    let url: string;
    let browser: Browser;
    let investigator: { context: BrowserContext; page: Page };
    const pageErrors: string[] = [];
    // What agency A created, checked from agency B at the end.
    const made = { caseId: '', reference: '', subjectKey: '', identityId: '' };
    const before = { warrants: 0, charges: 0 };
    const open = () => openPage(browser, pageErrors);
    const account = (name: string) => demo!.account(name);

    beforeAll(async () => {
      assertChromium();
      // Identities are sealed at rest: a synthetic, throw-away field key for a server of its own
      // (a reused server, VIGIL_URL with VIGIL_DEMO_DIR, must have been started with one).
      demo = await startDemoServer('vigil-ui-workflow-', {
        reusable: true,
        env: { VIGIL_ENCRYPTION_KEY: randomBytes(32).toString('hex') },
      });
      url = demo.url;
      browser = await launchChromium();
      investigator = await open();
    }, 630_000);

    afterAll(async () => {
      await browser?.close();
      await demo?.stop();
    });

    it('signs in agency A’s investigator and reads the unit statistics before', async () => {
      const { page } = investigator;
      await signIn(page, url, account('demo-a-investigator'));
      await openStatistics(page);
      before.warrants = await figure(page, 'Warrants executed');
      before.charges = await figure(page, 'Charges');
      const from = await page.getByLabel('From').inputValue();
      const to = await page.getByLabel('To').inputValue();
      const report = await apiJsonIn<{ warrantsExecuted: number; charges: { total: number } }>(
        page,
        `/api/reports/unit?from=${from}&to=${to}`,
      );
      expect(before).toEqual({ warrants: report.warrantsExecuted, charges: report.charges.total });
    });

    it('opens a case on the queue’s top subject', async () => {
      const { page } = investigator;
      await page.getByRole('link', { name: 'Priority queue' }).click();
      const top = page.getByTestId('queue-row').first().getByRole('link');
      made.subjectKey = (await top.textContent())!;
      const queue = await apiJsonIn<{ items: Array<{ subjectKey: string }> }>(
        page,
        '/api/queue?limit=1',
      );
      expect(made.subjectKey).toBe(queue.items[0]!.subjectKey);
      await top.click();
      await page.getByLabel('Case title').fill(`Workflow ${made.subjectKey}`);
      await page.getByRole('button', { name: 'Open case' }).click();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      made.caseId = new URL(page.url()).pathname.split('/').pop()!;
      await page.getByRole('heading', { level: 1, name: /: Workflow / }).waitFor();
      made.reference = (await apiJsonIn<Case>(page, `/api/cases/${made.caseId}`)).reference;
      expect(await state(page)).toBe('lead');
      // Only the moves the state allows: from a lead, assessing (and closing), not skipping.
      const moves = page.getByRole('group', { name: 'Move the case' });
      expect(await moves.getByRole('button').allTextContents()).toEqual(['Mark assessed']);
      // A past event may be entered with its effective date, never one before the case opened.
      await page.getByTestId('move-effective').getByText('Entering a past event?').click();
      const effective = page.getByTestId('move-effective').getByLabel('Effective date (UTC)');
      await effective.fill(local(Date.now() - 30 * DAY));
      await page.getByRole('button', { name: 'Mark assessed' }).click();
      await page
        .getByRole('alert')
        .getByText(/effectiveAt is before the case was opened/)
        .waitFor();
      expect(await state(page)).toBe('lead');
      await effective.fill('');
      await page.getByRole('button', { name: 'Mark assessed' }).click();
      await expect.poll(() => state(page)).toBe('assessed');
      expect(await moves.getByRole('button').allTextContents()).toEqual([
        'Mark legal process requested',
      ]);
      await page.getByRole('button', { name: 'Mark legal process requested' }).click();
      await expect.poll(() => state(page)).toBe('legal process requested');
      // The next step is a record, not a button.
      await page.getByTestId('next-step').waitFor();
      expect(await moves.count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('records a production order scoped to the subject’s address and time', async () => {
      const { page } = investigator;
      const subject = await apiJsonIn<Subject>(page, `/api/subjects/${made.subjectKey}`);
      const seen = subject.timeline[0]!;
      const at = Date.parse(seen.observedAt);
      await page.getByText('Record a legal authority', { exact: true }).click();
      const form = page.getByRole('form', { name: 'Record a legal authority' });
      await form.getByLabel('Order type').selectOption('production_order');
      await form.getByLabel('Court').fill('Ontario Court of Justice, Toronto');
      await form.getByLabel('Order number').fill('PO-UI-0001');
      await form.getByLabel('Issued (UTC)').fill(local(Date.now() - DAY));
      await form.getByLabel('SHA-256 of the signed document').fill('ab'.repeat(32));
      await form.getByLabel('Address or CIDR block 1').fill(seen.ip);
      await form.getByLabel('From 1').fill(local(at - DAY));
      await form.getByLabel('To 1').fill(local(at + DAY));
      await form.getByRole('button', { name: 'Record authority' }).click();
      await page.getByTestId('authorities').getByText('PO-UI-0001').waitFor();
      expect(await page.getByTestId('authorities').textContent()).toContain(seen.ip);

      // A preservation demand preserves; it does not disclose: the API's 422 reason is shown.
      await page.getByText('Attach a subscriber identity', { exact: true }).click();
      const attach = page.getByRole('form', { name: 'Attach a subscriber identity' });
      await attach.getByLabel('IP address').fill('192.0.2.77');
      await attach.getByLabel('Port').fill(String(seen.port));
      await attach.getByLabel('Observed (UTC)').fill(local(at, true));
      await attach.getByLabel('Subscriber name').fill(SUBSCRIBER);
      await attach.getByLabel('Installation (service) address').fill('1 Synthetic Way, Toronto');
      await attach.getByLabel(/^Reason/).fill('Production order response received from the ISP');
      await attach.getByRole('button', { name: 'Attach identity' }).click();
      const refusal = attach.getByRole('alert');
      await refusal.waitFor();
      expect(await refusal.textContent()).toMatch(/authorit|scope|cover/i);
      expect(await page.getByTestId('identities').count()).toBe(0);

      // The address the order covers is accepted, and listed masked. The ISP's local time has
      // zero seconds, which the browser drops from the value: the form puts them back (#15).
      await attach.getByLabel('IP address').fill(seen.ip);
      await attach
        .getByLabel('ISP’s local time')
        .fill(`${local(at - 5 * 3_600_000).slice(0, 16)}:00`);
      expect(await attach.getByLabel('ISP’s local time').inputValue()).toHaveLength(16);
      await attach.getByLabel('ISP’s time zone (IANA)').fill('America/Toronto');
      await attach.getByRole('button', { name: 'Attach identity' }).click();
      await page.getByTestId('identity-row').first().waitFor();
      expect(await page.getByTestId('identity-row').first().textContent()).toMatch(
        /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00 America\/Toronto/,
      );
      await expect.poll(() => state(page)).toBe('subscriber identified');
      const masked = await page.getByTestId('identities').textContent();
      expect(masked).toContain('••••••');
      expect(masked).not.toContain(SUBSCRIBER);
      made.identityId = (
        await apiJsonIn<Case>(page, `/api/cases/${made.caseId}`)
      ).identities[0]!.id;
      // The one who recorded the identity is not offered the second-person confirmation (#15).
      await page.getByTestId('confirmation-not-offered').waitFor();
      expect(await page.getByTestId('confirmation-not-offered').textContent()).toMatch(
        /second person/,
      );
      expect(
        await page.getByText('Confirm the attribution (second person)', { exact: true }).count(),
      ).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('reveals the subscriber in a keyboard-operable dialog, with a reason and a step-up', async () => {
      const { page } = investigator;
      const opener = page.getByRole('button', { name: /^Reveal identity on / });
      await opener.click();
      const dialog = page.getByRole('dialog', { name: /Reveal the subscriber/ });
      await dialog.waitFor();
      // Focus starts inside and stays there; Esc closes and gives focus back to the opener.
      expect(
        await dialog.getByLabel('Purpose').evaluate((e) => e === e.ownerDocument.activeElement),
      ).toBe(true);
      for (let k = 0; k < 6; k++) {
        await page.keyboard.press('Tab');
        expect(
          await dialog.evaluate(
            (d) => d.contains(d.ownerDocument.activeElement) || !d.ownerDocument.hasFocus(),
          ),
        ).toBe(true);
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await opener.evaluate((e) => e === e.ownerDocument.activeElement)).toBe(true);

      await page.keyboard.press('Enter');
      await dialog.waitFor();
      await dialog.getByLabel('Purpose').selectOption('investigation');
      await dialog.getByLabel(/Reason for revealing/).fill('Preparing the search warrant');
      await dialog.getByRole('button', { name: 'Reveal', exact: true }).click();
      // The sign-in is older than the API's step-up window: it asks to confirm who is there.
      await dialog.getByLabel('Password').waitFor();
      expect(await dialog.textContent()).not.toContain(SUBSCRIBER);
      expect(await seriousViolations(page)).toEqual([]);
      const me = account('demo-a-investigator');
      await dialog.getByLabel('Password').fill(me.password);
      await dialog.getByLabel('Authenticator code').fill(await freshTotp(me));
      await dialog.getByRole('button', { name: 'Confirm and reveal' }).click();
      await dialog.getByTestId('revealed-identity').waitFor();
      expect(await dialog.getByTestId('revealed-identity').textContent()).toContain(SUBSCRIBER);
      expect(await seriousViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Close and mask' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await page.locator('main').textContent()).not.toContain(SUBSCRIBER);
    });

    it('shows agency A’s auditor who revealed the subscriber, by name, with the purpose and reason', async () => {
      const { context, page } = await open();
      await signIn(page, url, account('demo-a-auditor'));
      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.getByLabel('Action').fill('identity.reveal');
      await page.getByRole('button', { name: 'Apply' }).click();
      const row = page
        .getByRole('row', { name: /identity\.reveal/ })
        .filter({ hasText: 'success' });
      await row.first().waitFor();
      const text = (await row.first().textContent()) ?? '';
      expect(text).toContain('DEMO investigator');
      expect(text).toContain('Investigation');
      expect(text).toContain('Preparing the search warrant');
      expect(text).not.toContain(SUBSCRIBER);
      // Filtered by the owner of the data: the reveal touched agency A's case.
      const owners = page.getByLabel('Data of');
      const own = (await owners.locator('option').allTextContents()).find((o) => o.includes('('));
      await owners.selectOption({ label: own! });
      await page.getByRole('button', { name: 'Apply' }).click();
      await page
        .getByRole('row', { name: /identity\.reveal/ })
        .first()
        .waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });

    it('records a warrant sought (override when the API asks), granted and executed, then charges', async () => {
      const { page } = investigator;
      await page.getByText('Record a warrant sought', { exact: true }).click();
      const seek = page.getByRole('form', { name: 'Record a warrant sought' });
      await seek.getByLabel('Warrant type').selectOption('search_warrant');
      await seek.getByRole('button', { name: 'Record warrant sought' }).click();
      await seek.getByRole('alert').waitFor();
      expect(await seek.getByRole('alert').textContent()).toMatch(/readiness|checklist|not met/i);
      await seek
        .getByLabel(/Override reason/)
        .fill('Single observation day accepted by the supervisor for urgency');
      await seek.getByRole('button', { name: 'Record warrant sought' }).click();
      await page.getByTestId('warrant-row').first().waitFor();
      await expect.poll(() => state(page)).toBe('warrant sought');
      expect(await page.getByTestId('warrants').textContent()).toMatch(/readiness overridden/);

      await page.getByText('Record a warrant issued and executed', { exact: true }).click();
      const exec = page.getByRole('form', { name: 'Record a warrant issued and executed' });
      await exec.getByLabel('Issued (UTC)').fill(local(Date.now() - 3 * 3_600_000));
      // Executed after it was sought (just now): an earlier time is refused (#15).
      await exec.getByLabel(/^Executed/).fill(local(Date.now()));
      await exec.getByLabel('Result').selectOption('evidence_seized');
      await exec.getByRole('button', { name: 'Record execution' }).click();
      await expect.poll(() => state(page)).toBe('warrant executed');
      expect(await page.getByTestId('warrants').textContent()).toMatch(/evidence seized/);

      await page.getByText('Record an arrest', { exact: true }).click();
      const arrest = page.getByRole('form', { name: 'Record an arrest' });
      await arrest.getByLabel(/^Accused/).fill('RMS-UI-0001');
      await arrest.getByLabel('Arrested (UTC)').fill(local(Date.now() - 1_800_000));
      await arrest.getByRole('button', { name: 'Record arrest' }).click();
      // The form folds away and says what was recorded.
      await page.getByText(/^Arrest recorded\./).waitFor();
      expect(await arrest.isVisible()).toBe(false);

      await page.getByText('Record charges laid', { exact: true }).click();
      const charges = page.getByRole('form', { name: 'Record charges laid' });
      // A new charge defaults to the arrest just recorded.
      expect(await charges.getByLabel('Arrest').locator('option:checked').textContent()).toContain(
        'RMS-UI-0001',
      );
      await charges.getByLabel(/s\. 163\.1\(4\) Possession/).fill('2');
      await charges.getByLabel(/s\. 163\.1\(3\) Distribution/).fill('1');
      await charges.getByRole('button', { name: 'Record charges' }).click();
      await expect.poll(() => state(page)).toBe('charged');
      // Two counts of one offence are one line with a count.
      await expect.poll(() => page.getByTestId('charges').locator('li').count()).toBe(2);
      expect(await page.getByTestId('charges').textContent()).toMatch(/Possession[^,]*× 2/);
      expect(await page.getByTestId('charges').textContent()).toContain('(arrest RMS-UI-0001)');
      await page.getByText('Charges recorded.').waitFor();
      // Laid today: the wording in force since 10 October 2025.
      expect(await page.getByTestId('charges').textContent()).toContain(
        'child sexual abuse and exploitation material',
      );
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('shows the warrant and the charges in the unit statistics', async () => {
      const { page } = investigator;
      await openStatistics(page);
      expect(await figure(page, 'Warrants executed')).toBe(before.warrants + 1);
      expect(await figure(page, 'Charges')).toBe(before.charges + 3);
      await investigator.context.close();
    });

    it('shows agency B none of it: not the case, the subject or the identity', async () => {
      const { context, page } = await open();
      await signIn(page, url, account('demo-b-investigator'));
      await page.goto(`${url}/cases/${made.caseId}`);
      await page.getByText('Not found, or not open to you.').waitFor();
      await page.goto(`${url}/subjects/${made.subjectKey}`);
      await page.getByText('Not found, or not open to you.').waitFor();
      await page.goto(`${url}/cases`);
      await page.getByRole('heading', { name: 'Cases' }).waitFor();
      await page.getByTestId('case-row').first().or(page.getByText('No cases yet.')).waitFor();
      expect(await page.locator('main').textContent()).not.toContain(made.reference);
      expect([403, 404]).toContain(await apiStatusIn(page, `/api/cases/${made.caseId}`));
      expect([403, 404]).toContain(await apiStatusIn(page, `/api/subjects/${made.subjectKey}`));
      // Even stepped up and with a reason, B's reveal finds nothing.
      const b = account('demo-b-investigator');
      expect(
        await apiStatusIn(page, '/api/auth/step-up', 'POST', {
          password: b.password,
          totp: await freshTotp(b),
        }),
      ).toBe(204);
      const reveal = await apiStatusIn(page, `/api/identities/${made.identityId}/reveal`, 'POST', {
        justification: {
          caseReference: made.reference,
          purpose: 'investigation',
          text: 'Another agency trying to read it',
        },
      });
      expect([403, 404]).toContain(reveal);
      await context.close();
    });

    it('ran every page under the server’s CSP without a violation or script error', () => {
      expect(pageErrors).toEqual([]);
    });
  },
);
