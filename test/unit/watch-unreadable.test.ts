// Permissions fixed while a watch runs: a folder or a file that could not be read is picked up
// without a restart. The observer runs as a user permission bits apply to (nobody, under root), in
// both of its ways of watching.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT } from '../support/processes.ts';
import { unprivileged } from '../support/unprivileged.ts';

const reader = unprivileged();
const roots: string[] = [];
const children: ChildProcess[] = [];
after(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const root of roots) {
    chmodTree(root);
    rmSync(root, { recursive: true, force: true });
  }
});

function chmodTree(root: string): void {
  for (const path of [root, join(root, 'Locked'), join(root, 'locked.mov')]) {
    try {
      chmodSync(path, 0o755);
    } catch {
      // not made by this test
    }
  }
}

/** A tree the reader may look into: ok.mov, Locked/inside.mov, Locked/sub/deep.mov, locked.mov. */
function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'slate-unreadable-'));
  roots.push(dir);
  mkdirSync(join(dir, 'Locked/sub'), { recursive: true });
  writeFileSync(join(dir, 'ok.mov'), 'ok');
  writeFileSync(join(dir, 'Locked/inside.mov'), 'inside');
  writeFileSync(join(dir, 'Locked/sub/deep.mov'), 'deep');
  writeFileSync(join(dir, 'locked.mov'), 'locked');
  chmodSync(dir, 0o755);
  return dir;
}

interface Said {
  event: string;
  path?: string;
  ctimeMs?: number;
  message?: string;
}

/** The observer as the ordinary user; `said` fills as it reports, `until` waits (at most 10 s) for a report. */
async function observe(dir: string, mode: string): Promise<{ said: Said[]; until: (what: string, match: (line: Said) => boolean) => Promise<void> }> {
  if (typeof reader === 'string') throw new Error(reader);
  const [command, args] = reader.command([join(ROOT, 'test/support/observe-tree.ts'), dir, mode]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const said: Said[] = [];
  let stderr = '';
  let pending = '';
  const waiters = new Set<() => void>();
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop()!;
    for (const line of lines) said.push(JSON.parse(line) as Said);
    for (const wake of waiters) wake();
  });
  const until = async (what: string, match: (line: Said) => boolean) => {
    while (!said.some(match)) {
      if (child.exitCode !== null) assert.fail(`the observer exited before ${what}: ${stderr}`);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${what} within 10 s; it said:\n${said.map((s) => JSON.stringify(s)).join('\n')}\n${stderr}`)), 10_000);
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
      });
    }
  };
  await until('the first scan', (line) => line.event === 'started');
  return { said, until };
}

const files = (said: Said[]) => [...new Set(said.filter((s) => s.event === 'file').map((s) => s.path!))].sort();
const errors = (said: Said[]) => said.filter((s) => s.event === 'error').map((s) => s.message!);

for (const mode of ['per-directory', 'recursive']) {
  test(`${mode}: a folder that cannot be read is reported once with what to do, and caught up once it can, without a restart`, async (t) => {
    if (typeof reader === 'string') return t.skip(reader);
    const dir = tree();
    chmodSync(join(dir, 'Locked'), 0o000);
    const { said, until } = await observe(dir, mode);
    assert.deepEqual(files(said), ['locked.mov', 'ok.mov']);
    assert.equal(errors(said).length, 1, errors(said).join('\n'));
    assert.match(errors(said)[0]!, /^Slate cannot read the folder ".*\/Locked" \(EACCES\), so nothing in it is uploaded\. Let your user read it .*; Slate looks again by itself/);

    chmodSync(join(dir, 'Locked'), 0o755);
    await until('Locked readable again', (line) => line.event === 'readable' && line.path === 'Locked');
    await until('the deepest file', (line) => line.path === 'Locked/sub/deep.mov');
    assert.deepEqual(files(said), ['Locked/inside.mov', 'Locked/sub/deep.mov', 'locked.mov', 'ok.mov']);
    assert.equal(errors(said).length, 1, 'reported once, however often it was tried');
  });

  test(`${mode}: a watched folder that cannot be read is caught up once it can`, async (t) => {
    if (typeof reader === 'string') return t.skip(reader);
    const dir = tree();
    chmodSync(dir, 0o000);
    const { said, until } = await observe(dir, mode);
    assert.deepEqual(files(said), []);
    assert.equal(errors(said).length, 1, errors(said).join('\n'));
    assert.match(errors(said)[0]!, /^Slate cannot read the folder ".*slate-unreadable-[^/]*" \(EACCES\)/);

    chmodSync(dir, 0o755);
    await until('the folder readable again', (line) => line.event === 'readable' && line.path === '');
    await until('the deepest file', (line) => line.path === 'Locked/sub/deep.mov');
    assert.deepEqual(files(said), ['Locked/inside.mov', 'Locked/sub/deep.mov', 'locked.mov', 'ok.mov']);
    assert.equal(errors(said).length, 1);
  });

  test(`${mode}: a file's permissions changed while watched are reported, with its new change time`, async (t) => {
    if (typeof reader === 'string') return t.skip(reader);
    const dir = tree();
    const { said, until } = await observe(dir, mode);
    const first = said.find((s) => s.path === 'locked.mov')!.ctimeMs!;
    chmodSync(join(dir, 'locked.mov'), 0o000);
    await until('the chmod', (line) => line.path === 'locked.mov' && line.ctimeMs! > first);
    assert.deepEqual(errors(said), []);
  });
}
