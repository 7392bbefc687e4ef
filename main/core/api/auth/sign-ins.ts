// Signing profiles in and out of one Frame.io server: the browser flow, a pasted developer or
// bearer token, switching, and sign-out that revokes at IMS before forgetting locally.
import { FrameioClient, staticToken, type TokenProvider } from '../client.ts';
import { ApiError } from '../errors.ts';
import { browserSignIn } from './browser-sign-in.ts';
import { SignInError } from './errors.ts';
import { ImsClient, type ImsConfig } from './ims.ts';
import type { RedirectReceiver } from './redirect.ts';
import { V2Client } from '../v2/client.ts';
import { V2Api } from '../v2/resources.ts';
import { LEGACY_TOKEN_HEADER, secretOf } from './tokens.ts';
import { summarize, type ApiVersion, type Credential, type ProfileBook, type ProfileSummary, type StoredProfile } from './vault.ts';

export interface BrowserSignInRequest {
  ims: ImsConfig;
  receiver: RedirectReceiver;
  open: (authorizeUrl: string) => void | Promise<void>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface SignOutResult {
  profile: ProfileSummary;
  /** false when IMS could not be told: the token stays valid at the server until it expires */
  revoked: boolean;
  problem?: string;
}

export class SignIns {
  readonly book: ProfileBook;
  private readonly options: { userAgent?: string; imsClient?: (config: ImsConfig) => ImsClient };

  constructor(book: ProfileBook, options: { userAgent?: string; imsClient?: (config: ImsConfig) => ImsClient } = {}) {
    this.book = book;
    this.options = options;
  }

  list(): ProfileSummary[] {
    return this.book.list();
  }

  current(): ProfileSummary | undefined {
    return this.list().find((p) => p.current);
  }

  async withBrowser(request: BrowserSignInRequest): Promise<ProfileSummary> {
    const ims = this.ims(request.ims);
    const tokens = await browserSignIn({ ...request, ims });
    const credential: Credential = { kind: 'ims', imsUrl: ims.config.imsUrl, clientId: ims.config.clientId, ...tokens };
    try {
      return await this.save(credential);
    } catch (error) {
      await this.revoke(credential).catch(() => undefined);
      throw error;
    }
  }

  /** A developer token (`legacy`) or any bearer token, checked against the server's V4 or V2 API before it is kept. */
  withToken(token: string, kind: 'legacy' | 'bearer', api: ApiVersion = 'v4'): Promise<ProfileSummary> {
    return this.save({ kind, token }, api);
  }

  use(id: string): ProfileSummary {
    const profile = this.book.use(id);
    return summarize(profile, true);
  }

  /** Revokes at IMS (when the profile came from IMS), then forgets the profile here whatever IMS said. */
  async signOut(id = this.book.current()?.id): Promise<SignOutResult> {
    const profile = id === undefined ? undefined : this.book.find(id);
    if (!profile) throw new SignInError('cancelled', `Nobody is signed in to ${this.book.apiUrl}.`);
    let revoked = true;
    let problem: string | undefined;
    if (profile.credential) {
      try {
        await this.revoke(profile.credential);
      } catch (error) {
        revoked = false;
        problem = error instanceof Error ? error.message : String(error);
      }
    }
    this.book.remove(profile.id);
    return { profile: summarize(profile, false), revoked, problem };
  }

  private async save(credential: Credential, api: ApiVersion = 'v4'): Promise<ProfileSummary> {
    const headers: Record<string, string> = credential.kind === 'legacy' ? { [LEGACY_TOKEN_HEADER]: 'true' } : {};
    const tokens = staticToken(secretOf(credential), headers);
    let profile: StoredProfile;
    try {
      profile = api === 'v2' ? await this.v2Profile(tokens, credential) : await this.v4Profile(tokens, credential);
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'unauthorized') {
        const hint =
          api === 'v2' ? ' Is it a developer token of a legacy (V2) Frame.io account?' : credential.kind === 'ims' ? ' Is this Adobe ID linked to a Frame.io V4 account?' : '';
        throw new SignInError('rejected', `Frame.io at ${this.book.apiUrl} did not accept this sign-in.${hint}`);
      }
      throw error;
    }
    this.book.put(profile);
    return summarize(this.book.find(profile.id)!, true);
  }

  private async v4Profile(tokens: TokenProvider, credential: Credential): Promise<StoredProfile> {
    const me = await new FrameioClient({ baseUrl: this.book.apiUrl, tokens, userAgent: this.options.userAgent }).me();
    return { id: me.id, apiUrl: this.book.apiUrl, name: me.name, email: me.email, credential };
  }

  private async v2Profile(tokens: TokenProvider, credential: Credential): Promise<StoredProfile> {
    const me = await new V2Api(new V2Client({ baseUrl: this.book.apiUrl, tokens, userAgent: this.options.userAgent })).me();
    return { id: `v2:${me.id}`, api: 'v2', apiUrl: this.book.apiUrl, name: me.name, email: me.email, credential };
  }

  private async revoke(credential: Credential): Promise<void> {
    if (credential.kind !== 'ims') return; // developer and bearer tokens are withdrawn where they were made
    const ims = this.ims(credential);
    // Revoking the refresh token ends the grant; the access token is revoked too in case it outlives it.
    if (credential.refreshToken) await ims.revoke(credential.refreshToken, 'refresh_token');
    await ims.revoke(credential.accessToken, 'access_token');
  }

  private ims(config: ImsConfig): ImsClient {
    return this.options.imsClient?.(config) ?? new ImsClient(config, { userAgent: this.options.userAgent });
  }
}
