// The service says which folders an upload landed in, so a folder on screen can list itself
// again: the sub-folder a file went into and the folder the upload was dropped on.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { EventPayload } from '../../preload/contract.ts';
import { openBackend, type Backend } from '../../main/backend.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

let sandbox: CheckedSandbox;
let backend: Backend;
let work: string;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'slate-changes-'));
  sandbox = await startCheckedSandbox();
  backend = await openBackend({ apiUrl: sandbox.url, token: sandbox.token, dataDir: join(work, 'data') }, 'web');
});
after(async () => {
  await backend.close();
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
});

test('an upload of a tree announces its sub-folder and its destination', async () => {
  const tree = join(work, 'Day 3');
  mkdirSync(join(tree, 'A-cam'), { recursive: true });
  for (const name of ['A003_C001.mov', 'A003_C002.mov', 'A003_C003.mov']) writeFileSync(join(tree, 'A-cam', name), Buffer.alloc(10_000, 1));
  const changes: Array<EventPayload<'browse:changed'>> = [];
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const stop = backend.service.subscribe((event, payload) => {
    if (event === 'browse:changed') changes.push(payload as EventPayload<'browse:changed'>);
    if (event === 'transfers:job' && (payload as EventPayload<'transfers:job'>).state === 'done') done();
  });

  backend.service.choosePaths([tree]);
  const job = await backend.service.handlers['transfers:upload']({ accountId: sandbox.accountId, folderId: sandbox.rootFolderId, paths: [tree] });
  await finished;
  const files = await backend.service.handlers['transfers:files']({ jobId: job.id });
  const aCam = files[0]!.parentId;
  assert.ok(aCam && aCam !== sandbox.rootFolderId, 'the files landed in a sub-folder of their own');
  const announced = () => new Set(changes.map((c) => c.folderId));
  // Announcements are gathered for a moment after the files that finished together.
  while (!announced().has(aCam) || !announced().has(sandbox.rootFolderId)) await new Promise((resolve) => setTimeout(resolve, 50));
  stop();
  assert.deepEqual([...announced()].sort(), [aCam, sandbox.rootFolderId].sort(), 'no folder the upload did not touch');
  assert.ok(changes.every((c) => c.accountId === sandbox.accountId));
});
