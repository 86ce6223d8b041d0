import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, startDemoServer, type DemoServer } from './demo-server.js';
import {
  apiJsonIn,
  apiStatusIn,
  assertChromium,
  browserSuite,
  launchChromium,
  seriousViolations,
  signIn,
} from './browser.js';

const runBrowser = browserSuite('e2e/ui', "the web UI's browser tests");

type QueueItem = { subjectKey: string; rank: number; attribution: { flags: string[] } };

(runBrowser ? describe : describe.skip)(
  'the web UI in Chromium, over a demo world',
  { timeout: 240_000 },
  () => {
    let demo: DemoServer | undefined;
    let url: string;
    let dataDir: string;
    let browser: Browser;
    let analyst: { context: BrowserContext; page: Page };
    const cspErrors: string[] = [];
    const open = () => openPage(browser, cspErrors);
    const account = (name: string) => demo!.account(name);

    beforeAll(async () => {
      assertChromium();
      demo = await startDemoServer('vigil-ui-e2e-', { reusable: true });
      ({ url, dataDir } = demo);
      browser = await launchChromium();
      analyst = await open();
    }, 630_000);

    afterAll(async () => {
      await browser?.close();
      await demo?.stop();
    });

    it('shows the system-use notice and the demo banner before sign-in, and refuses a wrong code', async () => {
      const { page } = analyst;
      await page.goto(`${url}/`, { waitUntil: 'domcontentloaded' });
      await expect
        .poll(() => page.getByTestId('system-use-notice').textContent())
        .toMatch(/\w{10}/);
      await expect.poll(() => page.getByTestId('demo-banner').textContent()).toMatch(/synthetic/);
      const a = account('demo-a-analyst');
      await page.getByLabel('Username').fill(a.username);
      await page.getByLabel('Password').fill(a.password);
      await page.getByLabel('Authenticator code').fill('000000');
      await page.getByLabel(/I have read the system-use notice/).check();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('signs in with a TOTP code and shows the ranked queue, top subject first', async () => {
      const { page } = analyst;
      await signIn(page, url, account('demo-a-analyst'));
      await page.getByRole('heading', { name: 'Priority queue' }).waitFor();
      await page.getByTestId('queue-row').first().waitFor();
      const api = await apiJsonIn<{ total: number; items: QueueItem[] }>(
        page,
        '/api/queue?limit=5&zeroScores=hide',
      );
      expect(api.total).toBeGreaterThan(10);
      const rows = page.getByTestId('queue-row');
      expect(await rows.count()).toBe(Math.min(50, api.total));
      expect(await rows.first().getByRole('link').textContent()).toBe(api.items[0]!.subjectKey);
      expect(await rows.first().textContent()).toMatch(/\+\d/); // its top reasons, with points
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('pages through the queue and keeps the page in the address', async () => {
      const { page } = analyst;
      // With the subjects scoring 0 listed: agency A's scored subjects alone may fit one page.
      await page.goto(`${url}/queue?zero=show`);
      await page.getByTestId('queue-row').first().waitFor();
      await page.getByRole('button', { name: 'Next' }).click();
      await page.waitForURL(/offset=50/);
      await expect
        .poll(() => page.getByTestId('queue-row').first().locator('td').first().textContent())
        .toBe('51');
      await page.getByRole('button', { name: 'Previous' }).click();
      await expect
        .poll(() => page.getByTestId('queue-row').first().locator('td').first().textContent())
        .toBe('1');
      await page.goto(`${url}/queue`);
      await page.getByTestId('queue-row').first().waitFor();
    });

    it('filters the queue on the server by an attribution flag, as the API does', async () => {
      const { page } = analyst;
      // A flag that some of agency A's subjects carry in the demo world, taken from the API.
      const all = await apiJsonIn<{ items: QueueItem[] }>(
        page,
        '/api/queue?limit=500&zeroScores=hide',
      );
      const flag = all.items.flatMap((i) => i.attribution.flags).sort()[0]!;
      expect(flag).toBeDefined();
      const api = await apiJsonIn<{ total: number; items: QueueItem[] }>(
        page,
        `/api/queue?limit=50&zeroScores=hide&flag=${flag}`,
      );
      expect(api.items.every((i) => i.attribution.flags.includes(flag))).toBe(true);
      await page.getByLabel(/^Flag/).selectOption(flag);
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForURL(new RegExp(`flag=${flag}`));
      await expect
        .poll(() => page.getByTestId('queue-row').getByRole('link').allTextContents())
        .toEqual(api.items.map((i) => i.subjectKey));
      await page.getByLabel(/^Flag/).selectOption('');
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect
        .poll(() => page.getByTestId('queue-row').count())
        .toBe(Math.min(50, all.items.length));
    });

    it('hides the subjects scoring 0 behind a switch that counts them and says why', async () => {
      const { page } = analyst;
      const zero = await apiJsonIn<{ total: number; items: QueueItem[] }>(
        page,
        '/api/queue?limit=1&zeroScores=only',
      );
      // The demo world has subjects whose files are unmatched or benign only.
      expect(zero.total).toBeGreaterThan(0);
      await page.getByRole('link', { name: 'Priority queue' }).click();
      const note = page.getByTestId('zero-scores');
      await note.waitFor();
      expect(await note.textContent()).toContain(`Hidden: ${zero.total} subjects scoring 0.`);
      expect(await note.textContent()).toMatch(/No scoring rule matched their evidence/);
      expect(await page.getByTestId('zero-why').count()).toBe(0);
      await note.getByRole('button', { name: `Show the ${zero.total} subjects scoring 0` }).click();
      await page.waitForURL(/zero=show/);
      // Scoring 0 sorts last: the last page lists them, each saying why.
      const total = (await apiJsonIn<{ total: number }>(page, '/api/queue?limit=1')).total;
      await page.goto(`${url}/queue?zero=show&offset=${total - 1}`);
      await page.getByTestId('zero-why').first().waitFor();
      // Each says its own cause (only benign files, only unmatched files…), from the API.
      const last = (
        await apiJsonIn<{ items: Array<{ zeroScoreCause: string | null }> }>(
          page,
          `/api/queue?limit=1&offset=${total - 1}`,
        )
      ).items[0]!;
      expect(last.zeroScoreCause).not.toBeNull();
      expect(await page.getByTestId('zero-why').first().textContent()).toMatch(
        /^Scores 0: (only|no) .+\.$/,
      );
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Hide the subjects scoring 0' }).click();
      await page.waitForURL((u) => !u.search.includes('zero=show'));
      await page.goto(`${url}/queue`);
      await page.getByTestId('queue-row').first().waitFor();
    });

    it('opens the top subject: the score line by line, charts with text, matched sets as text, no imagery', async () => {
      const { page } = analyst;
      const top = page.getByTestId('queue-row').first().getByRole('link');
      const key = (await top.textContent())!;
      await top.click();
      await page.waitForURL(new RegExp(`/subjects/${key}$`));
      await page.getByRole('heading', { name: 'Why this score' }).waitFor();
      expect(await page.title()).toBe('Subject · Vigil');
      const detail = await apiJsonIn<{ score: { reasons: Array<{ ruleId: string }> } }>(
        page,
        `/api/subjects/${key}`,
      );
      const lines = page.locator('table.explain tbody tr');
      expect(await lines.count()).toBe(detail.score.reasons.length);
      // Each evidence count opens the observations behind it, in a drawer that Esc closes.
      const count = lines.first().getByTestId('evidence-count');
      const n = Number(await count.textContent());
      await count.click();
      const drawer = page.getByRole('dialog');
      await drawer.waitFor();
      const rows = await drawer.getByTestId('observation-row').count();
      const others = await drawer.getByTestId('evidence-others').locator('li').count();
      expect(rows + others).toBe(n);
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });
      expect(await page.getByRole('img', { name: /Observations over time/ }).count()).toBe(1);
      expect(await page.getByRole('img', { name: /IP addresses over time/ }).count()).toBe(1);
      await page.getByTestId('matched-sets').waitFor();
      expect(await page.getByTestId('matched-sets').textContent()).toMatch(/known/);
      // Hash-only: no picture of any kind reaches the page.
      expect(await page.locator('img, picture, video, canvas').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
    });

    it('imports a file on the intake screen, shows the result and its rejected row', async () => {
      const { page } = analyst;
      await page.getByRole('link', { name: 'Intake' }).click();
      await page.getByRole('heading', { name: 'Intake' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      const file = join(dataDir, 'ui-upload.csv');
      writeFileSync(
        file,
        [
          'observed_at,network,ip,port,client_id,client_name,hash_type,hash,file_name,file_size,evidence_kind,observer,evidence_ref,evidence_sha256',
          '2015-06-01T10:00:00.000Z,gnutella,135.23.82.58,15652,,,sha1,J5S5DMZXAW75ZARXPSFTQ3IUUCPJDP3X,a.bin,100,query_hit,ui-test,,',
          '2015-06-01T10:05:00.000Z,gnutella,999.1.1.1,15652,,,sha1,ZFG22PHIU4FI64EK5Y2C6NZ5BNCEGXDS,b.bin,100,query_hit,ui-test,,',
        ].join('\n') + '\n',
      );
      await page.getByLabel('File', { exact: true }).setInputFiles(file);
      await page.getByRole('button', { name: 'Import' }).click();
      const summary = page.getByTestId('import-summary');
      await summary.waitFor({ timeout: 60_000 });
      expect(await summary.textContent()).toMatch(/1 accepted.*1 rejected/);
      await page.getByTestId('rejected-rows').waitFor();
      const rejected = await page.getByTestId('rejected-rows').textContent();
      expect(rejected).toContain('ui-upload.csv');
      expect(rejected).toMatch(/ip/);
    });

    it('lists hash sets and the jurisdiction rules', async () => {
      const { page } = analyst;
      await page.getByRole('link', { name: 'Hash sets' }).click();
      await page.getByRole('cell', { name: 'known', exact: true }).first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Jurisdiction' }).click();
      await page.getByRole('cell', { name: 'ON-TPS', exact: true }).first().waitFor();
      await page.getByLabel('Municipality or agency').fill('toronto');
      expect(await page.locator('main tbody tr').count()).toBeGreaterThan(0);
      expect(await page.locator('main tbody').textContent()).toContain('ON-TPS');
      expect(await seriousViolations(page)).toEqual([]);
    });

    // Before the administrators' test, which resets this account's MFA.
    it('lets agency A’s investigator open a case from the top subject, assess it, and read the unit statistics', async () => {
      const { context, page } = await open();
      await signIn(page, url, account('demo-a-investigator'));
      const top = page.getByTestId('queue-row').first().getByRole('link');
      const key = (await top.textContent())!;
      await top.click();
      await page.getByLabel('Case title').fill(`UI test case ${key}`);
      await page.getByRole('button', { name: 'Open case' }).click();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name: new RegExp(`UI test case ${key}`) }).waitFor();
      expect(await page.getByTestId('case-state').textContent()).toBe('lead');
      expect(await page.getByRole('link', { name: key }).count()).toBe(1);
      await page.getByRole('button', { name: 'Mark assessed' }).click();
      await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('assessed');
      expect(await page.getByTestId('case-history').locator('tr').count()).toBe(2);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Cases', exact: true }).click();
      await page.getByTestId('case-row').first().waitFor();
      expect(await page.getByTestId('case-row').first().textContent()).toContain(
        `UI test case ${key}`,
      );
      await page.getByRole('link', { name: 'Statistics' }).click();
      await page.getByTestId('unit-report').waitFor();
      const from = await page.getByLabel('From').inputValue();
      const to = await page.getByLabel('To').inputValue();
      const report = await apiJsonIn<{ leadsReceived: number; subjectsPrioritised: number }>(
        page,
        `/api/reports/unit?from=${from}&to=${to}`,
      );
      expect(report.leadsReceived).toBeGreaterThan(0);
      expect(report.subjectsPrioritised).toBeGreaterThan(0);
      const figure = (label: string) =>
        page.locator('dl.facts div', { has: page.getByText(label, { exact: true }) }).locator('dd');
      expect(await figure('Leads received').textContent()).toBe(String(report.leadsReceived));
      expect(await figure('Subjects prioritised').textContent()).toBe(
        String(report.subjectsPrioritised),
      );
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });

    it('shows administrators their own agency’s users only', async () => {
      const { context, page } = await open();
      await signIn(page, url, account('demo-a-admin'));
      await page.getByRole('link', { name: 'Users' }).click();
      await page.getByRole('cell', { name: 'demo-a-analyst', exact: true }).waitFor();
      const text = await page.locator('main').textContent();
      expect(text).toContain('demo-a-investigator');
      expect(text).not.toContain('demo-b-investigator');
      expect(await seriousViolations(page)).toEqual([]);
      // A sign-in reset, confirmed, shows the temporary password once.
      page.once('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: 'Reset sign-in of demo-a-investigator' }).click();
      await page.getByTestId('one-time-secret').waitFor();
      expect(await page.getByTestId('one-time-secret').textContent()).toMatch(
        /Temporary password [\w-]{20,}/,
      );
      await context.close();
    });

    it('shows auditors the audit log, including the analyst’s reads', async () => {
      const { context, page } = await open();
      await signIn(page, url, account('demo-a-auditor'));
      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.getByLabel('Action').fill('subject.read');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByRole('cell', { name: 'subject.read' }).first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });

    let seenByA: string[] = [];
    let seenByB: string[] = [];
    it('signs in a second agency’s investigator, who reaches the queue screen', async () => {
      seenByA = (
        await apiJsonIn<{ items: QueueItem[] }>(analyst.page, '/api/queue?limit=50')
      ).items.map((i) => i.subjectKey);
      const { context, page } = await open();
      await signIn(page, url, account('demo-b-investigator'));
      await page.getByRole('heading', { name: 'Priority queue' }).waitFor();
      // The queue has loaded: its rows, or the empty-queue message.
      await page
        .getByTestId('queue-row')
        .first()
        .or(page.getByText('No subjects in this queue.'))
        .waitFor();
      seenByB = await page.getByTestId('queue-row').getByRole('link').allTextContents();
      await context.close();
      expect(seenByA.length).toBeGreaterThan(0);
    });

    // The demo's agency A (Toronto) and agency B (Greater Sudbury) have disjoint jurisdictions.
    it('shows the second agency none of the first agency’s subjects', () => {
      expect(seenByB.filter((k) => seenByA.includes(k))).toEqual([]);
    });

    it('locks the screen after 30 minutes without activity', async () => {
      const { context, page } = await open();
      await page.clock.install();
      await signIn(page, url, account('demo-a-analyst'));
      await page.clock.fastForward('29:00');
      expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
      await page.clock.fastForward('01:30');
      await page.getByText(/Locked after 30 minutes without activity/).waitFor();
      expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
      // The server session is gone too, not just the screen.
      expect(await apiStatusIn(page, '/api/auth/me')).toBe(401);
      await context.close();
    });

    it('signs out back to the sign-in page and ends the session', async () => {
      const { page } = analyst;
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to Vigil' }).waitFor();
      expect(await apiStatusIn(page, '/api/auth/me')).toBe(401);
    });

    it('ran every page under the server’s CSP without a violation or script error', () => {
      expect(cspErrors).toEqual([]);
    });
  },
);
