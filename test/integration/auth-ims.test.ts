// Sign-in against the sandbox's IMS stand-in: the PKCE flow end to end, a wrong verifier refused,
// an expired token refreshed (before a call and after a 401) with the rotation saved, and a
// sign-out that leaves the old tokens refused.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SignInError } from '../../main/core/api/auth/errors.ts';
import { FileVaultStore, vaultPath } from '../../main/core/api/auth/file-store.ts';
import { ImsClient } from '../../main/core/api/auth/ims.ts';
import { createPkce, createState } from '../../main/core/api/auth/pkce.ts';
import { loopbackReceiver } from '../../main/core/api/auth/redirect.ts';
import { SignIns } from '../../main/core/api/auth/sign-ins.ts';
import { ProfileTokens } from '../../main/core/api/auth/tokens.ts';
import { ProfileBook } from '../../main/core/api/auth/vault.ts';
import { FrameioClient } from '../../main/core/api/client.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

const ACCESS_TTL_MS = 1500;
let sandbox: CheckedSandbox;
let dir: string;
before(async () => {
  sandbox = await startCheckedSandbox({ seed: 'demo', ims: { accessTokenTtlMs: ACCESS_TTL_MS } });
  dir = mkdtempSync(join(tmpdir(), 'slate-auth-'));
});
after(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const ims = () => new ImsClient({ imsUrl: sandbox.url, clientId: 'slate-test' });
const book = (name: string) => new ProfileBook(new FileVaultStore(vaultPath(join(dir, name))), sandbox.url);

/** What a person does on the consent page: choose Allow (or Deny); returns where the browser is sent. */
async function consent(authorizeUrl: string, decision: 'allow' | 'deny' = 'allow'): Promise<string> {
  const page = await fetch(authorizeUrl);
  assert.equal(page.status, 200);
  assert.match(await page.text(), />Allow</);
  const form = new URLSearchParams(new URL(authorizeUrl).searchParams);
  form.set('decision', decision);
  const answer = await fetch(new URL('/ims/authorize/v2', sandbox.url), { method: 'POST', body: form, redirect: 'manual' });
  assert.equal(answer.status, 302);
  return answer.headers.get('location')!;
}

async function signIn(profiles: ProfileBook) {
  const receiver = await loopbackReceiver();
  try {
    return await new SignIns(profiles).withBrowser({
      ims: ims().config,
      receiver,
      open: async (url) => void fetch(await consent(url)),
    });
  } finally {
    await receiver.close();
  }
}

test('PKCE sign-in: consent, code for tokens with the verifier, the profile is kept and Frame.io accepts it', async () => {
  const profiles = book('pkce');
  const profile = await signIn(profiles);
  assert.deepEqual([profile.name, profile.kind, profile.current], ['Rosa Alvarez', 'ims', true]);
  const credential = profiles.current()!.credential!;
  assert.ok(credential.kind === 'ims' && credential.refreshToken, 'offline_access gave a refresh token');
  const me = await new FrameioClient({ baseUrl: sandbox.url, tokens: new ProfileTokens(profiles) }).me();
  assert.equal(me.email, 'rosa@northlight.example');
});

test('denied consent comes back as "denied"; no profile is kept', async () => {
  const profiles = book('denied');
  const receiver = await loopbackReceiver();
  try {
    await assert.rejects(
      new SignIns(profiles).withBrowser({ ims: ims().config, receiver, open: async (url) => void fetch(await consent(url, 'deny')) }),
      (error: unknown) => error instanceof SignInError && error.kind === 'denied',
    );
  } finally {
    await receiver.close();
  }
  assert.deepEqual(profiles.list(), []);
});

test('a code exchanged with the wrong verifier is refused', async () => {
  const client = ims();
  const pkce = createPkce();
  const redirectUri = 'http://127.0.0.1:9/callback';
  const location = new URL(await consent(client.authorizeUrl({ redirectUri, state: createState(), challenge: pkce.challenge })));
  const code = location.searchParams.get('code')!;
  await assert.rejects(client.exchangeCode(code, createPkce().verifier, redirectUri), (error: unknown) => error instanceof SignInError && error.kind === 'rejected' && /code_verifier does not match/.test(error.message));
  // and the code is spent: the right verifier cannot use it any more
  await assert.rejects(client.exchangeCode(code, pkce.verifier, redirectUri), /invalid, expired or already used/);
});

test('an expired token is refreshed before the call, and the rotated tokens are saved', async () => {
  const profiles = book('expiry');
  await signIn(profiles);
  const before = profiles.current()!.credential!;
  await new Promise((resolve) => setTimeout(resolve, ACCESS_TTL_MS + 200));
  const client = new FrameioClient({ baseUrl: sandbox.url, tokens: new ProfileTokens(profiles, { refreshSkewMs: 100 }) });
  assert.equal((await client.me()).name, 'Rosa Alvarez');
  const afterRefresh = profiles.current()!.credential!;
  assert.ok(before.kind === 'ims' && afterRefresh.kind === 'ims');
  assert.notEqual(afterRefresh.accessToken, before.accessToken);
  assert.notEqual(afterRefresh.refreshToken, before.refreshToken, 'IMS rotated the refresh token');
  assert.ok(afterRefresh.expiresAt > before.expiresAt);
  await assert.rejects(ims().refresh(before.refreshToken!), { kind: 'rejected' }, 'the spent refresh token is refused');
});

test('a token the server calls expired (clocks disagree) is refreshed after the 401', async () => {
  const profiles = book('401');
  await signIn(profiles);
  await new Promise((resolve) => setTimeout(resolve, ACCESS_TTL_MS + 200));
  // This machine's clock is behind: it believes the token still has time.
  const tokens = new ProfileTokens(profiles, { now: () => Date.now() - 60_000, refreshSkewMs: 0 });
  const client = new FrameioClient({ baseUrl: sandbox.url, tokens });
  assert.equal((await client.me()).name, 'Rosa Alvarez');
  const statuses = sandbox.exchanges.filter((e) => e.url === '/v4/me').slice(-2).map((e) => e.status);
  assert.deepEqual(statuses, [401, 200]);
});

test('sign-out revokes: the old access and refresh tokens are refused afterwards', async () => {
  const profiles = book('revoke');
  await signIn(profiles);
  const credential = profiles.current()!.credential!;
  assert.ok(credential.kind === 'ims');
  const result = await new SignIns(profiles).signOut();
  assert.equal(result.revoked, true);
  assert.equal(profiles.current(), undefined);
  const me = await fetch(`${sandbox.url}/v4/me`, { headers: { authorization: `Bearer ${credential.accessToken}` } });
  assert.equal(me.status, 401);
  await assert.rejects(ims().refresh(credential.refreshToken!), { kind: 'rejected' });
});

test('a refused refresh leaves the profile needing a sign-in, and calls fail as unauthorized with what to do', async () => {
  const profiles = book('refused');
  await signIn(profiles);
  const credential = profiles.current()!.credential!;
  assert.ok(credential.kind === 'ims');
  await ims().revoke(credential.refreshToken!, 'refresh_token');
  await ims().revoke(credential.accessToken, 'access_token');
  let signedOut = 0;
  const client = new FrameioClient({ baseUrl: sandbox.url, tokens: new ProfileTokens(profiles, { onSignedOut: () => signedOut++ }) });
  await assert.rejects(client.me(), { name: 'ApiError', kind: 'unauthorized' });
  assert.equal(signedOut, 1);
  assert.equal(profiles.list()[0]!.kind, 'signed-out');
  await assert.rejects(client.me(), (error: unknown) => error instanceof Error && /has expired/.test(error.message));
});
