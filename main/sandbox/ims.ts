// A stand-in for Adobe IMS, enough for an "OAuth Native App" sign-in against the sandbox:
// `/ims/authorize/v2` (PKCE S256, a consent page with Allow and Deny), `/ims/token/v3`
// (authorization_code and refresh_token grants, form-encoded, JSON answers), `/ims/revoke`.
// The tokens it issues are the store's access and refresh tokens, so `/v4` accepts them until
// they expire or are revoked. Errors are OAuth error bodies (`{error, error_description}`), not
// Frame.io's `errors` envelope: IMS is another service.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { World } from './world.ts';

export interface ImsSettings {
  /** lifetime of an access token (default 24 h, as IMS issues them) */
  accessTokenTtlMs: number;
  /** lifetime of a refresh token (default 14 days) */
  refreshTokenTtlMs: number;
  /** lifetime of an authorization code (default 10 minutes) */
  codeTtlMs: number;
}

export const DEFAULT_IMS_SETTINGS: ImsSettings = {
  accessTokenTtlMs: 24 * 60 * 60 * 1000,
  refreshTokenTtlMs: 14 * 24 * 60 * 60 * 1000,
  codeTtlMs: 10 * 60 * 1000,
};

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  userId: string;
  scope: string;
  expiresAt: number;
}

class OAuthError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, description: string) {
    super(description);
    this.status = status;
    this.code = code;
  }
}

const MAX_FORM_BODY = 64 * 1024;

const base64url = (bytes: Buffer) => bytes.toString('base64url');
const s256 = (verifier: string) => base64url(createHash('sha256').update(verifier).digest());

export function isImsPath(pathname: string): boolean {
  return pathname === '/ims' || pathname.startsWith('/ims/');
}

export class Ims {
  private readonly world: World;
  private readonly settings: ImsSettings;
  /** Codes live only as long as the process: a restart mid-sign-in means signing in again. */
  private readonly codes = new Map<string, PendingCode>();

  constructor(world: World, settings: Partial<ImsSettings> = {}) {
    this.world = world;
    this.settings = { ...DEFAULT_IMS_SETTINGS, ...settings };
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    try {
      if (url.pathname === '/ims/authorize/v2' && method === 'GET') return this.consentPage(res, url.searchParams);
      if (url.pathname === '/ims/authorize/v2' && method === 'POST') return this.decide(res, await readForm(req));
      if (url.pathname === '/ims/token/v3' && method === 'POST') return this.token(res, url.searchParams, await readForm(req));
      if (url.pathname === '/ims/revoke' && method === 'POST') return this.revoke(res, url.searchParams, await readForm(req));
      req.resume();
      throw new OAuthError(404, 'not_found', `No IMS endpoint for ${method} ${url.pathname}`);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      req.resume();
      sendOAuthJson(res, error.status, { error: error.code, error_description: error.message });
    }
  }

  /** Checks an authorize request; problems before a usable redirect_uri can only be shown, not redirected. */
  private authorizeRequest(params: URLSearchParams) {
    const clientId = params.get('client_id');
    const redirectUri = params.get('redirect_uri');
    if (!clientId) throw new OAuthError(400, 'invalid_request', 'client_id is required');
    if (!redirectUri || !isRedirectable(redirectUri)) throw new OAuthError(400, 'invalid_request', 'redirect_uri must be an absolute http(s) or app URL');
    const state = params.get('state') ?? '';
    const problem = (() => {
      if (params.get('response_type') !== 'code') return ['unsupported_response_type', 'response_type must be code'];
      const challenge = params.get('code_challenge');
      if (!challenge || !/^[A-Za-z0-9_-]{43,128}$/.test(challenge)) return ['invalid_request', 'code_challenge is required (PKCE)'];
      if (params.get('code_challenge_method') !== 'S256') return ['invalid_request', 'code_challenge_method must be S256'];
      return undefined;
    })();
    return { clientId, redirectUri, state, challenge: params.get('code_challenge') ?? '', scope: params.get('scope') ?? '', problem };
  }

  private consentPage(res: ServerResponse, params: URLSearchParams): void {
    const request = this.authorizeRequest(params);
    if (request.problem) return redirect(res, request.redirectUri, { error: request.problem[0]!, error_description: request.problem[1]!, state: request.state });
    const users = this.world.store.list('user');
    const hidden = ['client_id', 'redirect_uri', 'state', 'scope', 'response_type', 'code_challenge', 'code_challenge_method']
      .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name) ?? '')}">`)
      .join('\n      ');
    const people = users
      .map((u, i) => `<label><input type="radio" name="user_id" value="${escapeHtml(u.id)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(u.name)} &lt;${escapeHtml(u.email)}&gt;</label>`)
      .join('<br>\n      ');
    const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in to the Frame.io sandbox</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}button{font:inherit;padding:.5rem 1.25rem;margin-right:.5rem}</style></head>
<body>
  <h1>Sign in to the local sandbox</h1>
  <p>This is the sandbox's stand-in for Adobe sign-in, not Adobe or Frame.io.</p>
  <p><strong>${escapeHtml(request.clientId)}</strong> asks to use your account${request.scope ? ` (${escapeHtml(request.scope)})` : ''}.</p>
  <form method="post" action="/ims/authorize/v2">
      ${hidden}
      <p>${people}</p>
      <button type="submit" name="decision" value="allow">Allow</button>
      <button type="submit" name="decision" value="deny">Deny</button>
  </form>
</body>
</html>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), 'cache-control': 'no-store' });
    res.end(html);
  }

  private decide(res: ServerResponse, form: URLSearchParams): void {
    const request = this.authorizeRequest(form);
    if (request.problem) return redirect(res, request.redirectUri, { error: request.problem[0]!, error_description: request.problem[1]!, state: request.state });
    if (form.get('decision') !== 'allow') return redirect(res, request.redirectUri, { error: 'access_denied', error_description: 'The user did not allow access', state: request.state });
    const users = this.world.store.list('user');
    const user = users.find((u) => u.id === form.get('user_id')) ?? users[0];
    if (!user) throw new OAuthError(400, 'invalid_request', 'The sandbox has no user to sign in');
    this.dropExpiredCodes();
    const code = base64url(randomBytes(24));
    this.codes.set(code, {
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      challenge: request.challenge,
      userId: user.id,
      scope: request.scope,
      expiresAt: Date.now() + this.settings.codeTtlMs,
    });
    redirect(res, request.redirectUri, { code, state: request.state });
  }

  private token(res: ServerResponse, query: URLSearchParams, form: URLSearchParams): void {
    const clientId = form.get('client_id') ?? query.get('client_id');
    if (!clientId) throw new OAuthError(400, 'invalid_request', 'client_id is required');
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') {
      const code = form.get('code');
      const verifier = form.get('code_verifier');
      if (!code) throw new OAuthError(400, 'invalid_request', 'code is required');
      if (!verifier) throw new OAuthError(400, 'invalid_request', 'code_verifier is required (PKCE)');
      const pending = this.codes.get(code);
      // A code is good for one try, right or wrong, as OAuth asks.
      this.codes.delete(code);
      if (!pending || pending.expiresAt <= Date.now()) throw new OAuthError(400, 'invalid_grant', 'The authorization code is invalid, expired or already used');
      if (pending.clientId !== clientId) throw new OAuthError(400, 'invalid_grant', 'The authorization code was issued to another client');
      const redirectUri = form.get('redirect_uri');
      if (redirectUri !== null && redirectUri !== pending.redirectUri) throw new OAuthError(400, 'invalid_grant', 'redirect_uri does not match the authorize request');
      if (s256(verifier) !== pending.challenge) throw new OAuthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
      return this.issue(res, pending.userId);
    }
    if (grant === 'refresh_token') {
      const refreshToken = form.get('refresh_token');
      if (!refreshToken) throw new OAuthError(400, 'invalid_request', 'refresh_token is required');
      const userId = this.world.store.tokenUser(refreshToken, ['refresh']);
      if (!userId) throw new OAuthError(400, 'invalid_grant', 'The refresh token is invalid, expired or revoked');
      // Each refresh hands out a new refresh token; the one used is spent.
      this.world.store.revokeToken(refreshToken);
      return this.issue(res, userId);
    }
    throw new OAuthError(400, 'unsupported_grant_type', `grant_type must be authorization_code or refresh_token${grant ? `, not ${grant}` : ''}`);
  }

  private issue(res: ServerResponse, userId: string): void {
    const now = Date.now();
    const accessToken = this.world.store.issueToken(userId, 'access', { expiresAt: now + this.settings.accessTokenTtlMs });
    const refreshToken = this.world.store.issueToken(userId, 'refresh', { expiresAt: now + this.settings.refreshTokenTtlMs });
    sendOAuthJson(res, 200, {
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'bearer',
      expires_in: Math.floor(this.settings.accessTokenTtlMs / 1000),
    });
  }

  /** As RFC 7009: any token, known or not, is answered with 200; only a request without one is wrong. */
  private revoke(res: ServerResponse, query: URLSearchParams, form: URLSearchParams): void {
    const token = form.get('token');
    if (!(form.get('client_id') ?? query.get('client_id'))) throw new OAuthError(400, 'invalid_request', 'client_id is required');
    if (!token) throw new OAuthError(400, 'invalid_request', 'token is required');
    // Static tokens belong to scripts, not to sign-ins: IMS cannot revoke them.
    if (this.world.store.tokenUser(token, ['access', 'refresh']) !== undefined) this.world.store.revokeToken(token);
    res.writeHead(200, { 'content-length': 0, 'cache-control': 'no-store' }).end();
  }

  private dropExpiredCodes(): void {
    const now = Date.now();
    for (const [code, pending] of this.codes) if (pending.expiresAt <= now) this.codes.delete(code);
  }
}

function isRedirectable(uri: string): boolean {
  try {
    const url = new URL(uri);
    return !['javascript:', 'data:', 'file:', 'blob:'].includes(url.protocol) && url.hash === '';
  } catch {
    return false;
  }
}

function redirect(res: ServerResponse, redirectUri: string, params: Record<string, string>): void {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== '') target.searchParams.set(name, value);
  res.writeHead(302, { location: target.toString(), 'content-length': 0, 'cache-control': 'no-store' }).end();
}

function sendOAuthJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', pragma: 'no-cache' });
  res.end(text);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = req.headers['content-type'] ?? '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BODY) throw new OAuthError(400, 'invalid_request', 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  if (size > 0 && !/^application\/x-www-form-urlencoded\b/i.test(type)) {
    throw new OAuthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
