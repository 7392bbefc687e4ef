import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserSignIn } from '../../main/core/api/auth/browser-sign-in.ts';
import { SignInError, SignInNeeded } from '../../main/core/api/auth/errors.ts';
import { ImsClient, type ImsTokens } from '../../main/core/api/auth/ims.ts';
import { challengeFor } from '../../main/core/api/auth/pkce.ts';
import { loopbackReceiver } from '../../main/core/api/auth/redirect.ts';
import { ProfileTokens } from '../../main/core/api/auth/tokens.ts';
import { ProfileBook, type Vault, type VaultStore } from '../../main/core/api/auth/vault.ts';

class MemoryStore implements VaultStore {
  location = 'memory';
  vault: Vault | undefined;
  read = () => (this.vault ? structuredClone(this.vault) : undefined);
  write = (vault: Vault) => void (this.vault = structuredClone(vault));
}

/** An IMS that answers refreshes from a script, counting them. */
function fakeIms(answer: (refreshToken: string) => Promise<ImsTokens>) {
  const calls: string[] = [];
  const client = new ImsClient({ imsUrl: 'http://ims.test', clientId: 'slate' });
  client.refresh = async (refreshToken) => {
    calls.push(refreshToken);
    return answer(refreshToken);
  };
  return { calls, factory: () => client };
}

function signedIn(expiresAt: number) {
  const store = new MemoryStore();
  const book = new ProfileBook(store, 'http://api.test');
  book.put({ id: 'u1', apiUrl: 'http://api.test', name: 'Rosa', email: 'rosa@example.test', credential: { kind: 'ims', imsUrl: 'http://ims.test', clientId: 'slate', accessToken: 'a1', refreshToken: 'r1', expiresAt } });
  return { store, book };
}

test('a token close to expiry is refreshed once, even when many calls ask at the same time, and the rotation is saved', async () => {
  let now = 1_000_000;
  const { book } = signedIn(now + 60_000);
  const ims = fakeIms(async () => ({ accessToken: 'a2', refreshToken: 'r2', expiresAt: now + 3_600_000 }));
  const tokens = new ProfileTokens(book, { now: () => now, imsClient: ims.factory });
  assert.deepEqual(await Promise.all([tokens.token(), tokens.token(), tokens.token()]), ['a2', 'a2', 'a2']);
  assert.deepEqual(ims.calls, ['r1']);
  const saved = book.current()!.credential!;
  assert.equal(saved.kind === 'ims' && saved.refreshToken, 'r2');
  now += 10 * 60_000;
  assert.equal(await tokens.token(), 'a2', 'a fresh token is used as is');
  assert.equal(ims.calls.length, 1);
});

test('after a 401 the token is refreshed; when IMS refuses, the profile needs a sign-in and says so', async () => {
  const now = 1_000_000;
  const { book } = signedIn(now + 3_600_000);
  let refuse = false;
  const signedOut: string[] = [];
  const ims = fakeIms(async () => {
    if (refuse) throw new SignInError('rejected', 'invalid_grant');
    return { accessToken: 'a2', refreshToken: undefined, expiresAt: now + 3_600_000 };
  });
  const tokens = new ProfileTokens(book, { now: () => now, imsClient: ims.factory, onSignedOut: (p) => signedOut.push(p.email) });
  assert.equal(await tokens.token(), 'a1');
  assert.equal(await tokens.refresh(), 'a2');
  const kept = book.current()!.credential!;
  assert.equal(kept.kind === 'ims' && kept.refreshToken, 'r1', 'IMS did not rotate: the refresh token is kept');
  refuse = true;
  assert.equal(await tokens.refresh(), undefined);
  assert.deepEqual(signedOut, ['rosa@example.test']);
  assert.equal(book.current()!.credential, undefined, 'the dead tokens are not kept');
  await assert.rejects(tokens.token(), (error: unknown) => error instanceof SignInNeeded && /sign-in of rosa@example.test .* has expired/.test(error.message) && /slate login/.test(error.action));
});

test('two processes refreshing at once: the one IMS refuses takes the other\'s rotation instead of signing out', async () => {
  const now = 1_000_000;
  const { book } = signedIn(now + 3_600_000);
  const ims = fakeIms(async () => {
    // meanwhile another process used r1 and saved what it got
    const current = book.current()!;
    book.setCredential(current.id, { kind: 'ims', imsUrl: 'http://ims.test', clientId: 'slate', accessToken: 'a-other', refreshToken: 'r-other', expiresAt: now + 3_600_000 });
    throw new SignInError('rejected', 'invalid_grant');
  });
  const tokens = new ProfileTokens(book, { now: () => now, imsClient: ims.factory, onSignedOut: () => assert.fail('not signed out') });
  await tokens.token();
  assert.equal(await tokens.refresh(), 'a-other');
  assert.equal(await tokens.token(), 'a-other');
});

test('a refresh that cannot reach IMS is a network failure, not a sign-out', async () => {
  const { book } = signedIn(Date.now() + 3_600_000);
  const ims = fakeIms(async () => {
    throw new SignInError('unavailable', 'Could not reach the sign-in server (ECONNREFUSED).');
  });
  const tokens = new ProfileTokens(book, { imsClient: ims.factory });
  await tokens.token();
  await assert.rejects(tokens.refresh(), { name: 'ApiError', kind: 'network' });
  assert.ok(book.current()!.credential, 'still signed in');
});

test('a legacy developer token carries the legacy header; a bearer token does not; nobody signed in is "sign-in needed"', async () => {
  const book = new ProfileBook(new MemoryStore(), 'http://api.test');
  const tokens = new ProfileTokens(book);
  await assert.rejects(tokens.token(), /Nobody is signed in to http:\/\/api.test/);
  book.put({ id: 'dev', apiUrl: 'http://api.test', name: 'Dev', email: 'dev@example.test', credential: { kind: 'legacy', token: 'fio-u-1' } });
  assert.equal(await tokens.token(), 'fio-u-1');
  assert.deepEqual(tokens.headers(), { 'x-frameio-legacy-token-auth': 'true' });
  assert.equal(await tokens.refresh(), undefined, 'a developer token cannot be refreshed');
  book.put({ id: 'ci', apiUrl: 'http://api.test', name: 'CI', email: 'ci@example.test', credential: { kind: 'bearer', token: 'b-1' } });
  assert.deepEqual(tokens.headers(), {});
});

test('the browser flow sends an S256 challenge, checks the state and exchanges the code with the verifier', async () => {
  const ims = new ImsClient({ imsUrl: 'http://ims.test', clientId: 'slate' });
  let exchanged: { code: string; verifier: string; redirectUri: string } | undefined;
  ims.exchangeCode = async (code, verifier, redirectUri) => {
    exchanged = { code, verifier, redirectUri };
    return { accessToken: 'a', refreshToken: 'r', expiresAt: 1 };
  };
  const receiver = await loopbackReceiver();
  let challenge = '';
  let page: Response | undefined;
  try {
    const tokens = await browserSignIn({
      ims,
      receiver,
      open: async (url) => {
        const authorize = new URL(url);
        assert.equal(authorize.pathname, '/ims/authorize/v2');
        assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
        assert.equal(authorize.searchParams.get('scope'), 'openid,email,profile,offline_access,additional_info.roles');
        assert.equal(authorize.searchParams.get('redirect_uri'), receiver.redirectUri);
        challenge = authorize.searchParams.get('code_challenge')!;
        // the "browser" comes back after consent
        void fetch(`${receiver.redirectUri}?code=c1&state=${authorize.searchParams.get('state')}`).then((r) => (page = r));
      },
    });
    assert.equal(tokens.accessToken, 'a');
    assert.equal(exchanged?.code, 'c1');
    assert.equal(challengeFor(exchanged!.verifier), challenge);
    assert.equal(exchanged?.redirectUri, receiver.redirectUri);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(page?.status, 200);
    assert.equal((await fetch(`${receiver.redirectUri}?code=c2&state=x`)).status, 404, 'the loopback server answers once');
  } finally {
    await receiver.close();
  }
});

for (const [name, query, kind] of [
  ['a wrong state', (state: string) => `code=c1&state=${state}x`, 'state-mismatch'],
  ['denied consent', (state: string) => `error=access_denied&state=${state}`, 'denied'],
] as const) {
  test(`${name} ends the flow with a clear error and an error page`, async () => {
    const ims = new ImsClient({ imsUrl: 'http://ims.test', clientId: 'slate' });
    ims.exchangeCode = async () => assert.fail('no code may be exchanged');
    const receiver = await loopbackReceiver();
    let page: Promise<Response> | undefined;
    try {
      await assert.rejects(
        browserSignIn({ ims, receiver, open: (url) => void (page = fetch(`${receiver.redirectUri}?${query(new URL(url).searchParams.get('state')!)}`)) }),
        (error: unknown) => error instanceof SignInError && error.kind === kind,
      );
      assert.equal((await page!).status, 400);
    } finally {
      await receiver.close();
    }
  });
}

test('a sign-in nobody finishes times out', async () => {
  const receiver = await loopbackReceiver();
  try {
    const ims = new ImsClient({ imsUrl: 'http://ims.test', clientId: 'slate' });
    await assert.rejects(browserSignIn({ ims, receiver, open: () => undefined, timeoutMs: 50 }), { kind: 'timeout' });
  } finally {
    await receiver.close();
  }
});
