// The client's retries against a server that fails on purpose: 5xx, 429 with Retry-After, and
// connections reset mid-request.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { ApiError } from '../../main/core/api/errors.ts';

type Script = Array<(req: IncomingMessage, res: ServerResponse) => void>;
let script: Script = [];
let seen = 0;
const server = createServer((req, res) => {
  const step = script[Math.min(seen++, script.length - 1)]!;
  req.resume();
  req.on('end', () => step(req, res));
});
let baseUrl = '';
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const ok = (_req: IncomingMessage, res: ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"id":"u","name":"Rosa","email":"r@x","avatar_url":null}}');
const status = (code: number, headers: Record<string, string> = {}) => (_req: IncomingMessage, res: ServerResponse) => res.writeHead(code, headers).end('{"errors":[{"detail":"nope"}]}');
const reset = (req: IncomingMessage) => req.socket.destroy();

function client(): FrameioClient {
  // Near-zero back-off: the test is about which failures are retried, not how long it waits.
  return new FrameioClient({ baseUrl, tokens: staticToken('t'), retry: { baseDelayMs: 1, maxDelayMs: 5, minRateLimitDelayMs: 1 } });
}

test('5xx answers are retried until one succeeds', async () => {
  script = [status(503), status(502), ok];
  seen = 0;
  const c = client();
  assert.equal((await c.me()).name, 'Rosa');
  assert.equal(seen, 3);
  assert.equal(c.stats.retries, 2);
});

test('a 429 waits as told by Retry-After and tries again', async () => {
  script = [status(429, { 'retry-after': '0' }), ok];
  seen = 0;
  const c = client();
  assert.equal((await c.me()).name, 'Rosa');
  assert.equal(c.stats.rateLimited, 1);
});

test('a reset connection is retried for a GET', async () => {
  script = [reset, ok];
  seen = 0;
  assert.equal((await client().me()).name, 'Rosa');
  assert.equal(seen, 2);
});

test('a reset after a POST was sent is not repeated: it may have been acted on', async () => {
  script = [reset, ok];
  seen = 0;
  await assert.rejects(client().call('folders.create', { params: { account_id: 'a', folder_id: 'f' }, body: { data: { name: 'x' } } }), (e: unknown) => e instanceof ApiError && e.kind === 'network');
  assert.equal(seen, 1);
});

test('retries stop after the policy allows, with the last answer as the error', async () => {
  script = [status(500)];
  seen = 0;
  await assert.rejects(client().me(), (e: unknown) => e instanceof ApiError && e.kind === 'server' && e.detail === 'nope');
  assert.equal(seen, 5, 'one attempt and four retries');
});

test('a 4xx is not retried', async () => {
  script = [status(422), ok];
  seen = 0;
  await assert.rejects(client().me(), (e: unknown) => e instanceof ApiError && e.kind === 'invalid');
  assert.equal(seen, 1);
});
