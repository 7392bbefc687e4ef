import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Clock } from '../../main/core/api/clock.ts';
import { Bandwidth, parseBandwidth, parseRate, rateAt } from '../../main/core/transfers/bandwidth.ts';
import { FolderIndex } from '../../main/core/transfers/conflicts.ts';
import { nodeFs } from '../../main/core/transfers/fs.ts';
import { renamed } from '../../main/core/transfers/naming.ts';
import { planUpload } from '../../main/core/transfers/plan.ts';
import { Slots } from '../../main/core/transfers/slots.ts';

test('rates read like rclone: K, M, G bytes per second, bare numbers in KiB, off', () => {
  assert.equal(parseRate('5M'), 5 * 1024 * 1024);
  assert.equal(parseRate('512k'), 512 * 1024);
  assert.equal(parseRate('1.5G'), 1.5 * 1024 ** 3);
  assert.equal(parseRate('100'), 100 * 1024);
  assert.equal(parseRate('off'), undefined);
  assert.throws(() => parseRate('0'), (error: Error & { action?: string }) => /bandwidth of nothing/.test(error.message) && /"off" for no limit/.test(error.action ?? ''));
  assert.throws(() => parseRate('0.0001K'), /bandwidth of nothing/);
  assert.throws(() => parseRate('fast'), /not a bandwidth/);
});

test('a timetable applies each rate from its time until the next, wrapping past midnight', () => {
  const table = parseBandwidth('19:00,off 08:00,5M 12:30,10M');
  assert.deepEqual(table.map((e) => e.minute), [480, 750, 1140]);
  assert.equal(rateAt(table, 7 * 60), undefined, 'before 08:00 the 19:00 entry still holds');
  assert.equal(rateAt(table, 9 * 60), 5 * 1024 * 1024);
  assert.equal(rateAt(table, 13 * 60), 10 * 1024 * 1024);
  assert.equal(rateAt(table, 20 * 60), undefined);
  assert.throws(() => parseBandwidth('8am,5M 19:00,off'), (error: Error & { action?: string }) => /not a timetable entry/.test(error.message) && /HH:MM,RATE/.test(error.action ?? ''));
});

test('the bandwidth bucket holds senders to the rate in force', async () => {
  let now = 0;
  const clock: Clock = { now: () => now, sleep: async (ms) => void (now += ms) };
  let minute = 9 * 60;
  const limit = new Bandwidth(clock, parseBandwidth('08:00,100K 19:00,off'), () => minute);
  for (let i = 0; i < 10; i++) await limit.take(50 * 1024);
  // 500 KiB at 100 KiB/s, less the quarter second of burst the bucket starts empty of.
  assert.ok(now >= 4500 && now <= 5100, `took ${now} ms`);
  minute = 20 * 60;
  const before = now;
  for (let i = 0; i < 10; i++) await limit.take(1024 * 1024);
  assert.equal(now, before, 'off means no waiting');
});

test('renames pick the first free "name N.ext"', () => {
  assert.equal(renamed('clip.mov', new Set(['clip.mov'])), 'clip 2.mov');
  assert.equal(renamed('clip.mov', new Set(['clip.mov', 'clip 2.mov'])), 'clip 3.mov');
  assert.equal(renamed('README', new Set(['README'])), 'README 2');
  assert.equal(renamed('.env', new Set(['.env'])), '.env 2');
});

test('the same-name policy skips identical files, versions, renames or uploads anyway', () => {
  const index = () => {
    const i = FolderIndex.empty();
    i.add('a.mov', { id: 'f1', size: 10, complete: true });
    i.add('b.mov', { id: 'f2', size: 10, complete: true, stackId: 's2' });
    i.add('c.mov', { id: 'f3', size: 10, complete: false });
    return i;
  };
  assert.deepEqual(index().decide('a.mov', 10, 'skip'), { skip: true, remoteName: 'a.mov' });
  assert.deepEqual(index().decide('a.mov', 11, 'skip'), { skip: false, remoteName: 'a.mov' }, 'same name, other size: uploaded');
  assert.deepEqual(index().decide('c.mov', 10, 'skip'), { skip: false, remoteName: 'c.mov' }, 'an unfinished upload is no copy');
  assert.deepEqual(index().decide('a.mov', 10, 'version'), { skip: false, remoteName: 'a.mov', stackOnto: 'file:f1' });
  assert.deepEqual(index().decide('b.mov', 10, 'version'), { skip: false, remoteName: 'b.mov', stackOnto: 'stack:s2' });
  assert.deepEqual(index().decide('a.mov', 10, 'new'), { skip: false, remoteName: 'a.mov' });
  const shared = index();
  assert.equal(shared.decide('a.mov', 10, 'rename').remoteName, 'a 2.mov');
  assert.equal(shared.decide('a.mov', 10, 'rename').remoteName, 'a 3.mov', 'names already handed out are taken');
  assert.deepEqual(index().decide('new.mov', 10, 'rename'), { skip: false, remoteName: 'new.mov' });
});

test('slots go to the highest priority waiter first, then in arrival order', async () => {
  const slots = new Slots(1);
  const release = await slots.acquire(() => 0);
  const order: string[] = [];
  const priorities: Record<string, number> = { low: 0, high: 5, later: 0 };
  const waiters = ['low', 'high', 'later'].map((name) =>
    slots.acquire(() => priorities[name]!).then((done) => {
      order.push(name);
      done();
    }),
  );
  priorities.later = 9; // reprioritized while waiting
  release();
  await Promise.all(waiters);
  assert.deepEqual(order, ['later', 'high', 'low']);
});

test('the plan keeps the structure, sorts, drops OS litter and notes what it cannot read', async () => {
  const root = mkdtempSync(join(tmpdir(), 'slate-plan-'));
  mkdirSync(join(root, 'Day 1', 'Cam B'), { recursive: true });
  for (const rel of ['Day 1/b.mov', 'Day 1/a.mov', 'Day 1/.DS_Store', 'Day 1/Cam B/c.mov', 'Day 1/._a.mov']) writeFileSync(join(root, rel), 'x');
  const plan = await planUpload(nodeFs, [join(root, 'Day 1'), join(root, 'missing.mov')]);
  assert.deepEqual(plan.folders, ['', 'Day 1', 'Day 1/Cam B']);
  assert.deepEqual(plan.files.map((f) => `${f.relDir}|${f.name}`), ['Day 1/Cam B|c.mov', 'Day 1|a.mov', 'Day 1|b.mov']);
  assert.deepEqual(plan.unreadable, [{ source: join(root, 'missing.mov'), reason: 'it no longer exists' }]);
});
