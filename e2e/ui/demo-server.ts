import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { vigil, waitForUrl, type Proc } from '../process.js';
import { demoAccounts, type DemoAccount } from './browser.js';

/** A `vigil serve --demo` for one test file, and its demo sign-ins. */
export type DemoServer = {
  url: string;
  /** The server's data directory (a temporary one unless reused). */
  dataDir: string;
  account(username: string): DemoAccount;
  /** Stops a server of its own and removes its directory; leaves a reused one alone. */
  stop(): Promise<void>;
};

/**
 * Starts a demo server in a temporary directory, or, when `reusable` and VIGIL_URL with
 * VIGIL_DEMO_DIR are set, uses that running one (as `npm run screenshots` does). Resolves once the
 * server answers requests.
 */
export async function startDemoServer(
  prefix: string,
  options: { reusable?: boolean; env?: Record<string, string> } = {},
): Promise<DemoServer> {
  const reuse = options.reusable ? process.env.VIGIL_URL : undefined;
  const reuseDir = process.env.VIGIL_DEMO_DIR;
  let server: Proc | undefined;
  let url: string;
  let dataDir: string;
  if (reuse && reuseDir) {
    url = reuse.replace(/\/$/, '');
    dataDir = reuseDir;
  } else {
    dataDir = mkdtempSync(join(tmpdir(), prefix));
    server = vigil(['serve', '--demo', '--port', '0', '--data-dir', dataDir], options.env);
    url = await waitForUrl(server, 300_000);
  }
  await untilAnswering(url, 300_000);
  const accounts = demoAccounts(dataDir);
  return {
    url,
    dataDir,
    account(username) {
      const a = accounts.get(username);
      if (!a) throw new Error(`no demo account ${username}`);
      return a;
    },
    async stop() {
      if (!server) return;
      if (server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until the server answers a request: a demo server's worker may still be rescoring after
 * the URL is printed, and on a loaded machine its first pages can wait for it.
 */
async function untilAnswering(url: string, budgetMs: number): Promise<void> {
  const deadline = Date.now() + budgetMs;
  for (;;) {
    const ok = await fetch(`${url}/api/auth/notice`, { signal: AbortSignal.timeout(30_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${budgetMs} ms`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** A 1280x800 page that records CSP violations and script errors into `errors`. */
export async function openPage(
  browser: Browser,
  errors: string[],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // The first pages may load while the demo's worker is still rescoring on a small machine.
  page.setDefaultTimeout(120_000);
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  return { context, page };
}
