// The walking skeleton's API path against the sandbox, every exchange checked against the spec.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readJson } from '../support/http.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ seed: 'demo' });
});
after(() => sandbox.close());

const get = (path: string, token: string | null = sandbox.token) =>
  fetch(sandbox.url + path, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });

test('GET /v4/me answers the signed-in user in a data envelope', async () => {
  const response = await get('/v4/me');
  assert.equal(response.status, 200);
  const body = await readJson(response);
  assert.deepEqual(Object.keys(body), ['data']);
  assert.equal(body.data.name, 'Rosa Alvarez');
  assert.equal(body.data.id, sandbox.userId);
});

test('GET /v4/accounts lists the user\'s accounts with roles, paginated by cursor', async () => {
  const first = await readJson(await get('/v4/accounts?page_size=1&include_total_count=true&sort=display_name_asc'));
  assert.equal(first.total_count, 2);
  assert.equal(first.data[0].display_name, 'Harbor Post');
  assert.deepEqual(first.data[0].roles, ['member']);
  assert.match(first.links.next, /^\/v4\/accounts\?after=[^&]+$/, 'next carries only the cursor');
  const second = await readJson(await get(first.links.next));
  assert.equal(second.data.length, 1);
  assert.equal(second.links.next, null);
  assert.equal(second.total_count, null, 'the total is only sent on request');
});

test('a missing or wrong token gets 401 with the spec error body and rate-limit headers', async () => {
  for (const token of [null, 'wrong-token']) {
    const response = await get('/v4/me', token);
    assert.equal(response.status, 401);
    const body = await readJson(response);
    assert.equal(typeof body.errors[0].detail, 'string');
    for (const header of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-window']) {
      assert.ok(response.headers.has(header), `${header} on a 401`);
    }
  }
});

test('an out-of-range page_size is a 422 naming the parameter', async () => {
  const response = await get('/v4/accounts?page_size=101');
  assert.equal(response.status, 422);
  const body = await readJson(response);
  assert.equal(body.errors[0].source.pointer, '/page_size');
});

test('every response carries the documented limit for its operation', async () => {
  const response = await get('/v4/me');
  assert.equal(response.headers.get('x-ratelimit-limit'), '100');
  assert.equal(response.headers.get('x-ratelimit-window'), '60000');
});

test('calls beyond the limit get 429 with Retry-After, per user and operation', async () => {
  // 100 calls a minute scaled by 0.05: five calls, then the bucket is full.
  const strict = await startCheckedSandbox({ rateLimitScale: 0.05 });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${strict.url}/v4/me`, { headers: { authorization: `Bearer ${strict.token}` } });
      statuses.push(response.status);
      if (response.status === 429) {
        assert.ok(Number(response.headers.get('retry-after')) >= 1);
        assert.equal(response.headers.get('x-ratelimit-remaining'), '0');
        assert.equal((await readJson(response)).errors[0].detail, 'Too many requests');
      } else {
        await response.body?.cancel();
      }
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    const other = await fetch(`${strict.url}/v4/accounts`, { headers: { authorization: `Bearer ${strict.token}` } });
    assert.equal(other.status, 200, 'another operation has its own bucket');
  } finally {
    await strict.close();
  }
});
