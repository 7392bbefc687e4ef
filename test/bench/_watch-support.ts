// Shared by the watch benchmarks: a watch (real engine, real tree observer) and its events, against
// the sandbox in its own process, as Frame.io is another machine.
import { rmSync } from 'node:fs';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { openDatabase } from '../../main/core/db.ts';
import { TransferEngine } from '../../main/core/transfers/engine.ts';
import { EngineUploader } from '../../main/core/watch/engine-uploader.ts';
import { WatchJournal } from '../../main/core/watch/journal.ts';
import { WatchManager } from '../../main/core/watch/manager.ts';
import type { WatchSettings } from '../../main/core/watch/settings.ts';
import type { WatchFileView } from '../../main/core/watch/states.ts';
import { benchDir, startSandboxProcess, type SandboxProcess } from './_upload-support.ts';

export interface WatchRig {
  dir: string;
  sandbox: SandboxProcess;
  api: AccountApi;
  folderId: string;
  manager: WatchManager;
  watchId: string;
  /** every file event with the time it was seen (performance.now()) */
  events: Array<WatchFileView & { at: number }>;
  close(): Promise<void>;
}

/** `sandboxArgs` are `npm run sandbox` options, e.g. `--rate-limits real`. */
export async function startWatchRig(name: string, settings: Partial<WatchSettings>, sandboxArgs: string[] = []): Promise<WatchRig> {
  const dir = benchDir(name);
  const sandboxDir = benchDir(`${name}-sandbox`);
  const sandbox = await startSandboxProcess(sandboxDir, sandboxArgs);
  const client = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) });
  const api = new AccountApi(client, sandbox.accountId);
  const folderId = (await api.createFolder(sandbox.rootFolderId, name)).id;
  const db = openDatabase(':memory:');
  const engine = new TransferEngine({ client, db });
  const manager = new WatchManager({ journal: new WatchJournal(db), api: () => api, uploader: (accountId) => new EngineUploader(engine, accountId) });
  const events: WatchRig['events'] = [];
  manager.on('file', (file) => events.push({ ...file, at: performance.now() }));
  manager.on('error', ({ error }) => console.error(`watch error: ${error.message}`));
  const { id } = await manager.ensure({ dir, accountId: sandbox.accountId, folderId, settings });
  return {
    dir,
    sandbox,
    api,
    folderId,
    manager,
    watchId: id,
    events,
    async close() {
      await manager.close();
      await engine.close();
      db.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
      rmSync(sandboxDir, { recursive: true, force: true });
    },
  };
}

/** Resolves once `done()` holds, checking every 50 ms; rejects after `limitMs`. */
export async function until(done: () => boolean, limitMs: number, what: string): Promise<void> {
  const start = performance.now();
  while (!done()) {
    if (performance.now() - start > limitMs) throw new Error(`timed out after ${limitMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
