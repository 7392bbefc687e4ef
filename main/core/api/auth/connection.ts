// Which credential a Slate process uses: a token given on the command line or in SLATE_TOKEN wins
// (scripts); otherwise the signed-in profile kept in the data folder's vault.
import { staticToken, type TokenProvider } from '../client.ts';
import { ADOBE_IMS_URL, type ImsConfig } from './ims.ts';
import type { RedirectReceiver } from './redirect.ts';
import { ProfileTokens, LEGACY_TOKEN_HEADER, type ProfileTokensOptions } from './tokens.ts';
import { normalizeApiUrl, ProfileBook, type ApiVersion, type VaultStore } from './vault.ts';

export const FRAMEIO_API_URL = 'https://api.frame.io';

export interface ConnectionRequest {
  apiUrl?: string;
  token?: string;
  /** the token is a legacy developer token (SLATE_TOKEN_KIND=legacy) */
  legacy?: boolean;
  /** which API a given token speaks (default V4); a stored profile knows its own */
  api?: ApiVersion;
  /** without one, only a given token counts */
  vault?: VaultStore;
}

/** How a long-running Slate (desktop app, web agent) finds and makes sign-ins. */
export interface SignInSetup {
  vault: VaultStore;
  /** the IMS endpoint and client id; without them the browser sign-in is not offered */
  ims?: ImsConfig;
  /** shows the authorize URL to the person: the desktop opens the system browser */
  openBrowser?: (url: string) => Promise<void>;
  /** where the browser comes back: a loopback server unless the shell registered a protocol */
  receiver?: () => Promise<RedirectReceiver>;
  /** called after a sign-in to a server other than the one this process is using (e.g. from the demo sandbox) */
  onServerChange?: () => void;
}

/** SLATE_IMS_CLIENT_ID (required) and SLATE_IMS_URL (default Adobe's). */
export function imsConfigFromEnv(env: NodeJS.ProcessEnv): ImsConfig | undefined {
  return env.SLATE_IMS_CLIENT_ID ? { imsUrl: env.SLATE_IMS_URL || ADOBE_IMS_URL, clientId: env.SLATE_IMS_CLIENT_ID } : undefined;
}

export interface Connection {
  apiUrl: string;
  tokens: TokenProvider;
  /** which Frame.io API this credential speaks */
  api: ApiVersion;
  /** the profiles of this server when the credential came from the vault */
  book: ProfileBook | undefined;
}

/**
 * undefined when nothing is configured: no token, and no server with a signed-in profile.
 * Without an API URL, the server of the vault's profiles is used when there is exactly one.
 */
export function chooseConnection(request: ConnectionRequest, options: ProfileTokensOptions = {}): Connection | undefined {
  if (request.token) {
    if (!request.apiUrl) return undefined;
    const tokens = staticToken(request.token, request.legacy ? { [LEGACY_TOKEN_HEADER]: 'true' } : {});
    return { apiUrl: normalizeApiUrl(request.apiUrl), tokens, api: request.api ?? 'v4', book: undefined };
  }
  if (!request.vault) return undefined;
  const apiUrl = request.apiUrl ?? soleServer(request.vault);
  if (!apiUrl) return undefined;
  const book = new ProfileBook(request.vault, apiUrl);
  const profile = book.current();
  if (!profile) return undefined;
  return { apiUrl: book.apiUrl, tokens: new ProfileTokens(book, options), api: profile.api ?? 'v4', book };
}

/** The servers the vault holds a current profile for. */
export function signedInServers(vault: VaultStore): string[] {
  return Object.keys(vault.read()?.current ?? {});
}

function soleServer(vault: VaultStore): string | undefined {
  const servers = signedInServers(vault);
  return servers.length === 1 ? servers[0] : undefined;
}
