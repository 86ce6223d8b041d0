import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '#src/app.js';
import { fixedClock } from '#test/clock.js';
import { createTestCore } from '#test/core.js';
import { newOrganisation, newUser, sessionCookie } from '#test/security.js';
import { createHttpApp } from './app.js';
import { CSRF_HEADER } from './security/csrf.js';

const MB5 = 5 * 1024 * 1024;

const fill = (head: string, unit: string, tail = '') =>
  Buffer.from(
    head + unit.repeat(Math.floor((MB5 - head.length - tail.length) / unit.length)) + tail,
  );

type Reply = { status: number; body: string; ms: number };

function send(
  port: number,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<Reply> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - start }),
        );
      },
    );
    req.on('error', reject);
    // The server may answer (and close) before the whole hostile body is written.
    req.on('socket', (socket) => socket.on('error', () => undefined));
    req.end(init.body);
  });
}

/**
 * Hostile 5 MB uploads, each posted while `/api/health` is polled over its own connection: every
 * health answer must come promptly (the parsers are linear and stream; none holds the event loop),
 * and the upload is refused with a 4xx naming why, never a 500.
 */
describe('a hostile 5 MB upload does not stall the server', () => {
  let core: Core;
  let server: Server;
  let port: number;
  let cookie: string;

  beforeAll(async () => {
    core = await createTestCore({
      clock: fixedClock('2026-01-01T00:00:00Z'),
      maxUploadBytes: 6 * 1024 * 1024,
    });
    const user = await newUser(core, (await newOrganisation(core)).id, ['system_admin']);
    cookie = await sessionCookie(core, user.id);
    server = createAdaptorServer({ fetch: createHttpApp(core).fetch }) as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await core.close();
  });

  it.each([
    // The former pre-check retried a lazy tag pattern from every "<": hours of CPU on this.
    [
      'cybertip',
      'an XML pre-check pathology (2.6M "<a", no ">")',
      fill('<report>', '<a'),
      /well-formed/,
    ],
    ['cybertip', 'deeply nested XML', fill('', '<a>'), /nested deeper than 64/],
    ['cybertip', 'a 5 MB attribute name without "="', fill('<report ', 'a.', '>'), /has no value/],
    ['p2p-csv', 'one giant CSV line (the header)', fill('', 'a;'), /longer than/],
    ['p2p-csv', 'an unterminated quote over 5 MB', fill('"', 'a;\n'), /quote not closed/],
  ])('%s: %s', async (format, _name, body, reason) => {
    const health: Reply[] = [];
    const state = { isUploading: true };
    const poll = (async () => {
      while (state.isUploading) {
        health.push(await send(port, '/api/health'));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const upload = await send(
      port,
      `/api/intake/imports?format=${format}&name=hostile${format === 'cybertip' ? '&strict=true' : ''}`,
      {
        method: 'POST',
        body,
        headers: {
          cookie,
          [CSRF_HEADER]: '1',
          'content-type': 'application/octet-stream',
          'content-length': String(body.length),
          'idempotency-key': `stall-${format}-${body.length}-${Math.random()}`,
        },
      },
    );
    state.isUploading = false;
    await poll;
    expect({ status: Math.floor(upload.status / 100), body: upload.body }).toMatchObject({
      status: 4,
    });
    expect(upload.body).toMatch(reason);
    expect(health.length).toBeGreaterThan(0);
    for (const answer of health) {
      expect(answer.status).toBe(200);
      expect(answer.ms).toBeLessThan(1000);
    }
  });
});
