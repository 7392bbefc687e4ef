// Chooses what Slate talks to: Frame.io (or any V4 server) when a token is configured or a profile
// is signed in, otherwise the embedded sandbox seeded with demo data, clearly labelled as not Frame.io. Then
// opens the journal and the transfer engine, and resumes whatever a previous run left unfinished.
import { homedir } from 'node:os';
import { join } from 'node:path';
import packageJson from '../package.json' with { type: 'json' };
import type { AppInfo } from '../preload/contract.ts';
import { chooseConnection, FRAMEIO_API_URL, imsConfigFromEnv, type Connection, type SignInSetup } from './core/api/auth/connection.ts';
import { FileVaultStore, vaultPath } from './core/api/auth/file-store.ts';
import type { ApiVersion } from './core/api/auth/vault.ts';
import { SessionControl } from './core/api/auth/session-control.ts';
import { DragCache, dragCacheDir, downloadFolderFor } from './core/drag-out/drag-cache.ts';
import { RememberedDestination } from './core/transfers/download/destination.ts';
import { FrameioClient, staticToken } from './core/api/client.ts';
import { ChosenPaths } from './core/chosen-paths.ts';
import { describeTightened, makeDataFolderPrivate } from './core/data-folder.ts';
import { lockDataFolder } from './core/data-lock.ts';
import { defaultDataDir, openDatabase } from './core/db.ts';
import { Refusal } from './core/errors.ts';
import { createService, type Service } from './core/service.ts';
import { SettingsStore } from './core/settings.ts';
import { AccountApi } from './core/api/resources.ts';
import { systemClock } from './core/api/clock.ts';
import { FollowJournal } from './core/sync/journal.ts';
import { FollowManager } from './core/sync/manager.ts';
import { FolderPace } from './core/sync/pace.ts';
import type { FolderPicker } from './core/handlers/watches.ts';
import { EngineUploader } from './core/watch/engine-uploader.ts';
import { WatchJournal } from './core/watch/journal.ts';
import { WatchManager } from './core/watch/manager.ts';
import { v2WatchRemote } from './core/watch/remote-v2.ts';
import { agentWatchPolicy, desktopWatchPolicy } from './core/watch/policy.ts';
import { TransferEngine, type EngineOptions } from './core/transfers/engine.ts';
import { Reachability } from './core/api/reachability.ts';
import { V2Client } from './core/api/v2/client.ts';
import { V2Api } from './core/api/v2/resources.ts';
import { V2TransferApi } from './core/api/v2/transfer-adapter.ts';
import { transferApiInUse } from './core/api/v2/transfer-in-use.ts';
import { onLegacy, type LegacyApi } from './core/handlers/api-choice.ts';
import { startSandbox, type Sandbox } from './sandbox/server.ts';

export interface BackendConfig {
  apiUrl?: string;
  token?: string;
  dataDir?: string;
  /** where the embedded sandbox logs its exchanges (SLATE_SANDBOX_EXCHANGE_LOG) */
  sandboxExchangeLog?: string;
  /** where sign-ins are kept and how to make one; without it only `token` counts */
  signIn?: SignInSetup;
  /** the least seconds between two looks of a follow (SLATE_FOLLOW_CHECK_SECONDS); 30 unless given */
  followCheckSeconds?: number;
}

const FOLLOW_CHECK_SECONDS = 30;

export interface Backend {
  service: Service;
  engine: TransferEngine;
  sandbox: Sandbox | undefined;
  close(): Promise<void>;
}

export const slateVersion: string = packageJson.version;

/** Anything that is not Frame.io itself is labelled a sandbox, so nobody mistakes test data for real work. */
export function backendOf(apiUrl: string): AppInfo['backend'] {
  return { kind: new URL(apiUrl).hostname.endsWith('frame.io') ? 'frameio' : 'sandbox', url: apiUrl };
}

/**
 * Reads SLATE_API_URL, SLATE_TOKEN and SLATE_DATA_DIR (flags given on a command line win over them),
 * and SLATE_IMS_URL / SLATE_IMS_CLIENT_ID for signing in; sign-ins live in the data folder's 0600 file.
 */
export function backendConfigFromEnv(env: NodeJS.ProcessEnv = process.env): BackendConfig {
  const dataDir = env.SLATE_DATA_DIR || undefined;
  const vault = new FileVaultStore(vaultPath(dataDir ?? defaultDataDir(env)), { onWarning: (message) => console.error(`slate: warning: ${message}`) });
  return {
    apiUrl: env.SLATE_API_URL || undefined,
    token: env.SLATE_TOKEN || undefined,
    dataDir,
    sandboxExchangeLog: env.SLATE_SANDBOX_EXCHANGE_LOG || undefined,
    followCheckSeconds: followCheckSecondsOf(env.SLATE_FOLLOW_CHECK_SECONDS),
    signIn: { vault, ims: imsConfigFromEnv(env) },
  };
}

/** What the shell allows the UI to watch: the desktop's dialog, or the web agent operator's choices. */
export interface WatchAccess {
  pickFolder?: FolderPicker;
  /** the web agent's `--allow-root`s; none: the home folder */
  allowRoots?: string[];
  /** the web agent's `--allow-delete-after-upload` */
  allowDeleteAfterUpload?: boolean;
  /** the system's Downloads folder (the desktop's): what a drag out of the window cannot carry downloads there, unless a download folder was chosen */
  downloadsFolder?: string;
}

export async function openBackend(config: BackendConfig, shell: 'desktop' | 'web', access: WatchAccess = {}): Promise<Backend> {
  let session: SessionControl | undefined;
  const connection = chooseConnection({ apiUrl: config.apiUrl, token: config.token, vault: config.signIn?.vault }, { onSignedOut: () => session?.signedOut() });
  if (config.apiUrl && !connection) {
    throw new Error(`No token for ${config.apiUrl}: set SLATE_TOKEN or pass --token, or sign in with \`slate login\`.`);
  }
  const sandbox = connection ? undefined : await startSandbox({ seed: 'demo', exchangeLog: config.sandboxExchangeLog });
  const apiUrl = connection?.apiUrl ?? sandbox!.url;
  const api = new FrameioClient({ baseUrl: apiUrl, tokens: connection?.tokens ?? staticToken(sandbox!.token), userAgent: `Slate/${slateVersion}` });
  // Sign-in is offered unless a fixed token was given; from the demo sandbox it signs in to Frame.io.
  if (config.signIn && !config.token) session = new SessionControl(config.signIn, connection?.apiUrl ?? FRAMEIO_API_URL, connection !== undefined, `Slate/${slateVersion}`);
  const dataDir = config.dataDir ?? defaultDataDir();
  const tightened = makeDataFolderPrivate(dataDir);
  if (tightened.length > 0) console.error(`slate: warning: ${describeTightened(dataDir, tightened)}`);
  const settings = new SettingsStore(dataDir);
  const { fileConcurrency, partConcurrency, bandwidth } = settings.get();
  // The embedded sandbox starts afresh each run, so its transfers must not outlive it either, and
  // nothing on disk needs guarding from another Slate.
  const lock = sandbox ? undefined : lockDataFolder(dataDir, shell === 'desktop' ? 'The Slate app' : '`slate serve`');
  const db = openDatabase(sandbox ? ':memory:' : dataDir);
  const legacy = connection && legacyApi(connection);
  const engine = new TransferEngine({ client: api, db, fileConcurrency, partConcurrency, bandwidth, ...(legacy ? legacyTransfers(api, legacy) : {}) });
  const watches = new WatchManager({
    journal: new WatchJournal(db),
    // A watch speaks the API in use when it starts.
    api: (accountId) => (onLegacy(legacy) ? v2WatchRemote(legacy.v2) : new AccountApi(api, accountId)),
    uploader: (accountId) => new EngineUploader(engine, accountId),
  });
  // A watch that cannot start (its folder is gone) must not stop the others or the app.
  watches.on('error', ({ watchId, error }) => console.error(`slate: watch ${watchId}: ${error.message}`));
  watches.on('notice', ({ watchId, message }) => console.error(`slate: watch ${watchId}: ${message}`));
  const follows = new FollowManager({
    journal: new FollowJournal(db),
    engine,
    api: (accountId) => new AccountApi(api, accountId),
    pace: new FolderPace(systemClock),
    clock: systemClock,
    intervalMs: (config.followCheckSeconds ?? FOLLOW_CHECK_SECONDS) * 1000,
  });
  const chosen = new ChosenPaths();
  const remembered = new RememberedDestination(dataDir);
  const dragOut =
    shell === 'desktop'
      ? new DragCache({
          dir: dragCacheDir(dataDir),
          engine,
          api: (accountId) => new AccountApi(api, accountId),
          downloadFolder: () => downloadFolderFor(remembered.get(), access.downloadsFolder ?? join(homedir(), 'Downloads')),
        })
      : undefined;
  const service = createService({
    session,
    legacy,
    watches,
    follows,
    pickFolder: access.pickFolder,
    dragOut,
    watchPolicy: shell === 'desktop' ? desktopWatchPolicy(dataDir, chosen) : agentWatchPolicy(dataDir, access.allowRoots ?? [], access.allowDeleteAfterUpload ?? false),
    api,
    engine,
    chosen,
    settings,
    dataDir,
    backend: backendOf(apiUrl),
    start: sandbox?.demo,
    shell,
    version: slateVersion,
  });
  engine.resumeUnfinished();
  await watches.startAll();
  follows.startAll();
  return {
    service,
    engine,
    sandbox,
    async close() {
      await service.close();
      await watches.close();
      await follows.close();
      await engine.close();
      db.close();
      lock?.release();
      await sandbox?.close();
    },
  };
}

/** V2 beside V4 over the same sign-in: the profile in use says which one speaks for it, at each request. */
function legacyApi(connection: Connection): LegacyApi {
  const v2 = new V2Api(new V2Client({ baseUrl: connection.apiUrl, tokens: connection.tokens, userAgent: `Slate/${slateVersion}` }));
  const inUse = (): ApiVersion => {
    if (!connection.book) return connection.api;
    // A V4 profile names no API (profiles kept before V2 existed).
    return connection.book.current()?.api ?? 'v4';
  };
  return { v2, inUse };
}

/** Uploads go through the API in use, and that API is the one asked whether Frame.io answers. */
function legacyTransfers(api: FrameioClient, legacy: LegacyApi): Pick<EngineOptions, 'transferApi' | 'reachability'> {
  const v2 = new V2TransferApi(legacy.v2);
  return {
    transferApi: transferApiInUse(legacy.inUse, (accountId) => new AccountApi(api, accountId), v2),
    reachability: new Reachability({ probe: (signal) => (legacy.inUse() === 'v2' ? legacy.v2.me(signal) : api.call('users.show', { signal })) }),
  };
}

function followCheckSecondsOf(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 1) {
    throw new Refusal('settings:follow-check', `SLATE_FOLLOW_CHECK_SECONDS is "${value}", not a number of seconds.`, 'Set it to 1 or more (how often follows look for new files), or unset it for every 30 s.');
  }
  return seconds;
}
