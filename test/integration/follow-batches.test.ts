// A look through a big followed tree takes long (400 s for 1,000 folders at the follows' pace), so
// what it finds comes down while it goes on, in batches at most 5 s apart, not once it has been
// everywhere. Here the pace is held by the test: the followed folder is listed, its file found,
// then 6 s pass on the follow's clock and one sub-folder is listed while the other's turn is still
// held; the file must come down while the look cannot end.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { systemClock, type Clock } from '../../main/core/api/clock.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { openDatabase } from '../../main/core/db.ts';
import { Follow, type PassSummary } from '../../main/core/sync/follow.ts';
import { FollowJournal } from '../../main/core/sync/journal.ts';
import { FolderPace } from '../../main/core/sync/pace.ts';
import { TransferEngine } from '../../main/core/transfers/engine.ts';
import type { FileSnapshot } from '../../main/core/transfers/types.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, content, engineFor, makeTree, tempDir } from './transfer-helpers.ts';

let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ seed: 'minimal', partSize: 64 * 1024, transcodeDelayMs: 0 });
});
after(async () => {
  await sandbox.close();
});

/** The first turn at once; each later one waits until the test lets it go. */
class HeldPace extends FolderPace {
  private readonly held: Array<PromiseWithResolvers<void>> = [];
  /** turns asked for so far */
  turns = 0;

  constructor() {
    super(systemClock);
  }

  override async turn(): Promise<void> {
    const n = this.turns++;
    if (n > 0) await this.gate(n).promise;
  }

  letGo(n: number): void {
    this.gate(n).resolve();
  }

  private gate(n: number): PromiseWithResolvers<void> {
    this.held[n] ??= Promise.withResolvers<void>();
    return this.held[n];
  }
}

test('a file found early in a long look comes down before the look ends', async () => {
  const api = new AccountApi(clientFor(sandbox), sandbox.accountId);
  const top = await api.createFolder(sandbox.rootFolderId, 'Long look');
  await api.createFolder(top.id, 'A');
  await api.createFolder(top.id, 'B');
  const uploader = engineFor(sandbox);
  const tree = makeTree({ 'early.mov': 30_000 });
  assert.equal((await uploader.settled((await uploader.upload({ accountId: sandbox.accountId, folderId: top.id, paths: [join(tree, 'early.mov')] })).id)).state, 'done');
  await uploader.close();

  const db = openDatabase(':memory:');
  const engine = new TransferEngine({ client: clientFor(sandbox), db });
  const journal = new FollowJournal(db);
  const dir = tempDir('follow-to');
  const record = journal.ensure({ accountId: sandbox.accountId, folderId: top.id, dir, label: 'Long look', versions: 'replace', conflict: 'rename' });
  let now = 0;
  const clock: Clock = { now: () => now, sleep: (ms, signal) => systemClock.sleep(Math.min(ms, 3_600_000), signal) };
  const pace = new HeldPace();
  const follow = new Follow({ engine, api, journal, follow: record, pace, clock, intervalMs: 3_600_000 });
  const down = new Promise<FileSnapshot>((resolve) => follow.on('file', resolve));
  const passed = new Promise<PassSummary>((resolve) => follow.on('pass', resolve));
  let ended = false;
  void passed.then(() => (ended = true));
  const stop = new AbortController();
  const running = follow.run(stop.signal);

  // The followed folder is listed on the first turn; the two sub-folders wait for theirs.
  await waitFor(() => pace.turns === 3);
  now += 6_000;
  pace.letGo(1);
  const file = await safetyNet(down, 'the file found at the start did not come down while the look was held');
  assert.equal(file.state, 'done');
  assert.equal(ended, false, 'the look is still held at its last folder');
  assert.ok(readFileSync(join(dir, 'Long look', 'early.mov')).equals(content('early.mov', 30_000)));

  pace.letGo(2);
  const summary = await passed;
  assert.deepEqual([summary.folders, summary.queued], [3, 1]);
  stop.abort();
  await running;
  await engine.close();
  db.close();
});

/** `promise`, or after 30 s a failure saying what did not happen. */
function safetyNet<T>(promise: Promise<T>, missing: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(missing)), 30_000)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
