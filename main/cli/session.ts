// What the transfer commands share: the connection to Frame.io (flags, else SLATE_* variables),
// the account to work in, and the engine over the journal in the data folder.
import { FrameioClient, staticToken } from '../core/api/client.ts';
import { ApiError } from '../core/api/errors.ts';
import { AccountApi } from '../core/api/resources.ts';
import { defaultDataDir, openDatabase, type Database } from '../core/db.ts';
import { TransferEngine, type EngineOptions } from '../core/transfers/engine.ts';
import packageJson from '../../package.json' with { type: 'json' };
import { UsageError } from './output.ts';

/** The options every command that talks to Frame.io accepts. */
export const connectionOptions = {
  'api-url': { type: 'string' },
  token: { type: 'string' },
  account: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

export interface ConnectionFlags {
  'api-url'?: string;
  token?: string;
  account?: string;
  'data-dir'?: string;
}

export interface Session {
  client: FrameioClient;
  api: AccountApi;
  accountId: string;
  db: Database;
  engine: TransferEngine;
  close(): Promise<void>;
}

export function connect(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): FrameioClient {
  const apiUrl = flags['api-url'] ?? env.SLATE_API_URL;
  const token = flags.token ?? env.SLATE_TOKEN;
  if (!apiUrl) throw new UsageError('No Frame.io server configured: set SLATE_API_URL (https://api.frame.io, or a sandbox URL) or pass --api-url.');
  if (!token) throw new UsageError(`No token for ${apiUrl}: set SLATE_TOKEN or pass --token.`);
  return new FrameioClient({ baseUrl: apiUrl, tokens: staticToken(token), userAgent: `Slate/${packageJson.version}` });
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
  const client = connect(flags, env);
  const accountId = await chooseAccount(client, flags, env);
  const db = openDatabase(flags['data-dir'] ?? defaultDataDir(env));
  const engine = new TransferEngine({ client, db, ...engineOptions });
  return {
    client,
    api: new AccountApi(client, accountId),
    accountId,
    db,
    engine,
    async close() {
      await engine.close();
      db.close();
    },
  };
}
