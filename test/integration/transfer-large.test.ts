// One real 1 GiB file (plus an empty one) through the engine to the sandbox while part uploads are
// cut off and API calls refused with 429 (both faults the spec allows, so every exchange is still
// checked), proved whole by hashing what Frame.io serves back. The source is sparse with a marker
// in every MiB, so it is cheap to make yet any misplaced or missing part changes the hash.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, openSync, closeSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AccountApi } from '../../main/core/api/resources.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, engineFor, tempDir } from './transfer-helpers.ts';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
let sandbox: CheckedSandbox;
let root: string;

before(async () => {
  sandbox = await startCheckedSandbox({ rateLimits: 'off', transcodeDelayMs: 0, faults: 'part:reset@every6,api:429@every5,seed=5' });
  root = tempDir('large');
});
after(async () => {
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
});

async function sha256Of(stream: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk);
  return hash.digest('hex');
}

test('through resets and 429s, a 1 GiB file arrives byte for byte, once; an empty file is skipped with a reason', { timeout: 180_000 }, async () => {
  const dir = join(root, 'Día 1 — 全景');
  mkdirSync(dir);
  const big = join(dir, 'A001_C001_全景.mov');
  writeFileSync(big, '');
  truncateSync(big, GIB);
  const fd = openSync(big, 'r+');
  for (let mib = 0; mib < 1024; mib++) writeSync(fd, Buffer.from(`MiB ${mib} of the take\n`), 0, undefined, mib * MIB + (mib % 97));
  closeSync(fd);
  writeFileSync(join(dir, 'empty.txt'), '');
  const sourceHash = await sha256Of(createReadStream(big));
  const refusalsBefore = sandbox.exchanges.filter((e) => e.status === 429).length;

  const engine = engineFor(sandbox, { partConcurrency: 5 });
  const job = await engine.upload({ accountId: sandbox.accountId, folderId: sandbox.rootFolderId, paths: [dir], recordSha256: true });
  const done = await engine.settled(job.id);
  assert.equal(done.state, 'done', done.error ?? '');
  assert.equal(done.filesDone, 1);
  assert.equal(done.filesSkipped, 1);
  assert.match(engine.files(job.id).find((f) => f.name === 'empty.txt')!.error!, /empty/);
  const record = engine.files(job.id).find((f) => f.name === 'A001_C001_全景.mov')!;
  assert.equal(record.sha256, `sha256:${sourceHash}`, 'the engine recorded the whole-file hash while reading');
  assert.ok(sandbox.exchanges.filter((e) => e.status === 429).length > refusalsBefore, 'the 429s were injected');
  // A reset leaves no exchange behind, but with this many part uploads the every-6th rule cut several.
  assert.ok(sandbox.exchanges.filter((e) => e.method === 'PUT' && e.url.startsWith('/objects/') && e.status === 200).length >= 12);
  await engine.close();

  const api = new AccountApi(clientFor(sandbox), sandbox.accountId);
  const folder = (await Array.fromAsync(api.listChildren(sandbox.rootFolderId))).find((a) => a.name === 'Día 1 — 全景')!;
  const files = await Array.fromAsync(api.listChildren(folder.id));
  assert.deepEqual(files.map((f) => f.name), ['A001_C001_全景.mov'], 'one Frame.io file, no placeholder left behind');
  const file = await api.showFile(files[0]!.id, 'media_links.original');
  assert.equal(file.file_size, GIB);
  const response = await fetch(new URL(file.media_links!.original!.download_url!, sandbox.url));
  assert.equal(response.status, 200);
  assert.equal(await sha256Of(response.body!), sourceHash);
});
