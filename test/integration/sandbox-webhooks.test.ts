// Webhook deliveries: ids-only payloads signed as Frame.io signs them, retried with back-off, and
// a burst over a documented rate limit refused with correct headers.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { readJson } from '../support/http.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const received: Received[] = [];
let failuresLeft = 2;
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.writeHead(failuresLeft-- > 0 ? 500 : 200).end();
  });
});

let sandbox: CheckedSandbox;
before(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  sandbox = await startCheckedSandbox({ transcodeDelayMs: 0, webhookRetryBaseMs: 20 });
});
after(async () => {
  await sandbox.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const api = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
  fetch(sandbox.url + path, { method, headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

test('a folder.created delivery is signed v0=HMAC(secret, "v0:ts:body") and retried until it lands', async () => {
  const a = `/v4/accounts/${sandbox.accountId}`;
  const workspaces = await readJson(await api(`${a}/workspaces`));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const hook = await readJson(await api(`${a}/workspaces/${workspaces.data[0].id}/webhooks`, { data: { name: 'Ingest', url, events: ['folder.created'] } }));
  const folder = await readJson(await api(`${a}/folders/${sandbox.rootFolderId}/folders`, { data: { name: 'Dailies' } }));

  for (let i = 0; i < 100 && received.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(received.length, 3, 'two failures, then a delivery');
  const last = received[2]!;
  const timestamp = String(last.headers['x-frameio-request-timestamp']);
  const expected = `v0=${createHmac('sha256', hook.data.secret).update(`v0:${timestamp}:${last.body}`).digest('hex')}`;
  assert.equal(last.headers['x-frameio-signature'], expected);
  assert.ok(Math.abs(Date.now() / 1000 - Number(timestamp)) < 60);
  const payload = JSON.parse(last.body);
  assert.deepEqual(payload.resource, { id: folder.data.id, type: 'folder' });
  assert.equal(payload.type, 'folder.created');
  assert.equal(payload.account.id, sandbox.accountId);
  assert.equal(payload.user.id, sandbox.userId);
});

test('a burst of folder creates over 3 per second gets 429 with the documented limit in its headers', async () => {
  const statuses: number[] = [];
  let refused: Response | undefined;
  for (let i = 0; i < 5; i++) {
    const response = await api(`/v4/accounts/${sandbox.accountId}/folders/${sandbox.rootFolderId}/folders`, { data: { name: `Burst ${i}` } });
    statuses.push(response.status);
    if (response.status === 429) refused ??= response;
    else await response.body?.cancel();
  }
  assert.equal(statuses[0], 201);
  assert.ok(statuses.includes(429), statuses.join(' '));
  assert.equal(refused!.headers.get('x-ratelimit-limit'), '3');
  assert.equal(refused!.headers.get('x-ratelimit-window'), '1000');
  assert.equal(refused!.headers.get('x-ratelimit-remaining'), '0');
  assert.ok(Number(refused!.headers.get('retry-after')) >= 1);
});
