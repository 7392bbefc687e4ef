// An upload that fails after Frame.io made its file leaves no half-made file unmentioned: a source
// that became unreadable or was deleted mid-upload keeps what was sent for a retry and names the
// unfinished file (cancelling deletes it); a URL Frame.io could not fetch deletes the empty file.
import assert from 'node:assert/strict';
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AccountApi } from '../../main/core/api/resources.ts';
import { openDatabase } from '../../main/core/db.ts';
import { TransferEngine } from '../../main/core/transfers/engine.ts';
import { nodeFs, type TransferFs } from '../../main/core/transfers/fs.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, engineFor, makeTree } from './transfer-helpers.ts';

const PART = 64 * 1024;
let sandbox: CheckedSandbox;
let api: AccountApi;
before(async () => {
  sandbox = await startCheckedSandbox({ partSize: PART, rateLimitScale: 10 });
  api = new AccountApi(clientFor(sandbox), sandbox.accountId);
});
after(() => sandbox.close());

async function newFolder(name: string): Promise<string> {
  return (await api.createFolder(sandbox.rootFolderId, name)).id;
}

async function filesIn(folderId: string): Promise<{ name: string; status: string }[]> {
  return (await Array.fromAsync(api.listFiles(folderId))).map((f) => ({ name: f.name, status: String(f.status) }));
}

/** Reads of a source from `from` on fail as a failing disk would (EIO); the file itself is untouched. */
function failingReads(name: string, from: number): TransferFs {
  return {
    ...nodeFs,
    read(path, start, end) {
      if (!path.endsWith(name) || start < from) return nodeFs.read(path, start, end);
      const eio = Object.assign(new Error(`EIO: i/o error, read`), { code: 'EIO' });
      return { read: () => Promise.reject(eio), close: async () => undefined };
    },
  };
}

test('an unreadable source keeps the parts it sent for a retry, names the unfinished file, and a cancel deletes it', async () => {
  const folderId = await newFolder('unreadable');
  const root = makeTree({ 'bad-sector.mov': PART * 3 });
  const engine = new TransferEngine({ client: clientFor(sandbox), db: openDatabase(':memory:'), fs: failingReads('bad-sector.mov', PART), partConcurrency: 1 });
  try {
    const job = await engine.settled((await engine.upload({ accountId: sandbox.accountId, folderId, paths: [join(root, 'bad-sector.mov')] })).id);
    assert.equal(job.state, 'failed');
    const [file] = engine.files(job.id);
    assert.equal(file!.state, 'failed');
    assert.match(file!.error!, /^Could not read ".*bad-sector\.mov": .*\. The 1 part already sent stay in Frame\.io as the unfinished file "bad-sector\.mov"\. Check the disk, then retry\. Retry goes on from there; cancelling the job deletes the unfinished file\.$/);
    assert.deepEqual(await filesIn(folderId), [{ name: 'bad-sector.mov', status: 'created' }], 'the unfinished file the message names');
    await engine.cancel(job.id);
    assert.deepEqual(await filesIn(folderId), [], 'no half-made file is left in Frame.io');
  } finally {
    await engine.close();
  }
});

test('a source deleted mid-upload names the part-sent file in Frame.io, and a cancel deletes it', async () => {
  const folderId = await newFolder('deleted mid-upload');
  const root = makeTree({ 'card-dump.mov': PART * 6, 'kept.mov': 1000 });
  let sentBefore = 0;
  const fs: TransferFs = {
    ...nodeFs,
    read(path, start, end) {
      if (path.endsWith('card-dump.mov') && start >= PART * 3) {
        sentBefore = start;
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      }
      return nodeFs.read(path, start, end);
    },
  };
  const engine = new TransferEngine({ client: clientFor(sandbox), db: openDatabase(':memory:'), fs, partConcurrency: 1 });
  try {
    const job = await engine.settled((await engine.upload({ accountId: sandbox.accountId, folderId, paths: [join(root, 'card-dump.mov'), join(root, 'kept.mov')] })).id);
    assert.ok(sentBefore >= PART * 3, 'parts had gone before the source was deleted');
    const gone = engine.files(job.id).find((f) => f.name === 'card-dump.mov')!;
    assert.equal(gone.state, 'failed');
    assert.match(gone.error!, /vanished during upload\. The \d parts already sent stay in Frame\.io as the unfinished file "card-dump\.mov"\. Put it back and retry\. Retry goes on from there; cancelling the job deletes the unfinished file\./);
    assert.deepEqual((await filesIn(folderId)).map((f) => f.name).sort(), ['card-dump.mov', 'kept.mov']);
    await engine.cancel(job.id);
    const left = await filesIn(folderId);
    assert.deepEqual(left.map((f) => f.name), ['kept.mov'], 'only the finished file is in Frame.io');
    assert.notEqual(left[0]!.status, 'created');
  } finally {
    await engine.close();
  }
});

test('a URL Frame.io cannot fetch deletes the empty file the remote upload made, and says so', async () => {
  const folderId = await newFolder('remote failed');
  const engine = engineFor(sandbox);
  try {
    const job = await engine.settled((await engine.remoteUpload({ accountId: sandbox.accountId, folderId, url: 'http://127.0.0.1:9/dailies/a001.mov', name: 'a001.mov' })).id);
    assert.equal(job.state, 'failed');
    const [file] = engine.files(job.id);
    assert.match(
      file!.error!,
      /^Frame\.io could not fetch http:\/\/127\.0\.0\.1:9\/dailies\/a001\.mov\. The empty file it made in Frame\.io was deleted\. Check that the URL is public and reachable, then try again\.$/,
    );
    assert.deepEqual(await filesIn(folderId), [], 'no empty file is left in Frame.io');
  } finally {
    await engine.close();
  }
});
