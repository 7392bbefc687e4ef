// Live uploads are transfer jobs: a file still being written goes up through V2's real-time upload
// as a job of the engine, in its journal and the Transfers list with its bytes, total and rate; its
// parts take the engine's bandwidth limit; a pause resumes into the same asset; a cancel deletes the
// half-made asset; and a run that died between asking Frame.io for the asset and journaling it
// leaves no second asset. Bandwidth is measured on a clock the test owns, never on the wall.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { TransferJobSchema } from '../../preload/contract.ts';
import type { Clock } from '../../main/core/api/clock.ts';
import { staticToken } from '../../main/core/api/client.ts';
import { ApiError } from '../../main/core/api/errors.ts';
import { V2Client } from '../../main/core/api/v2/client.ts';
import { V2Api } from '../../main/core/api/v2/resources.ts';
import { V2TransferApi } from '../../main/core/api/v2/transfer-adapter.ts';
import type { EngineOptions, TransferEngine } from '../../main/core/transfers/engine.ts';
import type { LiveJobEvent } from '../../main/core/transfers/live/live-job.ts';
import type { ProgressEvent } from '../../main/core/transfers/types.ts';
import { grow } from '../support/grow.ts';
import { TempDirs } from '../support/temp-dirs.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { engineFor } from './transfer-helpers.ts';

const MiB = 1024 * 1024;
const PART = 5 * MiB;
let sandbox: CheckedSandbox;
let api: V2Api;
const temp = new TempDirs();
const engines: TransferEngine[] = [];

before(async () => {
  sandbox = await startCheckedSandbox({ rateLimits: 'off' });
  api = new V2Api(new V2Client({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) }));
});
after(async () => {
  await Promise.all(engines.map((engine) => engine.close()));
  await sandbox.close();
  temp.removeAll();
});

/** An engine on the sandbox's V2, as a legacy profile's session makes it. */
function v2Engine(options: Partial<EngineOptions> = {}): TransferEngine {
  const engine = engineFor(sandbox, { transferApi: () => new V2TransferApi(api), progressIntervalMs: 20, ...options });
  engines.push(engine);
  return engine;
}

function fileIn(name: string): string {
  const path = join(temp.make('slate-live-job-'), name);
  writeFileSync(path, Buffer.alloc(0));
  return path;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function originalSha(assetId: string): Promise<string> {
  const asset = await api.asset(assetId);
  assert.ok(asset.upload_completed_at && asset.original, `${asset.name} is complete`);
  return sha256(Buffer.from(await (await fetch(asset.original)).arrayBuffer()));
}

function liveEvents(engine: TransferEngine): LiveJobEvent[] {
  const events: LiveJobEvent[] = [];
  engine.on('live', ({ event }) => events.push(event));
  return events;
}

function nextLive(engine: TransferEngine, match: (event: LiveJobEvent) => boolean): Promise<{ jobId: string; event: LiveJobEvent }> {
  return new Promise((resolve) => {
    const listener = (seen: { jobId: string; event: LiveJobEvent }) => {
      if (!match(seen.event)) return;
      engine.off('live', listener);
      resolve(seen);
    };
    engine.on('live', listener);
  });
}

test('a live upload is a job in the journal and the Transfers list: its total follows the file, its bytes the parts', async () => {
  const folder = await api.createFolder(sandbox.rootFolderId, 'Live job');
  const path = fileIn('Render.mov');
  const engine = v2Engine();
  const progress: ProgressEvent[] = [];
  engine.on('progress', (p) => progress.push(p));
  const events = liveEvents(engine);

  const job = await engine.uploadLive({ accountId: sandbox.accountId, folderId: folder.id, path, stableMs: 1_000 });
  assert.equal(job.kind, 'live');
  assert.ok(TransferJobSchema.safeParse(job).success, 'the Transfers list takes it as it takes any job');
  const total = 2 * PART + 300_000;
  const written = await grow(path, total, 3);
  const done = await engine.settled(job.id);
  assert.equal(done.state, 'done', done.error ?? '');
  assert.deepEqual([done.filesDone, done.bytesTotal, done.bytesDone], [1, total, total]);

  const totals = [...new Set(progress.map((p) => p.bytesTotal))];
  assert.ok(totals.length >= 3 && totals.at(-1) === total, `the total grew with the file: ${totals.join(', ')}`);
  assert.ok(progress.some((p) => p.bytesDone > 0 && p.bytesDone < total && p.rate > 0), 'bytes and a rate while it went');
  assert.equal(events.filter((e) => e.type === 'live-part').length, 3, 'two parts as it grew, the final one once it settled');
  const [file] = engine.files(job.id);
  assert.equal(file!.state, 'done');
  assert.equal(await originalSha(file!.remoteId!), sha256(written));
  assert.deepEqual(engine.jobs().map((j) => [j.id, j.kind, j.state]), [[job.id, 'live', 'done']]);
});

/** A clock whose sleeps take no real time: what a run spends waiting is what it adds up to. */
function testClock(): Clock {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      now += Math.max(0, ms);
      await Promise.resolve();
    },
  };
}

test('the engine bandwidth limit paces a live job\'s parts', async () => {
  const folder = await api.createFolder(sandbox.rootFolderId, 'Live limited');
  const bytes = randomBytes(2 * PART + MiB);
  const waited = async (bandwidth: string) => {
    const path = fileIn(`Limited ${bandwidth}.mov`);
    writeFileSync(path, bytes);
    const clock = testClock();
    const engine = v2Engine({ clock, bandwidth });
    const job = await engine.uploadLive({ accountId: sandbox.accountId, folderId: folder.id, path, stableMs: 1_000 });
    const done = await engine.settled(job.id);
    assert.equal(done.state, 'done', done.error ?? '');
    return clock.now();
  };
  const limited = await waited('2M');
  const free = await waited('off');
  // 11 MiB at 2 MiB/s, less what the limiter lets through at once after a wait (a quarter second's worth each time).
  assert.ok(limited >= 5_000, `at 2M the parts took ${limited} ms of the test clock`);
  assert.ok(free < 3_000, `without a limit only the stability window and polls pass (${free} ms)`);
});

test('a paused live job resumes into the same asset with the parts already sent', async () => {
  const folder = await api.createFolder(sandbox.rootFolderId, 'Live paused');
  const path = fileIn('Paused.mov');
  const engine = v2Engine();
  const job = await engine.uploadLive({ accountId: sandbox.accountId, folderId: folder.id, path, stableMs: 1_000 });
  const writing = grow(path, 3 * PART + 1234, 4);
  const first = await nextLive(engine, (e) => e.type === 'live-part');
  engine.pause(job.id);
  assert.equal((await engine.settled(job.id)).state, 'paused');
  const started = nextLive(engine, (e) => e.type === 'live-started');
  engine.resume(job.id);
  const { event: resumed } = await started;
  assert.ok(resumed.type === 'live-started' && resumed.resumedParts >= 1, `it carries on after the parts sent (${JSON.stringify(resumed)})`);
  const written = await writing;
  assert.equal((await engine.settled(job.id)).state, 'done');
  const [asset, ...others] = await Array.fromAsync(api.children(folder.id));
  assert.equal(others.length, 0, 'one asset');
  assert.equal(asset!.id, engine.files(job.id)[0]!.remoteId);
  assert.equal(await originalSha(asset!.id), sha256(written));
  assert.equal(first.jobId, job.id);
});

test('a cancelled live job deletes its half-made asset', async () => {
  const folder = await api.createFolder(sandbox.rootFolderId, 'Live cancelled');
  const path = fileIn('Cancelled.mov');
  const engine = v2Engine();
  const job = await engine.uploadLive({ accountId: sandbox.accountId, folderId: folder.id, path, stableMs: 1_000 });
  const stop = new AbortController();
  const writing = grow(path, 4 * PART, 6, stop.signal);
  const { event } = await nextLive(engine, (e) => e.type === 'live-part');
  const assetId = engine.files(job.id)[0]!.remoteId!;
  assert.equal(event.type, 'live-part');
  assert.equal((await engine.cancel(job.id)).state, 'cancelled');
  stop.abort();
  await writing;
  await assert.rejects(api.asset(assetId), (error) => error instanceof ApiError && error.kind === 'not-found');
  assert.deepEqual(await Array.fromAsync(api.children(folder.id)), []);
});

test('a run that died between asking for the real-time asset and journaling it leaves no second asset', async () => {
  const folder = await api.createFolder(sandbox.rootFolderId, 'Live orphan');
  const path = fileIn('Orphaned.mov');
  const bytes = randomBytes(PART + 4321);
  writeFileSync(path, bytes);
  const engine = v2Engine();
  // The journal as such a run leaves it: the file asked for, no answer kept; Frame.io made the asset.
  engine.pauseAll();
  const job = await engine.uploadLive({ accountId: sandbox.accountId, folderId: folder.id, path, stableMs: 500 });
  const [file] = engine.files(job.id);
  engine.journal.updateFile(file!.id, { state: 'creating', createdRemoteAt: Date.now(), remoteName: 'Orphaned.mov' });
  const orphan = await api.createRealtimeFile(folder.id, 'Orphaned.mov', 'video/quicktime');

  engine.resumeAll();
  assert.equal((await engine.settled(job.id)).state, 'done');
  const assets = await Array.fromAsync(api.children(folder.id));
  assert.deepEqual(assets.map((a) => a.name), ['Orphaned.mov'], 'one asset of that name');
  assert.notEqual(assets[0]!.id, orphan.id, 'the half-made one was deleted');
  assert.equal(await originalSha(assets[0]!.id), sha256(bytes));
});
