// Downloads in the engine meeting what the day brings: a media link that expired while the job was
// stopped is fetched again from the API, and a disk too full for the file pauses the job with
// words, then finishes once space is freed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { mountSmallDisk } from '../support/small-disk.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { content, engineFor, tempDir } from './transfer-helpers.ts';

const PART = 64 * 1024;
const LINK_TTL_MS = 1000;
let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ partSize: PART, transcodeDelayMs: 0, mediaUrlTtlMs: LINK_TTL_MS });
});
after(() => sandbox.close());

/** Uploads `bytes` as one file and returns its Frame.io id. */
async function uploaded(name: string, bytes: Buffer): Promise<string> {
  const dir = tempDir('dl-engine-src');
  writeFileSync(join(dir, name), bytes);
  const engine = engineFor(sandbox);
  const job = await engine.upload({ accountId: sandbox.accountId, folderId: sandbox.rootFolderId, paths: [join(dir, name)] });
  await engine.settled(job.id);
  const id = engine.files(job.id)[0]!.remoteId!;
  await engine.close();
  return id;
}

test('a media link that expired while the job was stopped is fetched again, and the file finishes', async () => {
  const bytes = content('expiring', 8 * PART);
  const fileId = await uploaded('expiring.mov', bytes);
  const journal = join(tempDir('dl-engine-data'), 'slate.db');
  const to = tempDir('dl-engine-to');

  const first = engineFor(sandbox, { downloadRangeSize: PART, partConcurrency: 1, maxParts: 1, bandwidth: '256K' }, journal);
  const job = await first.download({ accountId: sandbox.accountId, assetId: fileId, to });
  await new Promise<void>((resolve) => first.on('progress', (p) => p.bytesDone >= 2 * PART && resolve()));
  await first.close();
  // Long enough for every link handed out so far to expire.
  await sleep(LINK_TTL_MS + 200);

  const refusedBefore = sandbox.exchanges.filter((e) => e.url.startsWith('/objects/download/') && e.status === 403).length;
  const second = engineFor(sandbox, { downloadRangeSize: PART }, journal);
  second.resumeUnfinished();
  const done = await second.settled(job.id);
  await second.close();
  assert.equal(done.state, 'done', done.error ?? '');
  assert.ok(sandbox.exchanges.filter((e) => e.url.startsWith('/objects/download/') && e.status === 403).length > refusedBefore, 'the journaled link was refused as expired');
  assert.ok(readFileSync(join(to, 'expiring.mov')).equals(bytes));
  assert.deepEqual(readdirSync(to), ['expiring.mov']);
});

const disk = mountSmallDisk(3 * 1024 * 1024);
test('a disk too full for the file pauses the job with words, and it finishes once space is freed', { skip: typeof disk === 'string' ? disk : false }, async () => {
  if (typeof disk === 'string') return;
  try {
    const bytes = content('big for the disk', 16 * PART);
    const fileId = await uploaded('big.mov', bytes);
    disk.fill(256 * 1024);
    const engine = engineFor(sandbox, { downloadRangeSize: PART });
    const job = await engine.download({ accountId: sandbox.accountId, assetId: fileId, to: disk.dir });
    const paused = await engine.settled(job.id);
    assert.equal(paused.state, 'paused');
    assert.match(paused.error ?? '', /disk .* is full .*Free some space/s);
    assert.deepEqual(readdirSync(disk.dir).filter((n) => n.startsWith('big')), [], 'no file under the final name');

    disk.empty();
    engine.resume(job.id);
    const done = await engine.settled(job.id);
    await engine.close();
    assert.equal(done.state, 'done', done.error ?? '');
    assert.ok(readFileSync(join(disk.dir, 'big.mov')).equals(bytes));
  } finally {
    disk.unmount();
  }
});

const fillingDisk = mountSmallDisk(4 * 1024 * 1024);
test('a disk that fills while ranges are written pauses the job with words, keeps the ranges on the disk, and finishes once space is freed', { skip: typeof fillingDisk === 'string' ? fillingDisk : false }, async () => {
  if (typeof fillingDisk === 'string') return;
  try {
    const bytes = content('fills while written', 32 * PART);
    const fileId = await uploaded('filling.mov', bytes);
    const engine = engineFor(sandbox, { downloadRangeSize: PART, partConcurrency: 2, maxParts: 2, bandwidth: '512K' });
    const job = await engine.download({ accountId: sandbox.accountId, assetId: fileId, to: fillingDisk.dir });
    // The free-space check passed; the disk fills from elsewhere while the file comes down.
    await new Promise<void>((resolve) => engine.on('progress', (p) => p.jobId === job.id && p.bytesDone >= 4 * PART && resolve()));
    fillingDisk.fill(0);
    const paused = await engine.settled(job.id);
    assert.equal(paused.state, 'paused', paused.error ?? '');
    assert.match(paused.error ?? '', /disk .* is full.*kept.*Free some space/s);
    assert.deepEqual(readdirSync(fillingDisk.dir).sort(), ['.filling.mov.slate-download', 'filler'], 'no file under the final name');
    const kept = engine.files(job.id)[0]!.bytesDone;
    assert.ok(kept >= 4 * PART, `${kept} bytes kept`);

    fillingDisk.empty();
    const fetched = () => sandbox.exchanges.filter((e) => e.url.startsWith('/objects/download/') && e.status === 206).length;
    const before = fetched();
    engine.resume(job.id);
    const done = await engine.settled(job.id);
    await engine.close();
    assert.equal(done.state, 'done', done.error ?? '');
    assert.ok(fetched() - before <= 32 - kept / PART, `${fetched() - before} ranges fetched after the pause: only those not kept`);
    assert.deepEqual(readdirSync(fillingDisk.dir), ['filling.mov']);
    assert.ok(readFileSync(join(fillingDisk.dir, 'filling.mov')).equals(bytes));
  } finally {
    fillingDisk.unmount();
  }
});
