// What a download brings and what it does on the disk, through the engine against the sandbox: a
// version stack's newest version, or every version as `name v1.ext`, `v2`…; a different file of the
// same name kept beside (rename), replaced (overwrite) or left alone (skip); a cancel that leaves no
// temporary file and never writes to Frame.io.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AccountApi } from '../../main/core/api/resources.ts';
import type { DownloadConflictPolicy } from '../../main/core/transfers/types.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, content, engineFor, tempDir } from './transfer-helpers.ts';

const PART = 64 * 1024;
let sandbox: CheckedSandbox;
let api: AccountApi;
before(async () => {
  sandbox = await startCheckedSandbox({ partSize: PART, transcodeDelayMs: 0 });
  api = new AccountApi(clientFor(sandbox), sandbox.accountId);
});
after(() => sandbox.close());

const newFolder = async (name: string) => (await api.createFolder(sandbox.rootFolderId, name)).id;

/** Uploads `bytes` as `name` into a folder and returns the file's id. */
async function uploaded(folderId: string, name: string, bytes: Buffer): Promise<string> {
  const dir = tempDir('dl-policy-src');
  writeFileSync(join(dir, name), bytes);
  const engine = engineFor(sandbox);
  const job = await engine.settled((await engine.upload({ accountId: sandbox.accountId, folderId, paths: [join(dir, name)] })).id);
  assert.equal(job.state, 'done', job.error ?? '');
  const id = engine.files(job.id)[0]!.remoteId!;
  await engine.close();
  return id;
}

/** Three versions of `cut.mov` stacked in a folder of their own, oldest first. */
async function stackOfThree(): Promise<{ folderId: string; stackId: string; versions: Buffer[] }> {
  const folderId = await newFolder('stacked cut');
  const versions = [1, 2, 3].map((n) => content(`cut version ${n}`, 2 * PART + n));
  const engine = engineFor(sandbox);
  const firstId = await uploaded(folderId, 'cut.mov', versions[0]!);
  for (const bytes of versions.slice(1)) {
    const dir = tempDir('dl-policy-version');
    writeFileSync(join(dir, 'cut.mov'), bytes);
    const job = await engine.settled((await engine.uploadVersion({ accountId: sandbox.accountId, fileId: firstId, path: join(dir, 'cut.mov') })).id);
    assert.equal(job.state, 'done', job.error ?? '');
  }
  await engine.close();
  const [stack] = await Array.fromAsync(api.listChildren(folderId));
  assert.equal(stack?.type, 'version_stack');
  return { folderId, stackId: stack.id, versions };
}

async function download(assetId: string, to: string, options: { allVersions?: boolean; conflict?: DownloadConflictPolicy } = {}) {
  const engine = engineFor(sandbox, { downloadRangeSize: PART });
  const job = await engine.settled((await engine.download({ accountId: sandbox.accountId, assetId, to, ...options })).id);
  const files = engine.files(job.id);
  await engine.close();
  return { job, files };
}

const bytesOf = (dir: string) => Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name))]));

test('a version stack brings its newest version; with allVersions every version as name v1, v2, v3, oldest first', async () => {
  const { folderId, stackId, versions } = await stackOfThree();

  const newest = tempDir('dl-stack-newest');
  assert.equal((await download(stackId, newest)).job.state, 'done');
  assert.deepEqual(bytesOf(newest), { 'cut.mov': versions[2] });

  const every = tempDir('dl-stack-all');
  const all = await download(stackId, every, { allVersions: true });
  assert.equal(all.job.state, 'done', all.job.error ?? '');
  assert.deepEqual(bytesOf(every), { 'cut v1.mov': versions[0], 'cut v2.mov': versions[1], 'cut v3.mov': versions[2] });

  // Inside a folder, a stack comes down the same way.
  const tree = tempDir('dl-stack-folder');
  assert.equal((await download(folderId, tree, { allVersions: true })).job.state, 'done');
  assert.deepEqual(bytesOf(join(tree, 'stacked cut')), bytesOf(every));
  const plain = tempDir('dl-stack-folder-newest');
  assert.equal((await download(folderId, plain)).job.state, 'done');
  assert.deepEqual(bytesOf(join(plain, 'stacked cut')), { 'cut.mov': versions[2] });
});

test('a different file of the same name on the disk: rename keeps both, overwrite replaces it, skip leaves it', async () => {
  const folderId = await newFolder('conflicts');
  const remote = content('the take in Frame.io', 3 * PART);
  const fileId = await uploaded(folderId, 'take.mov', remote);
  const local = content('a take of our own', PART + 11);
  const withLocal = (prefix: string) => {
    const dir = tempDir(prefix);
    writeFileSync(join(dir, 'take.mov'), local);
    return dir;
  };

  const renamed = withLocal('dl-rename');
  const rename = await download(fileId, renamed, { conflict: 'rename' });
  assert.equal(rename.job.state, 'done', rename.job.error ?? '');
  assert.deepEqual(bytesOf(renamed), { 'take.mov': local, 'take (2).mov': remote });
  assert.equal(rename.files[0]!.remoteName, 'take (2).mov', 'the journal says where it was saved');

  const overwritten = withLocal('dl-overwrite');
  const overwrite = await download(fileId, overwritten, { conflict: 'overwrite' });
  assert.equal(overwrite.job.state, 'done', overwrite.job.error ?? '');
  assert.deepEqual(bytesOf(overwritten), { 'take.mov': remote });

  const kept = withLocal('dl-skip');
  const gets = sandbox.exchanges.filter((e) => e.url.startsWith('/objects/download/')).length;
  const skip = await download(fileId, kept, { conflict: 'skip' });
  assert.equal(skip.job.state, 'done', skip.job.error ?? '');
  assert.equal(skip.job.filesSkipped, 1);
  assert.match(skip.files[0]!.error ?? '', /different file of the same name .* kept/);
  assert.deepEqual(bytesOf(kept), { 'take.mov': local });
  assert.equal(sandbox.exchanges.filter((e) => e.url.startsWith('/objects/download/')).length, gets, 'nothing fetched for a skipped file');

  // Run again, the same file already there (beside the other one, for rename) is skipped, never doubled or rewritten.
  const renamedAgain = await download(fileId, renamed, { conflict: 'rename' });
  assert.equal(renamedAgain.job.filesSkipped, 1);
  assert.deepEqual(bytesOf(renamed), { 'take.mov': local, 'take (2).mov': remote });
  const overwrittenAgain = await download(fileId, overwritten, { conflict: 'overwrite' });
  assert.equal(overwrittenAgain.job.filesSkipped, 1);
  assert.deepEqual(bytesOf(overwritten), { 'take.mov': remote });
});

test('cancel removes the temporary file, running or paused, and never writes to Frame.io', async () => {
  const folderId = await newFolder('cancelled');
  const fileId = await uploaded(folderId, 'long.mov', content('long', 32 * PART));
  const writes = () => sandbox.exchanges.filter((e) => e.method !== 'GET' && e.method !== 'HEAD' && e.method !== 'OPTIONS').length;

  for (const how of ['running', 'paused'] as const) {
    const to = tempDir(`dl-cancel-${how}`);
    const engine = engineFor(sandbox, { downloadRangeSize: PART, partConcurrency: 2, maxParts: 2, bandwidth: '512K' });
    const before = writes();
    const job = await engine.download({ accountId: sandbox.accountId, assetId: fileId, to });
    await new Promise<void>((resolve) => engine.on('progress', (p) => p.jobId === job.id && p.bytesDone >= 2 * PART && resolve()));
    assert.deepEqual(readdirSync(to), ['.long.mov.slate-download'], 'coming down under its temporary name');
    if (how === 'paused') {
      engine.pause(job.id);
      assert.equal((await engine.settled(job.id)).state, 'paused');
    }
    const cancelled = await engine.cancel(job.id);
    await engine.close();
    assert.equal(cancelled.state, 'cancelled');
    assert.deepEqual(readdirSync(to), [], `nothing left on the disk (${how})`);
    assert.equal(writes(), before, `no call that changes Frame.io (${how})`);
  }
  assert.equal((await api.showFile(fileId)).file_size, 32 * PART, 'the file is still in Frame.io');
});
