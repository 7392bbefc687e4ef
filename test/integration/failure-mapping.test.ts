// Every refusal a person can meet crosses the contract with its code and what to do; only a bug is
// `internal`, and it is logged with its stack.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AccountApi } from '../../main/core/api/resources.ts';
import { ChosenPaths } from '../../main/core/chosen-paths.ts';
import { dispatch } from '../../main/core/dispatch.ts';
import { transferHandlers } from '../../main/core/handlers/transfers.ts';
import type { Service } from '../../main/core/service.ts';
import { RememberedDestination } from '../../main/core/transfers/download/destination.ts';
import type { TransferEngine } from '../../main/core/transfers/engine.ts';
import { desktopWatchPolicy } from '../../main/core/watch/policy.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, engineFor, makeTree } from './transfer-helpers.ts';

let sandbox: CheckedSandbox;
let engine: TransferEngine;
let service: Service;
let chosen: ChosenPaths;
let dir: string;
before(async () => {
  sandbox = await startCheckedSandbox({ seed: 'minimal' });
  engine = engineFor(sandbox);
  chosen = new ChosenPaths();
  dir = mkdtempSync(join(tmpdir(), 'slate-failures-'));
  service = { handlers: transferHandlers(engine, chosen, { policy: desktopWatchPolicy(dir, chosen), remembered: new RememberedDestination(dir) }) } as unknown as Service;
});
after(async () => {
  await engine.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a FileFailure from transfers:version reaches the renderer with its code and action, not as internal', async () => {
  const source = makeTree({ 'take1.mov': 4096 });
  chosen.add([source]);
  const uploaded = await engine.upload({ accountId: sandbox.accountId, folderId: sandbox.rootFolderId, paths: [join(source, 'take1.mov')], conflict: 'new' });
  await engine.settled(uploaded.id);
  const [file] = await Array.fromAsync(new AccountApi(clientFor(sandbox), sandbox.accountId).listChildren(sandbox.rootFolderId));
  assert.ok(file);

  // A file gone since it was dropped: the engine refuses it as a FileFailure.
  const reply = await dispatch(service, 'transfers:version', { accountId: sandbox.accountId, fileId: file.id, path: join(source, 'take2.mov') });
  assert.equal(reply.ok, false);
  assert.ok(!reply.ok);
  assert.equal(reply.error.code, 'transfer:file-failed');
  assert.match(reply.error.message, /is not a file Slate can read/);
  assert.equal(reply.error.action, 'Give the path of one readable file.');
});

test('a path nobody chose is refused with a code and what to do', async () => {
  const reply = await dispatch(service, 'transfers:version', { accountId: sandbox.accountId, fileId: 'f', path: join(dir, 'never-chosen.mov') });
  assert.ok(!reply.ok);
  assert.equal(reply.error.code, 'transfers:not-chosen');
  assert.match(reply.error.action ?? '', /Drop it here or pick it with Upload/);
});

test('a transfer that is not in the journal is refused with a code and what to do', async () => {
  const reply = await dispatch(service, 'transfers:resume', { jobId: 'cleared-long-ago' });
  assert.ok(!reply.ok);
  assert.equal(reply.error.code, 'transfers:no-such-job');
  assert.match(reply.error.message, /There is no transfer cleared-long-ago/);
});

test('a bug crosses as internal, says so in words, and is logged with its stack', async (t) => {
  const logged: unknown[][] = [];
  t.mock.method(console, 'error', (...args: unknown[]) => logged.push(args));
  const broken = { handlers: { 'transfers:list': async () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'id')")) } } as unknown as Service;
  const reply = await dispatch(broken, 'transfers:list', {});
  assert.ok(!reply.ok);
  assert.equal(reply.error.code, 'internal');
  assert.equal(reply.error.message, "Something went wrong inside Slate: Cannot read properties of undefined (reading 'id')");
  assert.match(reply.error.action ?? '', /fault in Slate.*report it/);
  assert.equal(logged.length, 1);
  assert.match(String(logged[0]![0]), /transfers:list failed inside Slate/);
  assert.ok(logged[0]![1] instanceof TypeError && /failure-mapping\.test\.ts/.test(logged[0]![1].stack ?? ''), 'the stack is logged');
});
