// Adobe IMS as an "OAuth Native App": the authorize URL, the code exchange, refresh and revoke.
// Form-encoded POSTs; the client id travels in the query as IMS documents it. No client secret.
import got, { RequestError, type Got } from 'got';
import { SignInError } from './errors.ts';

export const ADOBE_IMS_URL = 'https://ims-na1.adobelogin.com';
/** offline_access is what yields a refresh token. */
export const DEFAULT_SCOPES = ['openid', 'email', 'profile', 'offline_access', 'additional_info.roles'];

export interface ImsConfig {
  imsUrl: string;
  clientId: string;
  scopes?: string[];
}

export interface ImsTokens {
  accessToken: string;
  refreshToken: string | undefined;
  /** epoch milliseconds */
  expiresAt: number;
}

export interface AuthorizeRequest {
  redirectUri: string;
  state: string;
  challenge: string;
}

export class ImsClient {
  readonly config: Required<ImsConfig>;
  private readonly http: Got;
  private readonly now: () => number;

  constructor(config: ImsConfig, options: { userAgent?: string; now?: () => number } = {}) {
    this.config = { scopes: DEFAULT_SCOPES, ...config, imsUrl: config.imsUrl.replace(/\/+$/, '') };
    this.now = options.now ?? Date.now;
    this.http = got.extend({
      throwHttpErrors: false,
      retry: { limit: 1, methods: ['POST'], statusCodes: [502, 503, 504] },
      timeout: { connect: 10_000, response: 30_000 },
      headers: { 'user-agent': options.userAgent ?? 'Slate', accept: 'application/json' },
    });
  }

  authorizeUrl(request: AuthorizeRequest): string {
    const url = new URL(`${this.config.imsUrl}/ims/authorize/v2`);
    url.search = new URLSearchParams({
      client_id: this.config.clientId,
      redirect_uri: request.redirectUri,
      scope: this.config.scopes.join(','),
      state: request.state,
      response_type: 'code',
      code_challenge: request.challenge,
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  }

  exchangeCode(code: string, verifier: string, redirectUri: string): Promise<ImsTokens> {
    return this.token({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri });
  }

  refresh(refreshToken: string): Promise<ImsTokens> {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  /** Best effort by nature: a token the server no longer knows is as good as revoked. */
  async revoke(token: string, hint: 'access_token' | 'refresh_token'): Promise<void> {
    const response = await this.post('/ims/revoke', { client_id: this.config.clientId, token, token_type_hint: hint });
    if (response.statusCode >= 500) throw new SignInError('unavailable', `The sign-in server could not revoke the token (HTTP ${response.statusCode}).`);
  }

  private async token(form: Record<string, string>): Promise<ImsTokens> {
    const response = await this.post(`/ims/token/v3?client_id=${encodeURIComponent(this.config.clientId)}`, form);
    const body = parseJson(response.body);
    if (response.statusCode >= 500) throw new SignInError('unavailable', `The sign-in server is having trouble (HTTP ${response.statusCode}).`);
    if (response.statusCode >= 400) {
      const reason = typeof body?.error_description === 'string' ? body.error_description : typeof body?.error === 'string' ? body.error : `HTTP ${response.statusCode}`;
      throw new SignInError('rejected', `The sign-in server refused the ${form.grant_type === 'refresh_token' ? 'refresh' : 'sign-in code'}: ${reason}.`);
    }
    const expiresIn = Number(body?.expires_in);
    if (typeof body?.access_token !== 'string' || !Number.isFinite(expiresIn)) {
      throw new SignInError('invalid-answer', 'The sign-in server answered without an access token.');
    }
    return {
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
      expiresAt: this.now() + expiresIn * 1000,
    };
  }

  private async post(path: string, form: Record<string, string>) {
    try {
      return await this.http.post(`${this.config.imsUrl}${path}`, { form, responseType: 'text' });
    } catch (error) {
      // The cause stays behind: got keeps the request options, and the form holds tokens.
      const code = error instanceof RequestError ? error.code : 'error';
      throw new SignInError('unavailable', `Could not reach the sign-in server at ${this.config.imsUrl} (${code}).`);
    }
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
