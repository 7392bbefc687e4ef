// What the transfer commands share: the connection to Frame.io (flags, else SLATE_* variables),
// the account to work in, and the engine over the journal in the data folder.
import { chooseConnection, signedInServers, type Connection } from '../core/api/auth/connection.ts';
import { SignInNeeded } from '../core/api/auth/errors.ts';
import { FileVaultStore, vaultPath } from '../core/api/auth/file-store.ts';
import type { ApiVersion } from '../core/api/auth/vault.ts';
import { FrameioClient } from '../core/api/client.ts';
import { ApiError } from '../core/api/errors.ts';
import { Reachability } from '../core/api/reachability.ts';
import { AccountApi } from '../core/api/resources.ts';
import { V2Client } from '../core/api/v2/client.ts';
import { V2Api } from '../core/api/v2/resources.ts';
import { V2TransferApi } from '../core/api/v2/transfer-adapter.ts';
import { describeTightened, makeDataFolderPrivate } from '../core/data-folder.ts';
import { lockDataFolder } from '../core/data-lock.ts';
import { defaultDataDir, openDatabase, type Database } from '../core/db.ts';
import { Refusal } from '../core/errors.ts';
import { TransferEngine, type EngineOptions } from '../core/transfers/engine.ts';
import packageJson from '../../package.json' with { type: 'json' };
import { parseDuration } from './duration.ts';
import { usingDataFolder, UsageError } from './output.ts';
import type { RunOptions } from './run-jobs.ts';

/** The options every command that talks to Frame.io accepts. */
export const connectionOptions = {
  'api-url': { type: 'string' },
  token: { type: 'string' },
  account: { type: 'string' },
  'data-dir': { type: 'string' },
  /** v2 for a legacy account's token; a stored profile knows its own */
  api: { type: 'string' },
} as const;

/** The options of commands that run transfers to the end. */
export const transferOptions = {
  ...connectionOptions,
  /** how long to wait for Frame.io when it cannot be reached before failing; unset: as long as it takes */
  'give-up-after': { type: 'string' },
} as const;

/** The run options the transfer flags ask for. */
export function runOptions(flags: { 'give-up-after'?: string }): RunOptions {
  return { giveUpAfterMs: flags['give-up-after'] === undefined ? undefined : parseDuration(flags['give-up-after'], '--give-up-after') };
}

export interface ConnectionFlags {
  'api-url'?: string;
  token?: string;
  account?: string;
  'data-dir'?: string;
  api?: string;
}

export interface Session {
  /** which Frame.io API the sign-in speaks: a V2 session's engine uploads through V2 */
  apiVersion: ApiVersion;
  client: FrameioClient;
  api: AccountApi;
  /** a legacy (V2) sign-in's own API; undefined on V4 */
  v2: V2Api | undefined;
  accountId: string;
  db: Database;
  engine: TransferEngine;
  close(): Promise<void>;
}

export function connect(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): FrameioClient {
  const { apiUrl, tokens } = connection(flags, env);
  return new FrameioClient({ baseUrl: apiUrl, tokens, userAgent: `Slate/${packageJson.version}` });
}

/** The sign-ins kept in the data folder (0600); a loosened file is tightened and reported on stderr. */
export function openVault(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): FileVaultStore {
  const dataDir = flags['data-dir'] ?? defaultDataDir(env);
  usingDataFolder(dataDir);
  return new FileVaultStore(vaultPath(dataDir), { onWarning: (message) => console.error(`slate: warning: ${message}`) });
}

/** --token or SLATE_TOKEN when given (SLATE_TOKEN_KIND=legacy for a developer token), else the profile `slate login` stored. */
export function connection(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): Connection {
  const apiUrl = flags['api-url'] ?? env.SLATE_API_URL;
  const token = flags.token ?? env.SLATE_TOKEN;
  if (token && !apiUrl) throw new UsageError('No Frame.io server configured: set SLATE_API_URL (https://api.frame.io, or a sandbox URL) or pass --api-url.');
  const vault = openVault(flags, env);
  const api = apiVersion(flags.api);
  const chosen = chooseConnection({ apiUrl, token, legacy: env.SLATE_TOKEN_KIND === 'legacy', api, vault });
  if (chosen && api && chosen.api !== api) {
    throw new UsageError(`The profile in use signs in to Frame.io ${chosen.api.toUpperCase()}, not ${api.toUpperCase()}: sign in with \`slate login --token - --api ${api}\`, or leave out --api.`);
  }
  if (chosen) return chosen;
  if (apiUrl) throw new SignInNeeded(`Nobody is signed in to ${apiUrl}.`);
  const servers = signedInServers(vault);
  if (servers.length > 1) throw new UsageError(`Signed in to several servers (${servers.join(', ')}): pick one with --api-url or SLATE_API_URL.`);
  throw new UsageError('Not signed in: run `slate login`, or set SLATE_API_URL and SLATE_TOKEN.');
}

/**
 * Refuses, before anything is opened, a command that speaks only Frame.io V4 when the sign-in in
 * use is a legacy (V2) account: its V4 calls would fail with words about something else.
 */
export function requireV4(command: string, flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): void {
  if (connection(flags, env).api !== 'v2') return;
  throw new Refusal(
    'cli:v4-only',
    `\`slate ${command}\` works with Frame.io V4 accounts, and the sign-in in use is a legacy (V2) account.`,
    'Upload to it with `slate upload --to <asset-id>` and browse it with `slate ls`; for this command, sign in to a V4 account (`slate login`).',
  );
}

function apiVersion(flag: string | undefined): ApiVersion | undefined {
  if (flag === undefined || flag === 'v4' || flag === 'v2') return flag;
  throw new UsageError(`--api must be v4 or v2 (v2 for a legacy Frame.io account), got "${flag}".`);
}

/** The V2 API of a legacy profile or token. */
export function legacyApi(conn: Connection): V2Api {
  return new V2Api(new V2Client({ baseUrl: conn.apiUrl, tokens: conn.tokens, userAgent: `Slate/${packageJson.version}` }));
}

/** A legacy account has one home account, the one `/v2/me` names, unless --account says otherwise. */
async function legacyAccount(api: V2Api, flags: ConnectionFlags, env: NodeJS.ProcessEnv): Promise<string> {
  const chosen = flags.account ?? env.SLATE_ACCOUNT_ID;
  if (chosen) return chosen;
  const me = await api.me();
  if (!me.account_id) throw new ApiError({ kind: 'forbidden', operation: 'getMe', detail: 'this sign-in has no Frame.io account' });
  return me.account_id;
}

/** The account from --account or SLATE_ACCOUNT_ID, or the only one the user has. */
export async function chooseAccount(client: FrameioClient, flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const chosen = flags.account ?? env.SLATE_ACCOUNT_ID;
  if (chosen) return chosen;
  const accounts = await client.accounts();
  if (accounts.length === 1) return accounts[0]!.id;
  if (accounts.length === 0) throw new ApiError({ kind: 'forbidden', operation: 'accounts.index', detail: 'this sign-in has no Frame.io account' });
  const list = accounts.map((a) => `  ${a.id}  ${a.display_name}`).join('\n');
  throw new UsageError(`You are in ${accounts.length} accounts; pick one with --account or SLATE_ACCOUNT_ID:\n${list}`);
}

export async function openSession(flags: ConnectionFlags, engineOptions: Partial<EngineOptions> = {}, env: NodeJS.ProcessEnv = process.env): Promise<Session> {
  const conn = connection(flags, env);
  const client = new FrameioClient({ baseUrl: conn.apiUrl, tokens: conn.tokens, userAgent: `Slate/${packageJson.version}` });
  let accountId: string;
  let legacy: Partial<EngineOptions> = {};
  const v2 = conn.api === 'v2' ? legacyApi(conn) : undefined;
  if (v2) {
    accountId = await legacyAccount(v2, flags, env);
    // Uploads go through V2, and V2 is what is asked whether Frame.io answers.
    legacy = { transferApi: () => new V2TransferApi(v2), reachability: new Reachability({ probe: (signal) => v2.me(signal) }) };
  } else {
    accountId = await chooseAccount(client, flags, env);
  }
  const dataDir = flags['data-dir'] ?? defaultDataDir(env);
  usingDataFolder(dataDir);
  const tightened = makeDataFolderPrivate(dataDir);
  if (tightened.length > 0) console.error(`slate: warning: ${describeTightened(dataDir, tightened)}`);
  const lock = lockDataFolder(dataDir, `\`slate ${process.argv[2] ?? ''}\``);
  const db = openDatabase(dataDir);
  const engine = new TransferEngine({ client, db, ...engineOptions, ...legacy });
  return {
    apiVersion: conn.api,
    client,
    api: new AccountApi(client, accountId),
    v2,
    accountId,
    db,
    engine,
    async close() {
      await engine.close();
      db.close();
      lock.release();
    },
  };
}
