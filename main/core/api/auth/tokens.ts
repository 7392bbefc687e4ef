// The TokenProvider behind a signed-in profile: hands out the current profile's token, refreshes
// an IMS token shortly before it expires and after a 401, saves the rotated tokens, and reports
// "sign-in needed" once IMS refuses the refresh.
import type { TokenProvider } from '../client.ts';
import { ApiError } from '../errors.ts';
import { SignInError, SignInNeeded } from './errors.ts';
import { ImsClient, type ImsConfig } from './ims.ts';
import type { Credential, ProfileBook, StoredProfile } from './vault.ts';

export const LEGACY_TOKEN_HEADER = 'x-frameio-legacy-token-auth';

export interface ProfileTokensOptions {
  /** refresh this long before expiry (default 5 minutes) */
  refreshSkewMs?: number;
  now?: () => number;
  imsClient?: (config: ImsConfig) => ImsClient;
  /** told when the person has to sign in again (refresh refused) */
  onSignedOut?: (profile: StoredProfile) => void;
}

export class ProfileTokens implements TokenProvider {
  private readonly skewMs: number;
  private readonly now: () => number;
  private readonly imsClient: (config: ImsConfig) => ImsClient;
  private refreshing: Promise<string | undefined> | undefined;
  /** the token of the last request, so a refresh after its 401 can tell whether another process already refreshed */
  private lastToken: string | undefined;

  readonly book: ProfileBook;
  private readonly options: ProfileTokensOptions;

  constructor(book: ProfileBook, options: ProfileTokensOptions = {}) {
    this.book = book;
    this.options = options;
    this.skewMs = options.refreshSkewMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
    this.imsClient = options.imsClient ?? ((config) => new ImsClient(config, { now: this.now }));
  }

  async token(): Promise<string> {
    const { credential } = this.signedIn();
    if (credential.kind === 'ims' && credential.expiresAt - this.now() <= this.skewMs) {
      const fresh = await this.refresh();
      // A token that has not quite expired yet is still worth a try when the refresh could not happen.
      if (fresh !== undefined) return (this.lastToken = fresh);
      if (credential.expiresAt <= this.now()) throw this.needed();
    }
    return (this.lastToken = secretOf(credential));
  }

  headers(): Record<string, string> {
    return this.book.current()?.credential?.kind === 'legacy' ? { [LEGACY_TOKEN_HEADER]: 'true' } : {};
  }

  refresh(): Promise<string | undefined> {
    this.refreshing ??= this.refreshOnce().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refreshOnce(): Promise<string | undefined> {
    const profile = this.book.current();
    const credential = profile?.credential;
    if (!profile || credential?.kind !== 'ims' || !credential.refreshToken) return undefined;
    const stillFresh = credential.expiresAt - this.now() > this.skewMs;
    // another process refreshed it since our request went out
    if (stillFresh && credential.accessToken !== this.lastToken) return (this.lastToken = credential.accessToken);
    try {
      const fresh = await this.imsClient({ imsUrl: credential.imsUrl, clientId: credential.clientId }).refresh(credential.refreshToken);
      this.book.setCredential(profile.id, { ...credential, accessToken: fresh.accessToken, refreshToken: fresh.refreshToken ?? credential.refreshToken, expiresAt: fresh.expiresAt });
      return (this.lastToken = fresh.accessToken);
    } catch (error) {
      if (error instanceof SignInError && error.kind === 'rejected') {
        // Another Slate process may have spent this refresh token a moment ago: its rotation is good.
        const latest = this.book.find(profile.id)?.credential;
        if (latest?.kind === 'ims' && latest.refreshToken !== credential.refreshToken) return (this.lastToken = latest.accessToken);
        this.book.setCredential(profile.id, undefined);
        this.options.onSignedOut?.(profile);
        return undefined;
      }
      const detail = error instanceof Error ? error.message : String(error);
      throw new ApiError({ kind: 'network', operation: 'sign-in refresh', detail });
    }
  }

  private signedIn(): StoredProfile & { credential: Credential } {
    const profile = this.book.current();
    if (!profile?.credential) throw this.needed(profile);
    return profile as StoredProfile & { credential: Credential };
  }

  private needed(profile = this.book.current()): SignInNeeded {
    return new SignInNeeded(
      profile ? `The sign-in of ${profile.email} on ${this.book.apiUrl} has expired.` : `Nobody is signed in to ${this.book.apiUrl}.`,
    );
  }
}

export function secretOf(credential: Credential): string {
  return credential.kind === 'ims' ? credential.accessToken : credential.token;
}
