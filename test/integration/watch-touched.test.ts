// A finished file whose time changes but whose bytes do not (a copy tool re-stamping it, a backup
// restore) is recognised by its content hash after a restart and not uploaded again.
import assert from 'node:assert/strict';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { AccountApi } from '../../main/core/api/resources.ts';
import { openDatabase } from '../../main/core/db.ts';
import { TransferEngine } from '../../main/core/transfers/engine.ts';
import { EngineUploader } from '../../main/core/watch/engine-uploader.ts';
import { WatchJournal } from '../../main/core/watch/journal.ts';
import { WatchManager } from '../../main/core/watch/manager.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, content, tempDir } from './transfer-helpers.ts';

let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ partSize: 64 * 1024, rateLimitScale: 10 });
});
after(() => sandbox.close());

function openWatcher(dataDir: string) {
  const db = openDatabase(dataDir);
  const engine = new TransferEngine({ client: clientFor(sandbox), db });
  const api = new AccountApi(clientFor(sandbox), sandbox.accountId);
  const manager = new WatchManager({ journal: new WatchJournal(db), api: () => api, uploader: (accountId) => new EngineUploader(engine, accountId) });
  return {
    manager,
    async stateOf(path: string, wanted: string) {
      for (let waited = 0; waited < 20_000; waited += 50) {
        for (const watch of manager.list()) {
          if (manager.files(watch.id).some((f) => f.path === path && f.state === wanted)) return;
        }
        await sleep(50);
      }
      assert.fail(`${path} never became ${wanted}`);
    },
    async close() {
      await manager.close();
      await engine.close();
      db.close();
    },
  };
}

test('a re-stamped file with the same bytes is not uploaded twice', async () => {
  const dir = tempDir('touched');
  const dataDir = tempDir('touched-data');
  const folderId = (await new AccountApi(clientFor(sandbox), sandbox.accountId).createFolder(sandbox.rootFolderId, 'touched')).id;
  const first = openWatcher(dataDir);
  await first.manager.ensure({ dir, accountId: sandbox.accountId, folderId, settings: { stableSeconds: 0.3 } });
  writeFileSync(join(dir, 'grade_v001.mov'), content('grade', 3 * 64 * 1024));
  await first.stateOf('grade_v001.mov', 'done');
  await first.close();

  const later = new Date(Date.now() + 3_600_000);
  utimesSync(join(dir, 'grade_v001.mov'), later, later);
  const second = openWatcher(dataDir);
  await second.manager.startAll();
  await second.stateOf('grade_v001.mov', 'done');
  // Long enough for a (wrong) second upload to have started after the stability window.
  await sleep(1_500);
  await second.close();

  const creates = sandbox.exchanges.filter((e) => e.url.includes(`/folders/${folderId}/files/local_upload`) && e.status === 201);
  assert.equal(creates.length, 1, 'uploaded exactly once');
});
