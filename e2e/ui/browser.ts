import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOTP } from 'otpauth';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/**
 * Whether a browser suite runs: Debian's Chromium drives them. Without it a suite is skipped,
 * loudly (it names itself and what did not run), except in CI, where a missing browser fails it.
 */
export function browserSuite(name: string, what: string): boolean {
  const run = hasChromium || Boolean(process.env.CI);
  if (!run) {
    console.warn(
      `SKIPPED ${name}: ${CHROMIUM} is not installed (apt-get install chromium); ${what} did not run.`,
    );
  }
  return run;
}

/** Fails a suite that runs without the browser (in CI): before its demo server starts. */
export function assertChromium(): void {
  if (!hasChromium) throw new Error(`CI needs ${CHROMIUM} for the browser tests`);
}

/** Debian's Chromium, headless; `extraArgs` add launch flags (a test certificate to accept). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export type DemoAccount = { username: string; password: string; totpSecret: string };

/** The demo sign-ins `vigil serve --demo` wrote into its data directory. */
export function demoAccounts(dataDir: string): Map<string, DemoAccount> {
  const state = JSON.parse(readFileSync(join(dataDir, 'demo-accounts.json'), 'utf8')) as {
    accounts: DemoAccount[];
  };
  return new Map(state.accounts.map((a) => [a.username, a]));
}

/** Signs in through the sign-in page, as a person would (notice accepted, TOTP typed). */
export async function signIn(page: Page, url: string, account: DemoAccount): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByLabel('Authenticator code').fill(await freshTotp(account));
  await page.getByLabel(/I have read the system-use notice/).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** axe-core injected into the page; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const source = readFileSync(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol: the page's CSP (rightly) refuses inline scripts.
  await page.evaluate(source);
  // A string, run in the page: `axe` is the page's global, not this module's.
  const result = (await page.evaluate("axe.run({ resultTypes: ['violations'] })")) as {
    violations: Array<{
      id: string;
      impact: string | null;
      help: string;
      nodes: Array<{ target: unknown }>;
    }>;
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
}

/** A request from inside the page (its session cookie, its origin, the CSRF header): the status. */
export async function apiStatusIn(
  page: Page,
  path: string,
  method = 'GET',
  body?: unknown,
): Promise<number> {
  return page.evaluate(
    async ([p, m, b]) => {
      const init: RequestInit = { method: m };
      if (m !== 'GET') {
        init.headers = { 'X-Vigil-Request': '1', 'Content-Type': 'application/json' };
        init.body = JSON.stringify(b ?? {});
      }
      return (await fetch(p, init)).status;
    },
    [path, method, body] as const,
  );
}

/** GET an API path from inside the page; throws on an error status. */
export async function apiJsonIn<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(p);
    if (!res.ok) throw new Error(`${p}: ${res.status}`);
    return res.json();
  }, path) as Promise<T>;
}

const lastStep = new Map<string, number>();

/**
 * A TOTP code the server has not seen for this account in this test run. The server takes the
 * current step or its neighbours but refuses any step not after the last one used (no replay), so
 * a second sign-in or step-up within 30 seconds uses the next step's code, and a third waits.
 */
export async function freshTotp(account: DemoAccount): Promise<string> {
  for (;;) {
    const now = Math.floor(Date.now() / 30_000);
    const step = Math.max(now, (lastStep.get(account.username) ?? now - 1) + 1);
    if (step <= now + 1) {
      lastStep.set(account.username, step);
      return new TOTP({ secret: account.totpSecret }).generate({ timestamp: step * 30_000 });
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
