import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { ApiError } from '../../main/core/api/errors.ts';
import type { Account } from '../../main/core/api/types.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ seed: 'demo' });
});
after(() => sandbox.close());

test('reads the signed-in user and every account', async () => {
  const client = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) });
  assert.equal((await client.me()).name, 'Rosa Alvarez');
  assert.deepEqual((await client.accounts()).map((a) => a.display_name).sort(), ['Harbor Post', 'Northlight Pictures']);
});

test('pagination re-appends the query that links.next drops', async () => {
  const client = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) });
  const names: string[] = [];
  for await (const account of client.list<Account>('accounts.index', { query: { page_size: 1, sort: 'display_name_desc' } })) names.push(account.display_name);
  assert.deepEqual(names, ['Northlight Pictures', 'Harbor Post']);
  const pageRequests = sandbox.exchanges.filter((e) => e.url.startsWith('/v4/accounts?') && e.url.includes('sort=display_name_desc'));
  assert.equal(pageRequests.length, 2, 'the second page kept the sort');
  assert.ok(pageRequests[1]!.url.includes('page_size=1') && pageRequests[1]!.url.includes('after='));
});

test('a rejected token becomes an ApiError with the API\'s detail and a next step', async () => {
  const client = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken('expired') });
  await assert.rejects(client.me(), (error: unknown) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.kind, 'unauthorized');
    assert.equal(error.status, 401);
    assert.equal(error.detail, 'Invalid or expired token');
    assert.equal(error.action, 'Sign in again.');
    return true;
  });
});

test('a 401 asks the token provider once for a fresh token and retries', async () => {
  let refreshes = 0;
  let current = 'stale';
  const client = new FrameioClient({
    baseUrl: sandbox.url,
    tokens: {
      token: async () => current,
      refresh: async () => {
        refreshes++;
        current = sandbox.token;
        return current;
      },
    },
  });
  assert.equal((await client.me()).name, 'Rosa Alvarez');
  assert.equal(refreshes, 1);
});

test('an unreachable server is a network error that says so', async () => {
  const client = new FrameioClient({ baseUrl: 'http://127.0.0.1:9', tokens: staticToken('x') });
  await assert.rejects(client.me(), (error: unknown) => error instanceof ApiError && error.kind === 'network' && /ECONNREFUSED/.test(error.message));
});
