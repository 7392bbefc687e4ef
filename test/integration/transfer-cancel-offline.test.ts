// Cancelling an upload while Frame.io is out of reach: the job is cancelled at once, says that the
// unfinished file is still in Frame.io and will be deleted, and once Frame.io answers again Slate
// deletes it by itself, so no half-made file stays in the person's folder. The sandbox is a
// process of its own, killed and started again on the same port and data.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import { ApiError } from '../../main/core/api/errors.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { openDatabase } from '../../main/core/db.ts';
import { TransferEngine } from '../../main/core/transfers/engine.ts';
import { NODE, run, type Running } from '../support/processes.ts';
import type { CheckedSandbox } from '../support/sandbox.ts';
import { clientFor, content, tempDir } from './transfer-helpers.ts';

const work = tempDir('cancel-offline');
const children: Running[] = [];
after(async () => {
  for (const child of children) await child.stop();
  rmSync(work, { recursive: true, force: true });
});

const TOKEN = 'cancel-offline-token';

async function startSandbox(port: string, faults: string[]): Promise<{ child: Running; access: CheckedSandbox }> {
  const child = run(NODE, ['main/sandbox/cli.ts', '--data', join(work, 'sandbox'), '--seed', 'minimal', '--port', port, '--token', TOKEN, '--part-size', String(1024 * 1024), ...faults]);
  children.push(child);
  const access = {
    url: await child.waitFor('SANDBOX_URL'),
    token: await child.waitFor('SANDBOX_TOKEN'),
    accountId: await child.waitFor('SANDBOX_ACCOUNT_ID'),
    rootFolderId: await child.waitFor('SANDBOX_ROOT_FOLDER_ID'),
  } as CheckedSandbox;
  return { child, access };
}

async function until(what: string, limitMs: number, check: () => boolean | Promise<boolean>): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`waited ${limitMs / 1000} s for ${what}`);
    await sleep(100);
  }
}

test('a cancel while Frame.io is out of reach says so, and the unfinished file is deleted there once it answers', { timeout: 120_000 }, async () => {
  // Every part hangs on its way: the file is made in Frame.io, and stays unfinished.
  const first = await startSandbox('0', ['--faults', 'part:stall@1']);
  const port = new URL(first.access.url).port;
  const api = new AccountApi(clientFor(first.access), first.access.accountId);
  const folderId = (await api.createFolder(first.access.rootFolderId, 'cancel offline')).id;
  const source = join(work, 'A003_C007.mov');
  writeFileSync(source, content('take', 3 * 1024 * 1024));

  const engine = new TransferEngine({ client: clientFor(first.access), db: openDatabase(':memory:') });
  const job = await engine.upload({ accountId: first.access.accountId, folderId, paths: [source] });
  await until('the file to be made in Frame.io', 30_000, () => engine.files(job.id)[0]?.remoteId != null);
  const remoteId = engine.files(job.id)[0]!.remoteId!;

  await first.child.stop();
  await until('Slate to find Frame.io out of reach', 60_000, () => !engine.reachability.state().reachable);
  const cancelling = Date.now();
  const cancelled = await engine.cancel(job.id);
  assert.ok(Date.now() - cancelling < 5_000, 'the cancel does not wait for Frame.io');
  assert.equal(cancelled.state, 'cancelled');
  assert.equal(
    cancelled.error,
    'Frame.io could not be reached. The unfinished copy of "A003_C007.mov" is still in Frame.io: Slate deletes it as soon as Frame.io answers again.',
  );
  assert.equal(engine.files(job.id)[0]!.state, 'cancelled');

  const again = await startSandbox(port, []);
  const fresh = new AccountApi(clientFor(again.access), again.access.accountId);
  await until('the unfinished file to be deleted in Frame.io', 60_000, async () => {
    try {
      await fresh.showFile(remoteId);
      return false;
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'not-found') return true;
      throw error;
    }
  });
  assert.deepEqual(await Array.fromAsync(fresh.listChildren(folderId)), [], 'nothing of the cancelled upload is left in the folder');
  await engine.close();
});
