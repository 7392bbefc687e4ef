// A sandbox process killed with SIGKILL mid-upload keeps every part it acknowledged: after a
// restart on the same data directory the upload finishes with the original URLs and the bytes
// read back are the bytes sent.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readJson } from '../support/http.ts';
import { NODE, run, type Running } from '../support/processes.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'slate-sandbox-persist-'));
const running: Running[] = [];
after(async () => {
  for (const child of running) await child.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function startCli(port: string): Promise<{ child: Running; url: string; token: string; accountId: string; folderId: string }> {
  const child = run(NODE, ['main/sandbox/cli.ts', '--data', dataDir, '--seed', 'minimal', '--port', port, '--part-size', '65536', '--rate-limits', 'off']);
  running.push(child);
  return {
    child,
    url: await child.waitFor('SANDBOX_URL'),
    token: await child.waitFor('SANDBOX_TOKEN'),
    accountId: await child.waitFor('SANDBOX_ACCOUNT_ID'),
    folderId: await child.waitFor('SANDBOX_ROOT_FOLDER_ID'),
  };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

test('kill -9 during uploads loses no acknowledged part, asset or token', { timeout: 30_000 }, async () => {
  const first = await startCli('0');
  const api = (base: typeof first, path: string, init: RequestInit = {}) =>
    fetch(base.url + path, { ...init, headers: { authorization: `Bearer ${base.token}`, 'content-type': 'application/json' } });

  const bytes = randomBytes(8 * 65536 + 100);
  const created = await readJson(
    await api(first, `/v4/accounts/${first.accountId}/folders/${first.folderId}/files/local_upload`, { method: 'POST', body: JSON.stringify({ data: { name: 'interview.wav', file_size: bytes.length } }) }),
  );
  const urls: Array<{ url: string; size: number }> = created.data.upload_urls;
  assert.equal(urls.length, 9);
  const parts: Buffer[] = [];
  let offset = 0;
  for (const { size } of urls) parts.push(bytes.subarray(offset, (offset += size)));
  const put = (i: number, body: RequestInit['body'], init: RequestInit = {}) =>
    fetch(urls[i]!.url, { method: 'PUT', body, headers: { 'x-amz-acl': 'private', 'content-type': 'audio/wav' }, ...init });

  // Parts 0, 2, 4 and 6 are acknowledged; part 8 is still streaming when the process dies.
  for (const i of [0, 2, 4, 6]) assert.equal((await put(i, parts[i]!)).status, 200);
  let release!: () => void;
  const slow = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(parts[8]!.subarray(0, 10));
      await new Promise<void>((resolve) => (release = resolve));
      controller.close();
    },
  });
  const inFlight = put(8, slow, { duplex: 'half' } as RequestInit).catch((error: Error) => error);
  await new Promise((resolve) => setTimeout(resolve, 100));
  first.child.child.kill('SIGKILL');
  assert.ok((await inFlight) instanceof Error, 'the in-flight part was never acknowledged');
  release();

  const port = new URL(first.url).port;
  const second = await startCli(port);
  assert.equal(second.token, first.token, 'the token survives');
  const status = await readJson(await api(second, `/v4/accounts/${second.accountId}/files/${created.data.id}/status`));
  assert.equal(status.data.upload_complete, false);

  for (const i of [1, 3, 5, 7, 8]) assert.equal((await put(i, parts[i]!)).status, 200, `part ${i} after the restart`);
  for (let i = 0; i < 50; i++) {
    const shown = await readJson(await api(second, `/v4/accounts/${second.accountId}/files/${created.data.id}?include=media_links.original`));
    if (shown.data.status !== 'created') {
      const download = await fetch(shown.data.media_links.original.download_url);
      assert.equal(sha256(new Uint8Array(await download.arrayBuffer())), sha256(bytes));
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail('the upload never completed after the restart');
});
