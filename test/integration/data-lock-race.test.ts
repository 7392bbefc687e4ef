// Two Slates starting at the same moment over a lock a crash left behind: at most one may get the
// folder, in every one of 100 trials. Each trial is two real processes released together; both stay
// alive until both have answered, so neither can take over from the other legitimately.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { LOCK_FILE } from '../../main/core/data-lock.ts';

const TRIALS = 100;
const work = mkdtempSync(join(tmpdir(), 'slate-lock-race-'));
after(() => rmSync(work, { recursive: true, force: true }));

const MODULE = new URL('../../main/core/data-lock.ts', import.meta.url).href;
// Waits for a line on stdin (the starting gun), takes the lock, says what happened, then stays until stdin closes.
const STARTER = `
const { lockDataFolder } = await import(${JSON.stringify(MODULE)});
process.stdin.once('data', (data) => {
  try { lockDataFolder(data.toString().trim(), 'a racer'); console.log('held'); }
  catch (error) { console.log(error.name === 'DataFolderBusy' ? 'busy' : 'error: ' + error.message); }
  process.stdin.resume();
});
console.log('ready');
`;

const running = new Set<ChildProcess>();
after(() => running.forEach((child) => child.kill()));

function starter(): ChildProcess {
  const child = spawn(process.execPath, ['--input-type=module', '-e', STARTER], { stdio: ['pipe', 'pipe', 'inherit'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

async function line(child: ChildProcess): Promise<string> {
  const [data] = (await once(child.stdout!, 'data')) as [Buffer];
  return data.toString().trim();
}

/** The pid of a process that has exited: what a crashed Slate leaves in its lock. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

test(`two starters over a stale lock never both hold it (${TRIALS} trials)`, async () => {
  const dead = await deadPid();
  const outcomes = new Map<string, number>();
  let pair = [starter(), starter()];
  for (let trial = 0; trial < TRIALS; trial++) {
    const dir = join(work, `trial-${trial}`);
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: dead, host: hostname(), what: 'a crashed Slate', since: '2020-01-01T00:00:00.000Z' }));
    // Started ahead of time, so the gun reaches two processes already waiting on it.
    assert.deepEqual(await Promise.all(pair.map(line)), ['ready', 'ready']);
    const answers = pair.map(line);
    for (const child of pair) child.stdin!.write(`${dir}\n`);
    const results = await Promise.all(answers);
    const key = [...results].sort().join('+');
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    assert.equal(results.filter((r) => r === 'held').length, 1, `trial ${trial}: ${results.join(', ')}`);
    const next = [starter(), starter()];
    for (const child of pair) child.stdin!.end();
    await Promise.all(pair.map((child) => once(child, 'exit')));
    pair = next;
  }
  assert.deepEqual([...outcomes.keys()], ['busy+held']);
});
