// What the transfers screen and the header say: counts that match the rows, paused and retrying
// rows said as such, the header kept while jobs are paused, and "Waiting for Frame.io".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TransferConnection, TransferFile, TransferJob } from '../../preload/contract.ts';
import { BIG_FILE_BYTES, fileCounts, fileProgress, fileStatus, indicator, isWaiting, jobLabel, WAITING_FOR_FRAMEIO } from '../../renderer/src/lib/transfer-rows.ts';

const job = (fields: Partial<TransferJob> = {}): TransferJob => ({
  id: 'j1', kind: 'upload', accountId: 'a', folderId: 'f', label: '/media/Day 1', state: 'running', error: null, priority: 0, createdAt: 1, updatedAt: 1,
  filesTotal: 6, filesDone: 0, filesSkipped: 0, filesFailed: 0, bytesTotal: 600, bytesDone: 0,
  waitingSince: null, pausedBy: null, startedAt: 1, endedAt: null, filesVerified: 0, bytesVerified: 0, destination: { folderId: 'f', label: 'Dailies', url: null },
  ...fields,
});
const file = (id: number, fields: Partial<TransferFile> = {}): TransferFile => ({
  id, name: `still_${id}.jpg`, relDir: '', size: 100, state: 'pending', bytesDone: 0, remoteId: null, error: null, parentId: 'f', retry: null, ...fields,
});
const reachable: TransferConnection = { reachable: true, since: 0, message: null, nextProbeAt: null };
const down: TransferConnection = { reachable: false, since: 5, message: 'Could not reach Frame.io', nextProbeAt: 10 };

test('counts come from the rows when all of them are loaded, whatever the job says; from the job for a page of a longer list', () => {
  const rows = [file(1, { state: 'done' }), file(2, { state: 'done' }), file(3, { state: 'done' }), file(4, { state: 'skipped' }), file(5, { state: 'failed' }), file(6, { state: 'uploading' })];
  assert.deepEqual(fileCounts(job({ filesDone: 0 }), { total: 6, offset: 0, files: rows }), { done: 3, skipped: 1, failed: 1, total: 6 });
  assert.deepEqual(fileCounts(job({ filesDone: 2, filesSkipped: 1, filesFailed: 0 }), undefined), { done: 2, skipped: 1, failed: 0, total: 6 });
  const long = job({ filesTotal: 30_000, filesDone: 20_000, filesSkipped: 5, filesFailed: 7 });
  assert.deepEqual(fileCounts(long, { total: 30_000, offset: 200, files: rows }), { done: 20_000, skipped: 5, failed: 7, total: 30_000 });
});

test('rows of a paused job say paused, whether or not the service marked each file', () => {
  const paused = job({ state: 'paused', pausedBy: 'person' });
  assert.equal(fileStatus(file(1, { state: 'paused', bytesDone: 40 }), paused, reachable).label, 'Paused');
  assert.equal(fileStatus(file(2, { state: 'uploading' }), paused, reachable).tone, 'paused');
  assert.equal(fileStatus(file(3, { state: 'done' }), paused, reachable).label, 'Done', 'a finished row stays finished');
  assert.equal(jobLabel(paused, reachable), 'Paused');
  assert.equal(jobLabel(job({ state: 'paused', pausedBy: 'sleep' }), reachable), 'Paused while the computer sleeps');
});

test('a retried row says retrying with the reason, and never its old failure while it uploads again', () => {
  const retrying = file(1, { state: 'uploading', error: 'Could not reach Frame.io: ECONNREFUSED', retry: { attempt: 2, reason: 'Frame.io answered 503', nextAt: 20 } });
  assert.deepEqual(fileStatus(retrying, job(), reachable), { label: 'Retrying (attempt 2)', tone: 'retrying', detail: 'Frame.io answered 503' });
  const again = file(2, { state: 'uploading', error: 'Could not reach Frame.io: ECONNREFUSED' });
  assert.deepEqual(fileStatus(again, job(), reachable), { label: 'Uploading', tone: 'active', detail: null });
  const failed = file(3, { state: 'failed', error: 'The source file changed while it was uploading.' });
  assert.deepEqual(fileStatus(failed, job(), reachable), { label: 'Failed', tone: 'failed', detail: 'The source file changed while it was uploading.' });
});

test('while Frame.io cannot be reached, a running job and its started rows wait for it', () => {
  assert.equal(isWaiting(job({ waitingSince: 5 }), reachable), true);
  assert.equal(isWaiting(job(), down), true);
  assert.equal(isWaiting(job({ state: 'queued' }), down), false, 'a queued job has not tried yet');
  assert.equal(isWaiting(job({ state: 'done', waitingSince: 5 }), down), false);
  assert.equal(jobLabel(job(), down), WAITING_FOR_FRAMEIO);
  assert.equal(fileStatus(file(1, { state: 'uploading' }), job(), down).label, WAITING_FOR_FRAMEIO);
  assert.equal(fileStatus(file(2), job(), down).label, 'Queued');
});

test('a big file shows its own progress; a small or finished one does not', () => {
  assert.equal(fileProgress(file(1, { size: BIG_FILE_BYTES * 2, state: 'uploading', bytesDone: BIG_FILE_BYTES / 2 })), 25);
  assert.equal(fileProgress(file(2, { size: BIG_FILE_BYTES * 2, state: 'paused', bytesDone: BIG_FILE_BYTES })), 50);
  assert.equal(fileProgress(file(3, { size: 1_000, state: 'uploading', bytesDone: 500 })), null);
  assert.equal(fileProgress(file(4, { size: BIG_FILE_BYTES * 2, state: 'done', bytesDone: BIG_FILE_BYTES * 2 })), null);
});

test('the header shows uploads, waits for Frame.io, and stays while jobs are paused', () => {
  const running = job({ id: 'r', bytesDone: 150 });
  const paused = job({ id: 'p', state: 'paused', pausedBy: 'person', bytesDone: 450 });
  assert.equal(indicator([running, paused], {}, reachable, 0)?.label, 'Uploading 1 job · 50%');
  assert.equal(indicator([running, paused], {}, down, 0)?.label, `${WAITING_FOR_FRAMEIO} · 1 job`);
  assert.deepEqual(indicator([paused, job({ id: 'd', state: 'done' })], {}, reachable, 0), { label: 'Paused · 1 job · 75%', percent: 75, etaSeconds: 0, tone: 'paused' });
  assert.equal(indicator([job({ state: 'done' })], {}, reachable, 1)?.label, 'Preparing upload…');
  assert.equal(indicator([job({ state: 'done' })], {}, reachable, 0), null);
  const progress = { r: { jobId: 'r', bytesDone: 300, bytesTotal: 600, filesDone: 3, filesTotal: 6, rate: 100, etaSeconds: 3 } };
  assert.deepEqual(indicator([running], progress, reachable, 0), { label: 'Uploading 1 job · 50%', percent: 50, etaSeconds: 3, tone: 'active' });
});

test('a skipped row says why it was left out: already there, empty, or a link to a folder', () => {
  const link = file(7, { state: 'skipped', error: 'A link to a folder: links to folders inside a drop are not followed.' });
  assert.deepEqual(fileStatus(link, job(), reachable), { label: 'Skipped', tone: 'idle', detail: 'A link to a folder: links to folders inside a drop are not followed.' });
});
