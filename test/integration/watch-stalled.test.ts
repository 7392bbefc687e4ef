// One upload of a watch stalls (the sandbox never answers its parts); files finished meanwhile in the
// same watch are seen, queued and uploaded all the same. Counted on states and events, not on time.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { AccountApi } from '../../main/core/api/resources.ts';
import { openDatabase } from '../../main/core/db.ts';
import { TransferEngine } from '../../main/core/transfers/engine.ts';
import { EngineUploader } from '../../main/core/watch/engine-uploader.ts';
import { WatchJournal } from '../../main/core/watch/journal.ts';
import { WatchManager } from '../../main/core/watch/manager.ts';
import type { WatchFileView } from '../../main/core/watch/states.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, content, sha256, tempDir } from './transfer-helpers.ts';

const PART = 64 * 1024;
let sandbox: CheckedSandbox;
before(async () => {
  // Every part of 64 KiB stalls: the big file's parts (all of 64 KiB) are never answered, the small
  // files' single parts are.
  sandbox = await startCheckedSandbox({ partSize: PART, rateLimitScale: 10, faults: `part>=${PART}:stall@every1` });
});
after(() => sandbox.close());

/** Waits until `done()` holds; the limit only keeps a broken build from hanging the run. */
async function until(done: () => boolean, what: () => string): Promise<void> {
  for (let waited = 0; !done(); waited += 50) {
    if (waited > 60_000) assert.fail(`gave up waiting: ${what()}`);
    await sleep(50);
  }
}

test('a finished file is uploaded while another upload in the same watch is stalled', async () => {
  const api = new AccountApi(clientFor(sandbox), sandbox.accountId);
  const folderId = (await api.createFolder(sandbox.rootFolderId, 'stalled')).id;
  const dir = tempDir('watched');
  const db = openDatabase(':memory:');
  const engine = new TransferEngine({ client: clientFor(sandbox), db });
  const manager = new WatchManager({ journal: new WatchJournal(db), api: () => api, uploader: (accountId) => new EngineUploader(engine, accountId) });
  const events: WatchFileView[] = [];
  manager.on('file', (file) => events.push(file));
  manager.on('error', ({ error }) => assert.fail(error));
  try {
    const { id } = await manager.ensure({ dir, accountId: sandbox.accountId, folderId, settings: { stableSeconds: 0.3 } });
    const stateOf = (path: string) => manager.files(id).find((f) => f.path === path)?.state;
    const seen = () => JSON.stringify(manager.files(id).map((f) => [f.path, f.state, f.reason]));

    writeFileSync(join(dir, 'big_render.mov'), content('big', 4 * PART));
    await until(() => stateOf('big_render.mov') === 'uploading', seen);

    const small = ['a.txt', 'b.txt', 'sub.txt', 'notes_v001.txt', 'notes_v002.txt'];
    const bytes = new Map(small.map((name) => [name, content(name, 1000 + name.length)]));
    for (const [name, data] of bytes) writeFileSync(join(dir, name), data);
    await until(() => small.every((name) => stateOf(name) === 'done'), seen);

    assert.equal(stateOf('big_render.mov'), 'uploading', 'the big upload is still stalled');
    const big = events.filter((e) => e.path === 'big_render.mov').map((e) => e.state);
    assert.deepEqual(big, ['pending', 'ready', 'queued', 'uploading'], 'the big file never got further');
    for (const name of small) {
      const states = events.filter((e) => e.path === name).map((e) => e.state);
      assert.deepEqual(states, ['pending', 'ready', 'queued', 'uploading', 'done'], `${name}: each step once, in order`);
    }
    assert.match(manager.files(id).find((f) => f.path === 'notes_v002.txt')!.reason, /newest version of notes_v001\.txt/);

    const children = await Array.fromAsync(api.listChildren(folderId));
    const byName = new Map(children.map((c) => [c.name, c]));
    const bigFile = byName.get('big_render.mov');
    assert.equal(bigFile?.type === 'file' && bigFile.status, 'created', 'Frame.io has not got the big file yet');
    for (const name of ['a.txt', 'b.txt', 'sub.txt']) {
      const listed = byName.get(name);
      assert.ok(listed?.type === 'file', `${name} is in Frame.io`);
      const file = await api.showFile(listed.id, 'media_links.original');
      const response = await fetch(new URL(file.media_links!.original!.download_url!, sandbox.url));
      assert.equal(sha256(Buffer.from(await response.arrayBuffer())), sha256(bytes.get(name)!), `${name} arrived whole`);
    }
  } finally {
    await manager.close();
    await engine.close();
    db.close();
  }
});
