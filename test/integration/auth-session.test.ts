// Sign-in behind the contract, as the desktop drives it: a second profile signed in through the
// browser flow, switching between profiles (the API follows at once), sign-out, and no token in
// anything the renderer receives.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openBackend, type Backend } from '../../main/backend.ts';
import { FileVaultStore, vaultPath } from '../../main/core/api/auth/file-store.ts';
import { loopbackReceiver } from '../../main/core/api/auth/redirect.ts';
import { SignIns } from '../../main/core/api/auth/sign-ins.ts';
import { ProfileBook, type Vault } from '../../main/core/api/auth/vault.ts';
import { dispatch } from '../../main/core/dispatch.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

let sandbox: CheckedSandbox;
let dir: string;
let backend: Backend;
let vault: FileVaultStore;
const events: unknown[] = [];

/** A person on the consent page choosing which sandbox user they are, then Allow. */
async function consentAs(email: string, authorizeUrl: string): Promise<void> {
  const html = await (await fetch(authorizeUrl)).text();
  const userId = new RegExp(`value="([^"]+)"(?: checked)?> [^<]*&lt;${email.replaceAll('.', '\\.')}&gt;`).exec(html)?.[1];
  assert.ok(userId, `${email} is offered on the consent page`);
  const form = new URLSearchParams(new URL(authorizeUrl).searchParams);
  form.set('decision', 'allow');
  form.set('user_id', userId);
  const answer = await fetch(new URL('/ims/authorize/v2', sandbox.url), { method: 'POST', body: form, redirect: 'manual' });
  // the browser follows the redirect on its own; the sign-in answers it only after the code exchange
  void fetch(answer.headers.get('location')!);
}

let nextPerson = 'rosa@northlight.example';
const ims = () => ({ imsUrl: sandbox.url, clientId: 'slate-desktop' });

before(async () => {
  sandbox = await startCheckedSandbox({ seed: 'demo' });
  dir = mkdtempSync(join(tmpdir(), 'slate-session-'));
  vault = new FileVaultStore(vaultPath(dir));
  const receiver = await loopbackReceiver();
  try {
    await new SignIns(new ProfileBook(vault, sandbox.url)).withBrowser({ ims: ims(), receiver, open: (url) => consentAs(nextPerson, url) });
  } finally {
    await receiver.close();
  }
  backend = await openBackend({ apiUrl: sandbox.url, dataDir: dir, signIn: { vault, ims: ims(), openBrowser: (url) => consentAs(nextPerson, url) } }, 'desktop');
  backend.service.subscribe((event, payload) => events.push({ event, payload }));
});
after(async () => {
  await backend?.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = async (channel: string, input: unknown = {}) => {
  const reply = await dispatch(backend.service, channel, input);
  assert.ok(reply.ok, JSON.stringify(reply));
  return reply.value as { signedIn: boolean; profiles: Array<{ id: string; email: string; current: boolean; kind: string }> };
};

function secrets(): string[] {
  const stored = vault.read() as Vault;
  return stored.profiles.flatMap((p) => (p.credential?.kind === 'ims' ? [p.credential.accessToken, p.credential.refreshToken ?? ''] : []));
}

test('sign in a second person from the app, switch between them, sign out; the renderer never sees a token', async () => {
  const replies: unknown[] = [];
  const status = await call('session:status');
  replies.push(status);
  assert.deepEqual(status.profiles.map((p) => [p.email, p.current, p.kind]), [['rosa@northlight.example', true, 'ims']]);

  nextPerson = 'sam@harbor.example';
  const afterSignIn = await call('session:signIn');
  replies.push(afterSignIn);
  assert.equal(afterSignIn.profiles.find((p) => p.current)?.email, 'sam@harbor.example');
  const me = await call('user:me');
  assert.equal((me as unknown as { email: string }).email, 'sam@harbor.example', 'the API follows the new profile at once');

  const rosa = afterSignIn.profiles.find((p) => p.email === 'rosa@northlight.example')!;
  replies.push(await call('session:switch', { profileId: rosa.id }));
  assert.equal((await call('user:me') as unknown as { email: string }).email, 'rosa@northlight.example');

  const tokens = secrets();
  assert.equal(tokens.length, 4);
  const afterSignOut = await call('session:signOut', {});
  replies.push(afterSignOut);
  assert.deepEqual(afterSignOut.profiles.map((p) => [p.email, p.current]), [['sam@harbor.example', true]], 'the other profile takes over');
  assert.ok(events.some((e) => JSON.stringify(e) === JSON.stringify({ event: 'session:changed', payload: { signedIn: true } })));

  const seen = JSON.stringify([replies, events]);
  for (const token of tokens) assert.equal(seen.includes(token), false, 'a token reached the renderer');
});

test('a switch to a profile that is not there is refused with a message', async () => {
  const reply = await dispatch(backend.service, 'session:switch', { profileId: 'nobody' });
  assert.equal(reply.ok, false);
  assert.match(JSON.stringify(reply), /not signed in here any more/);
});
