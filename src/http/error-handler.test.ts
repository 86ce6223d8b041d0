import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import {
  ConflictError,
  ForbiddenContentError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '#shared/errors.js';
import { createErrorHandler } from './error-handler.js';

function appThrowing(error: Error, logs: string[] = []) {
  const logger = pino({ level: 'error' }, { write: (line: string) => logs.push(line) });
  const app = new Hono();
  app.onError(createErrorHandler(logger));
  app.get('/boom', () => {
    throw error;
  });
  return app;
}

describe(createErrorHandler.name, () => {
  it.each([
    [new NotFoundError('no case'), 404, 'not_found'],
    [new ValidationError('bad', [{ path: 'ip', reason: 'not an IP' }]), 400, 'validation_failed'],
    [new ForbiddenContentError('image'), 415, 'forbidden_content'],
    [new ConflictError('dup'), 409, 'conflict'],
    [new UnauthorizedError('login'), 401, 'unauthorized'],
  ])('maps %s to its status and code', async (error, status, code) => {
    const res = await appThrowing(error).request('/boom');
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    // not_found always renders one generic message: a foreign object must look like a missing one.
    expect(body.error.message).toBe(code === 'not_found' ? 'Not found' : error.message);
  });

  it('keeps validation details', async () => {
    const res = await appThrowing(
      new ValidationError('bad', [{ path: 'ip', reason: 'x' }]),
    ).request('/boom');
    expect(await res.json()).toEqual({
      error: { code: 'validation_failed', message: 'bad', details: [{ path: 'ip', reason: 'x' }] },
    });
  });

  it('hides unknown errors behind a 500 and logs the stack', async () => {
    const logs: string[] = [];
    const res = await appThrowing(new Error('SELECT secret FROM /etc/passwd'), logs).request(
      '/boom',
    );
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/secret|passwd|at /);
    expect(JSON.parse(text).error.code).toBe('internal');
    expect(logs.join('')).toMatch(/SELECT secret/);
  });
});
