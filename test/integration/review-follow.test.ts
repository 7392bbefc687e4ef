// Following many files must never exceed Frame.io's documented limit on comment lists, must share
// the polling fairly, and must still hear about a new comment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Clock } from '../../main/core/api/clock.ts';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { operations } from '../../main/common/operations.generated.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { CommentService } from '../../main/core/review/comments.ts';
import { CommentFollower, type FollowEvent } from '../../main/core/review/follow.ts';
import { RateLimiter } from '../../main/sandbox/rate-limit.ts';
import type { SandboxExchange } from '../../main/sandbox/server.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

const LIMIT = operations['comments.index'].limit;
const isPoll = (e: SandboxExchange) => e.method === 'GET' && /\/files\/[^/]+\/comments/.test(e.url);
const polledFile = (e: SandboxExchange) => /\/files\/([^/]+)\/comments/.exec(e.url)![1]!;

/** Fifty files: one uploaded placeholder and forty-nine copies (copies are cheap under the limits). */
async function fiftyFiles(sandbox: CheckedSandbox): Promise<string[]> {
  const client = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) });
  const first = await new AccountApi(client, sandbox.accountId).createLocalUpload(sandbox.rootFolderId, 'Dailies 001.mov', 1_000);
  const copies = await Promise.all(
    Array.from({ length: 49 }, () =>
      client.call<{ data: { id: string } }>('files.copy', { params: { account_id: sandbox.accountId, file_id: first.id }, body: { data: { parent_id: sandbox.rootFolderId } } }),
    ),
  );
  return [first.id, ...copies.map((c) => c.data.id)];
}

/** Resolves once the sandbox's exchanges show what the test waits for. */
function until(sandbox: CheckedSandbox, seen: (exchanges: SandboxExchange[]) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = setInterval(() => {
      if (!seen(sandbox.exchanges)) return;
      clearInterval(check);
      resolve();
    }, 5);
  });
}

const pollsReached = (sandbox: CheckedSandbox, count: number) => until(sandbox, (exchanges) => exchanges.filter(isPoll).length >= count);

function pollsPerFile(exchanges: SandboxExchange[]): number[] {
  const counts = new Map<string, number>();
  for (const e of exchanges.filter(isPoll)) counts.set(polledFile(e), (counts.get(polledFile(e)) ?? 0) + 1);
  return [...counts.values()];
}

/** A clock whose sleeps pass at once: the follower's pacing shows in the times it records. */
function jumpingClock(): Clock {
  let now = 0;
  return {
    now: () => now,
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      now += Math.max(0, ms);
    },
  };
}

test('paced to half the documented limit: an even spacing after the first look, fair turns, and new comments heard', async () => {
  const clock = jumpingClock();
  const sentAt: number[] = [];
  const sandbox = await startCheckedSandbox({ rateLimits: 'off', observe: (e) => isPoll(e) && sentAt.push(clock.now()) });
  const events: FollowEvent[] = [];
  const follower = new CommentFollower({ client: new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token), clock }), accountId: sandbox.accountId, clock, minIntervalMs: 0 });
  try {
    const files = await fiftyFiles(sandbox);
    const heardOne = new Promise<void>((resolve) => follower.subscribe((event) => event.type === 'comment' && resolve()));
    follower.subscribe((event) => events.push(event));
    for (const id of files) follower.follow(id);
    follower.start();
    await pollsReached(sandbox, 60);
    const service = new CommentService(new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) }), sandbox.accountId);
    const fresh = await service.create(files[6]!, { text: 'Boom in shot at the top', timestamp: 120 });
    await Promise.all([heardOne, pollsReached(sandbox, 150)]);
    await follower.stop();

    // Every call fits Frame.io's own bucket, replayed in the follower's time.
    let replayAt = 0;
    const frameio = new RateLimiter('real', 1, () => replayAt);
    for (const t of sentAt) {
      replayAt = t;
      assert.ok(frameio.take('comments.index', LIMIT).allowed, `call at ${t} ms fits the documented ${LIMIT.calls} per ${LIMIT.windowMs} ms`);
    }
    // The first look at every file goes out at once; after that the calls are evenly spaced at the follower's share.
    assert.deepEqual(follower.limit, { calls: LIMIT.calls / 2, windowMs: LIMIT.windowMs });
    const spacing = LIMIT.windowMs / follower.limit.calls;
    const gaps = sentAt.slice(follower.limit.calls).map((t, i) => t - sentAt[follower.limit.calls - 1 + i]!);
    assert.ok(gaps.every((gap) => gap >= spacing - 1), `calls after the first look are at least ${spacing} ms apart: ${gaps.join(', ')}`);
    const turns = pollsPerFile(sandbox.exchanges);
    assert.equal(turns.length, 50);
    assert.ok(Math.max(...turns) - Math.min(...turns) <= 1, `each file polled in turn: ${turns.join(', ')}`);

    const heard = events.filter((e) => e.type === 'comment');
    assert.deepEqual(heard.map((e) => [e.fileId, e.comment.id, e.comment.text, e.comment.author?.name]), [[files[6], fresh.id, 'Boom in shot at the top', 'Rosa Alvarez']]);
    assert.deepEqual(events.filter((e) => e.type === 'unread'), [{ type: 'unread', fileId: files[6], unread: 1, totalUnread: 1 }]);
    assert.equal(follower.unread(files[6]), 1);
    follower.markRead(files[6]!);
    assert.equal(follower.unread(), 0);
  } finally {
    await follower.stop();
    await sandbox.close();
  }
});

test('at real rate limits, following fifty files as fast as allowed draws no 429', async () => {
  const sandbox = await startCheckedSandbox({ rateLimits: 'real' });
  const follower = new CommentFollower({
    client: new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) }),
    accountId: sandbox.accountId,
    share: 1,
    minIntervalMs: 0,
  });
  try {
    for (const id of await fiftyFiles(sandbox)) follower.follow(id);
    follower.start();
    // Past the bucket's capacity, so the sandbox's limit is really in play.
    await pollsReached(sandbox, LIMIT.calls + 20);
    await follower.stop();
    const polls = sandbox.exchanges.filter(isPoll);
    assert.deepEqual(polls.filter((e) => e.status !== 200).map((e) => e.status), [], 'no call refused');
    const lowest = Math.min(...polls.map((e) => Number(e.responseHeaders['x-ratelimit-remaining'])));
    assert.ok(lowest >= 1, `the bucket never ran dry (lowest remaining ${lowest})`);
    const turns = pollsPerFile(sandbox.exchanges);
    assert.ok(turns.length === 50 && Math.min(...turns) >= 2, `every file polled at least twice: ${turns.join(', ')}`);
  } finally {
    await follower.stop();
    await sandbox.close();
  }
});

test('following a project follows the files in its folders, picks up new ones, and lets them go with it', async () => {
  const clock = jumpingClock();
  const sandbox = await startCheckedSandbox({ rateLimits: 'off' });
  const client = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) });
  const api = new AccountApi(client, sandbox.accountId);
  const follower = new CommentFollower({
    client: new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token), clock }),
    accountId: sandbox.accountId,
    clock,
    minIntervalMs: 1_000,
    projectRefreshMs: 60_000,
  });
  try {
    const atRoot = await api.createLocalUpload(sandbox.rootFolderId, 'Trailer v1.mov', 1_000);
    const day2 = await api.createFolder(sandbox.rootFolderId, 'Day 2');
    const inFolder = await api.createLocalUpload(day2.id, 'A002_C004.mov', 1_000);
    const alsoDirect = await api.createLocalUpload(day2.id, 'A002_C005.mov', 1_000);
    follower.follow(alsoDirect.id);
    follower.followProject(sandbox.projectId);
    follower.start();
    const polled = (fileId: string) => until(sandbox, (exchanges) => exchanges.some((e) => isPoll(e) && polledFile(e) === fileId));
    await Promise.all([polled(atRoot.id), polled(inFolder.id)]);
    const later = await api.createLocalUpload(day2.id, 'A002_C006.mov', 1_000);
    await polled(later.id);
    assert.deepEqual(new Set(follower.following()), new Set([alsoDirect.id, atRoot.id, inFolder.id, later.id]));
    follower.unfollowProject(sandbox.projectId);
    assert.deepEqual(follower.following(), [alsoDirect.id], 'a file followed on its own stays');
  } finally {
    await follower.stop();
    await sandbox.close();
  }
});
