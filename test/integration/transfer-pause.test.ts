// Nothing sent is thrown away: a pause lets the parts in flight finish, "pause now" loses at most
// what was in flight, a retry goes on from the journal's finished parts, and sleep resumes only what
// it paused. The rows and counts say what is true at every step.
import assert from 'node:assert/strict';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AccountApi } from '../../main/core/api/resources.ts';
import { TransferActivity } from '../../main/core/transfers/activity.ts';
import type { TransferEngine } from '../../main/core/transfers/engine.ts';
import { nodeFs, type TransferFs } from '../../main/core/transfers/fs.ts';
import type { FileSnapshot, JobSnapshot } from '../../main/core/transfers/types.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, engineFor, makeTree, remoteTree, sha256File } from './transfer-helpers.ts';

const PART = 256 * 1024;
const PARTS_AT_ONCE = 3;
let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ partSize: PART, rateLimits: 'off' });
});
after(() => sandbox.close());

async function newFolder(name: string): Promise<string> {
  return (await new AccountApi(clientFor(sandbox), sandbox.accountId).createFolder(sandbox.rootFolderId, name)).id;
}

/** Bytes of the parts the sandbox stored since exchange `since` (every file here is whole parts), a part stored twice counting twice. */
function storedBytes(since: number): number {
  return sandbox.exchanges.slice(since).filter((e) => e.method === 'PUT' && e.status === 200).length * PART;
}

function slowEngine(fs?: TransferFs): TransferEngine {
  return engineFor(sandbox, { partConcurrency: PARTS_AT_ONCE, maxParts: PARTS_AT_ONCE, bandwidth: '1M', progressIntervalMs: 20, ...(fs ? { fs } : {}) });
}

/** Calls `act` once the job's progress reaches `bytes`, and returns the progress it had then. */
function when(engine: TransferEngine, bytes: number, act: (jobId: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const listener = (p: { jobId: string; bytesDone: number }) => {
      if (p.bytesDone < bytes) return;
      engine.off('progress', listener);
      act(p.jobId);
      resolve(p.bytesDone);
    };
    engine.on('progress', listener);
  });
}

test('a pause lets the parts in flight finish and keeps them; the resumed job sends no part twice', async () => {
  const folderId = await newFolder('pause');
  const root = makeTree({ 'take.mov': PART * 12 });
  const engine = slowEngine();
  const from = sandbox.exchanges.length;
  const paused = when(engine, PART * 4, (jobId) => engine.pause(jobId));
  const job = await engine.upload({ accountId: sandbox.accountId, folderId, paths: [join(root, 'take.mov')] });
  const atPause = await paused;

  const stopped = await engine.settled(job.id);
  assert.deepEqual([stopped.state, stopped.pausedBy], ['paused', 'person']);
  assert.ok(stopped.bytesDone >= atPause, `kept ${stopped.bytesDone} bytes of the ${atPause} sent when paused`);
  assert.equal(stopped.bytesDone % PART, 0, 'whole parts are kept');
  assert.equal(storedBytes(from), stopped.bytesDone, 'what the job counts is what Frame.io stored');
  assert.deepEqual(engine.files(job.id).map((f) => f.state), ['paused'], 'an unfinished file of a paused job shows paused');

  engine.setBandwidth('off');
  engine.resume(job.id);
  const done = await engine.settled(job.id);
  assert.equal(done.state, 'done', done.error ?? '');
  assert.equal(storedBytes(from), PART * 12, 'no part was sent twice');
  assert.deepEqual([done.filesVerified, done.bytesVerified, done.pausedBy], [1, PART * 12, null]);
  assert.ok(done.startedAt !== null && done.endedAt !== null && done.endedAt >= done.startedAt);
  await engine.close();
});

test('pause now aborts the parts in flight: at most those are sent again', async () => {
  const folderId = await newFolder('pause now');
  const root = makeTree({ 'take.mov': PART * 12 });
  const engine = slowEngine();
  const from = sandbox.exchanges.length;
  const paused = when(engine, PART * 4, (jobId) => engine.pause(jobId, { now: true }));
  const job = await engine.upload({ accountId: sandbox.accountId, folderId, paths: [join(root, 'take.mov')] });
  const atPause = await paused;
  const stopped = await engine.settled(job.id);
  assert.equal(stopped.state, 'paused');
  const lost = atPause - stopped.bytesDone;
  assert.ok(lost <= PARTS_AT_ONCE * PART, `${lost} bytes in flight were lost, more than ${PARTS_AT_ONCE} parts`);

  engine.setBandwidth('off');
  engine.resume(job.id);
  assert.equal((await engine.settled(job.id)).state, 'done');
  assert.equal(storedBytes(from), PART * 12, 'no part was stored twice');
  const remote = await remoteTree(sandbox, folderId);
  assert.equal(remote.get('take.mov')![0]!.sha256, sha256File(join(root, 'take.mov')));
  await engine.close();
});

test('retrying a failed file goes on from its finished parts, and its row stops saying failed at once', async () => {
  const folderId = await newFolder('retry');
  const root = makeTree({ 'card.mov': PART * 12 });
  const source = join(root, 'card.mov');
  let moved = false;
  // The card is pulled out when the fifth part is about to be read.
  const fs: TransferFs = {
    ...nodeFs,
    read: (path, start, end) => {
      if (!moved && start >= PART * 4) {
        moved = true;
        renameSync(source, `${source}.away`);
      }
      return nodeFs.read(path, start, end);
    },
  };
  const engine = slowEngine(fs);
  const from = sandbox.exchanges.length;
  const job = await engine.upload({ accountId: sandbox.accountId, folderId, paths: [source] });
  const failed = await engine.settled(job.id);
  assert.equal(failed.state, 'failed');
  const [row] = engine.files(job.id);
  assert.equal(row!.state, 'failed');
  assert.match(row!.error ?? '', /vanished during upload/);
  const kept = failed.bytesDone;
  // Part 5 is read only once two parts have finished, so at least those are kept.
  assert.ok(kept >= PART * 2, `${kept} bytes kept from before the failure`);

  renameSync(`${source}.away`, source);
  const told: FileSnapshot[] = [];
  engine.on('file', ({ file }) => told.push(file));
  engine.setBandwidth('off');
  engine.resume(job.id);
  assert.deepEqual([told[0]?.state, told[0]?.error], ['pending', null], 'the retried row is back in line the moment it is retried');
  const done = await engine.settled(job.id);
  assert.equal(done.state, 'done', done.error ?? '');
  assert.equal(storedBytes(from), PART * 12, 'the retry sent only the parts not yet stored');
  assert.equal((await remoteTree(sandbox, folderId)).get('card.mov')![0]!.sha256, sha256File(source));
  await engine.close();
});

test('sleep pauses every job and wake resumes only those: a job paused by hand stays paused', async () => {
  const folderId = await newFolder('sleep');
  const root = makeTree({ 'mine.mov': PART * 8, 'theirs.mov': PART * 8 });
  const engine = slowEngine();
  const activity = new TransferActivity(engine);
  const byHand = await engine.upload({ accountId: sandbox.accountId, folderId, paths: [join(root, 'mine.mov')] });
  engine.pause(byHand.id);
  await engine.settled(byHand.id);
  const running = await engine.upload({ accountId: sandbox.accountId, folderId, paths: [join(root, 'theirs.mov')] });
  assert.equal(activity.summary().busy, true);

  activity.beforeSleep();
  const slept = await engine.settled(running.id);
  assert.deepEqual([slept.state, slept.pausedBy], ['paused', 'sleep']);
  assert.deepEqual(engine.job(byHand.id)!.pausedBy, 'person');
  assert.equal(activity.summary().busy, false);

  const ended: JobSnapshot[] = [];
  activity.on('ended', (job) => ended.push(job));
  engine.setBandwidth('off');
  activity.afterWake();
  assert.equal((await engine.settled(running.id)).state, 'done');
  assert.deepEqual([engine.job(byHand.id)!.state, engine.job(byHand.id)!.pausedBy], ['paused', 'person'], 'the hand-paused job stays paused after wake');
  assert.deepEqual(ended.map((job) => [job.id, job.state]), [[running.id, 'done']], 'its end is told once');
  activity.close();
  await engine.close();
});

test('counts agree with the rows: every progress event and job snapshot counts the files finished so far', async () => {
  const folderId = await newFolder('counts');
  const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`still_${i}.jpg`, PART]));
  const root = makeTree(files);
  const engine = slowEngine();
  const finished = new Set<number>();
  const mismatches: string[] = [];
  const jobCounts: number[] = [];
  engine.on('file', ({ file }) => {
    if (file.state === 'done' || file.state === 'skipped') finished.add(file.id);
  });
  engine.on('progress', (p) => {
    if (p.filesDone !== finished.size) mismatches.push(`progress said ${p.filesDone} with ${finished.size} rows done`);
  });
  engine.on('job', (job) => {
    if (job.filesDone + job.filesSkipped !== finished.size) mismatches.push(`job said ${job.filesDone + job.filesSkipped} with ${finished.size} rows done`);
    if (job.state === 'running') jobCounts.push(job.filesDone);
  });
  const job = await engine.upload({ accountId: sandbox.accountId, folderId, paths: [root] });
  const done = await engine.settled(job.id);
  assert.deepEqual([done.state, done.filesDone, done.filesTotal], ['done', 6, 6]);
  assert.deepEqual(mismatches, []);
  assert.ok(jobCounts.some((n) => n > 0 && n < 6), `the job's count moved while it ran: ${jobCounts.join(', ')}`);
  // The dropped folder is made inside the target, and its files land in it.
  const parents = new Set(engine.files(job.id).map((f) => f.parentId));
  assert.equal(parents.size, 1);
  const [made] = await Array.fromAsync(new AccountApi(clientFor(sandbox), sandbox.accountId).listFolders(folderId));
  assert.deepEqual([...parents], [made!.id], 'each row knows the Frame.io folder it lands in');
  await engine.close();
});
