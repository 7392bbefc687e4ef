// Which events notify in the web agent's page: a job's ending (once, however many events follow it),
// a new comment on a followed file, and only while the person looks elsewhere, has the setting on,
// allowed the browser to, and is not in the desktop app (which notifies by itself).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TransferJob } from '../../preload/contract.ts';
import { commentNotice, jobNotices, mayNotify, type NoticeConditions } from '../../renderer/src/lib/browser-notices.ts';

const job = (fields: Partial<TransferJob> = {}): TransferJob => ({
  id: 'j1', kind: 'upload', accountId: 'a', folderId: 'f', label: '/media/Day 1', state: 'running', error: null, priority: 0, createdAt: 1, updatedAt: 1,
  filesTotal: 6, filesDone: 0, filesSkipped: 0, filesFailed: 0, bytesTotal: 600, bytesDone: 0,
  waitingSince: null, pausedBy: null, startedAt: 1, endedAt: null, filesVerified: 0, bytesVerified: 0, destination: { folderId: 'f', label: 'Dailies', url: null },
  ...fields,
});
const jobs = (...list: TransferJob[]) => Object.fromEntries(list.map((j) => [j.id, j]));
const away: NoticeConditions = { inBrowser: true, wanted: true, permission: 'granted', attended: false };
const comment = { accountId: 'a', fileId: 'file-1', comment: { id: 'c1', text: 'Lose the second line?', author: 'Ines' } };

test('a job that finishes or fails notifies once, named by its folder, and opens the job', () => {
  const running = jobs(job());
  const done = jobs(job({ state: 'done', filesDone: 5, filesSkipped: 1, endedAt: 9 }));
  assert.deepEqual(jobNotices(running, done, away), [
    { title: 'Upload finished', body: 'Day 1: 6 of 6 files.', tag: 'slate-job-j1', target: { kind: 'job', jobId: 'j1' } },
  ]);
  const failed = jobs(job({ state: 'failed', error: 'Frame.io refused the token. Sign in again.' }));
  assert.deepEqual(
    jobNotices(running, failed, away).map((n) => [n.title, n.body]),
    [['Upload failed', 'Day 1: Frame.io refused the token. Sign in again.']],
  );
  const partly = jobs(job({ state: 'done', filesDone: 4, filesFailed: 2 }));
  assert.equal(jobNotices(running, partly, away)[0]?.body, 'Day 1: 4 of 6 files, 2 failed.');
  assert.equal(jobNotices(jobs(job({ kind: 'download', state: 'queued' })), jobs(job({ kind: 'download', state: 'done', filesDone: 6 })), away)[0]?.title, 'Download finished');
});

test('one notice per job, not per file or per event: later events of an ended job, and jobs already over when read, stay quiet', () => {
  const done = job({ state: 'done', filesDone: 6 });
  assert.equal(jobNotices(jobs(done), jobs({ ...done, filesVerified: 6, updatedAt: 2 }), away).length, 0, 'a second event after the ending');
  assert.equal(jobNotices({}, jobs(done), away).length, 0, 'a job first read when already over (a page load, a reconnect)');
  assert.equal(jobNotices(jobs(job()), jobs(job({ filesDone: 3 })), away).length, 0, 'files finishing inside a running job');
  assert.equal(jobNotices(jobs(job()), jobs(job({ state: 'cancelled' })), away).length, 0, 'a cancel is the person’s own act');
  const two = jobNotices(jobs(job(), job({ id: 'j2', state: 'paused' }), job({ id: 'j3' })), jobs(job({ state: 'done' }), job({ id: 'j2', state: 'failed' }), job({ id: 'j3' })), away);
  assert.deepEqual(two.map((n) => n.tag), ['slate-job-j1', 'slate-job-j2']);
  // A failed job tried again ends again: that ending is new.
  assert.equal(jobNotices(jobs(job({ state: 'queued' })), jobs(job({ state: 'done' })), away).length, 1);
});

test('a new comment on a followed file notifies with its author and opens the file', () => {
  assert.deepEqual(commentNotice(comment, away), { title: 'New comment', body: 'Ines: Lose the second line?', tag: 'slate-comment-c1', target: { kind: 'file', accountId: 'a', fileId: 'file-1' } });
  assert.equal(commentNotice({ ...comment, comment: { ...comment.comment, author: null } }, away)?.body, 'Someone: Lose the second line?');
});

test('nothing notifies while the page is visible and focused, with the setting off, without permission, or in the desktop app', () => {
  const refusals: Array<[string, Partial<NoticeConditions>]> = [
    ['page visible and focused', { attended: true }],
    ['setting off', { wanted: false }],
    ['permission not asked yet', { permission: 'default' }],
    ['permission blocked', { permission: 'denied' }],
    ['browser without notifications', { permission: 'unsupported' }],
    ['desktop app', { inBrowser: false }],
  ];
  for (const [why, change] of refusals) {
    const when = { ...away, ...change };
    assert.equal(mayNotify(when), false, why);
    assert.deepEqual(jobNotices(jobs(job()), jobs(job({ state: 'done' })), when), [], why);
    assert.equal(commentNotice(comment, when), undefined, why);
  }
  assert.equal(mayNotify(away), true);
});
