// The sandbox's Adobe IMS stand-in, driven with plain fetch the way a native app signs in:
// authorize with PKCE S256, consent, code exchange, refresh, revoke.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { readJson, type Body } from '../support/http.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

const CLIENT_ID = 'slate-test';
const REDIRECT_URI = 'http://127.0.0.1:9/callback';

let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ seed: 'demo' });
});
after(() => sandbox.close());

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeQuery(challenge: string, state: string): URLSearchParams {
  return new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: 'openid,offline_access',
    state,
    response_type: 'code',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
}

/** Opens the consent page, reads its form as a browser would, and presses a button. */
async function consent(challenge: string, state: string, decision: 'allow' | 'deny'): Promise<URL> {
  const page = await fetch(`${sandbox.url}/ims/authorize/v2?${authorizeQuery(challenge, state)}`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  const html = await page.text();
  assert.match(html, /<button[^>]*value="allow"[^>]*>Allow<\/button>/);
  assert.match(html, /Rosa Alvarez/);
  const action = /<form method="post" action="([^"]+)"/.exec(html)![1]!;
  const form = new URLSearchParams();
  for (const input of html.matchAll(/<input type="(?:hidden|radio)" name="([^"]+)" value="([^"]*)"(?: checked)?>/g)) {
    if (input[0].includes('type="radio"') && !input[0].includes('checked')) continue;
    form.set(input[1]!, input[2]!.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))));
  }
  form.set('decision', decision);
  const answer = await fetch(new URL(action, sandbox.url), { method: 'POST', body: form, redirect: 'manual' });
  assert.equal(answer.status, 302);
  const location = new URL(answer.headers.get('location')!);
  assert.equal(location.origin + location.pathname, REDIRECT_URI);
  assert.equal(location.searchParams.get('state'), state);
  return location;
}

async function token(form: Record<string, string>): Promise<{ status: number; body: Body }> {
  const response = await fetch(`${sandbox.url}/ims/token/v3?client_id=${CLIENT_ID}`, { method: 'POST', body: new URLSearchParams(form) });
  return { status: response.status, body: await readJson(response) };
}

const me = (accessToken: string) => fetch(`${sandbox.url}/v4/me`, { headers: { authorization: `Bearer ${accessToken}` } });

async function signIn(): Promise<Body> {
  const { verifier, challenge } = pkce();
  const code = (await consent(challenge, 'state-1', 'allow')).searchParams.get('code')!;
  const exchanged = await token({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI });
  assert.equal(exchanged.status, 200, JSON.stringify(exchanged.body));
  return exchanged.body;
}

test('the full PKCE flow: consent, Allow redirects with code and state, the code buys tokens /v4 accepts', async () => {
  const tokens = await signIn();
  assert.deepEqual(Object.keys(tokens).sort(), ['access_token', 'expires_in', 'refresh_token', 'token_type']);
  assert.equal(tokens.token_type, 'bearer');
  assert.equal(tokens.expires_in, 86400);
  const response = await me(tokens.access_token);
  assert.equal(response.status, 200);
  assert.equal((await readJson(response)).data.name, 'Rosa Alvarez');
  assert.equal((await me(tokens.refresh_token)).status, 401, 'a refresh token is not an access token');
});

test('a wrong code_verifier is a 400 invalid_grant, and the code is spent', async () => {
  const { verifier, challenge } = pkce();
  const code = (await consent(challenge, 'state-2', 'allow')).searchParams.get('code')!;
  const wrong = await token({ grant_type: 'authorization_code', code, code_verifier: pkce().verifier, redirect_uri: REDIRECT_URI });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.error, 'invalid_grant');
  assert.match(wrong.body.error_description, /code_verifier/);
  const retry = await token({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI });
  assert.equal(retry.status, 400);
  assert.equal(retry.body.error, 'invalid_grant');
});

test('Deny redirects with access_denied; a bad request gets an OAuth error', async () => {
  const denied = await consent(pkce().challenge, 'state-3', 'deny');
  assert.equal(denied.searchParams.get('error'), 'access_denied');
  assert.equal(denied.searchParams.get('code'), null);

  const plain = authorizeQuery('x'.repeat(43), 'state-4');
  plain.set('code_challenge_method', 'plain');
  const refused = await fetch(`${sandbox.url}/ims/authorize/v2?${plain}`, { redirect: 'manual' });
  assert.equal(refused.status, 302);
  assert.equal(new URL(refused.headers.get('location')!).searchParams.get('error'), 'invalid_request');

  const grant = await token({ grant_type: 'password', username: 'rosa', password: 'x' });
  assert.equal(grant.status, 400);
  assert.equal(grant.body.error, 'unsupported_grant_type');
});

test('a refresh gives a new access token and a new refresh token; the old refresh token is spent', async () => {
  const first = await signIn();
  const refreshed = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
  assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
  assert.notEqual(refreshed.body.access_token, first.access_token);
  assert.equal((await me(refreshed.body.access_token)).status, 200);
  const again = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
  assert.equal(again.status, 400);
  assert.equal(again.body.error, 'invalid_grant');
  const static_ = await token({ grant_type: 'refresh_token', refresh_token: sandbox.token });
  assert.equal(static_.status, 400, 'a static token is not a refresh token');
});

test('a revoked access token gets 401 on /v4/me; a revoked refresh token cannot refresh', async () => {
  const tokens = await signIn();
  assert.equal((await me(tokens.access_token)).status, 200);
  const revoke = (value: string, hint: string) =>
    fetch(`${sandbox.url}/ims/revoke`, { method: 'POST', body: new URLSearchParams({ client_id: CLIENT_ID, token: value, token_type_hint: hint }) });
  assert.equal((await revoke(tokens.access_token, 'access_token')).status, 200);
  const after = await me(tokens.access_token);
  assert.equal(after.status, 401);
  assert.equal((await readJson(after)).errors[0].detail, 'Invalid or expired token');
  assert.equal((await revoke(tokens.refresh_token, 'refresh_token')).status, 200);
  assert.equal((await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).body.error, 'invalid_grant');
  assert.equal((await revoke('never-issued', 'access_token')).status, 200, 'unknown tokens are answered like revoked ones');
  assert.equal((await me(sandbox.token)).status, 200, 'static tokens are not IMS tokens and stay');
});

test('an expired access token gets 401 and a refresh brings access back', async () => {
  const short = await startCheckedSandbox({ ims: { accessTokenTtlMs: 1000 } });
  try {
    const { verifier, challenge } = pkce();
    const page = await fetch(`${short.url}/ims/authorize/v2?${authorizeQuery(challenge, 's')}`);
    assert.equal(page.status, 200);
    const form = authorizeQuery(challenge, 's');
    form.set('decision', 'allow');
    const answer = await fetch(`${short.url}/ims/authorize/v2`, { method: 'POST', body: form, redirect: 'manual' });
    const code = new URL(answer.headers.get('location')!).searchParams.get('code')!;
    const form2 = new URLSearchParams({ client_id: CLIENT_ID, grant_type: 'authorization_code', code, code_verifier: verifier });
    const tokens = await readJson(await fetch(`${short.url}/ims/token/v3`, { method: 'POST', body: form2 }));
    assert.equal(tokens.expires_in, 1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const headers = (t: string) => ({ authorization: `Bearer ${t}` });
    assert.equal((await fetch(`${short.url}/v4/me`, { headers: headers(tokens.access_token) })).status, 401);
    const refreshed = await readJson(
      await fetch(`${short.url}/ims/token/v3`, { method: 'POST', body: new URLSearchParams({ client_id: CLIENT_ID, grant_type: 'refresh_token', refresh_token: tokens.refresh_token }) }),
    );
    assert.equal((await fetch(`${short.url}/v4/me`, { headers: headers(refreshed.access_token) })).status, 200);
  } finally {
    await short.close();
  }
});
