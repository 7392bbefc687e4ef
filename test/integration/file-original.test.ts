// The service reading a file's original for the viewer (`file:original`), against the sandbox:
// the exact bytes of an uploaded PDF, looked up through the API client; and a clear sentence for
// each way it cannot: no original yet, no such file, too large, a link the media host refuses.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { readOriginal } from '../../main/core/browse/original.ts';
import { dispatch } from '../../main/core/dispatch.ts';
import { browseHandlers } from '../../main/core/handlers/browse.ts';
import type { Service } from '../../main/core/service.ts';
import { SAMPLE_MEDIA_DIR } from '../../main/sandbox/seed-demo.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

const PDF = readFileSync(join(SAMPLE_MEDIA_DIR, 'Harbor_Call_Sheet.pdf'));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let sandbox: CheckedSandbox;
let client: FrameioClient;
let service: Service;

/** Created, and its bytes sent to the part URLs unless `send` is false (then it stays "created"). */
async function upload(on: CheckedSandbox, api: FrameioClient, name: string, bytes: Buffer, send = true): Promise<string> {
  const file = await new AccountApi(api, on.accountId).createLocalUpload(on.rootFolderId, name, bytes.length);
  let offset = 0;
  for (const part of send ? file.upload_urls : []) {
    const response = await fetch(part.url, { method: 'PUT', body: bytes.subarray(offset, (offset += part.size)), headers: { 'x-amz-acl': 'private', 'content-type': file.media_type ?? '' } });
    assert.equal(response.status, 200);
  }
  return file.id;
}

const original = (fileId: string, input: object = {}) => dispatch(service, 'file:original', { accountId: sandbox.accountId, fileId, ...input });

before(async () => {
  sandbox = await startCheckedSandbox();
  client = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) });
  service = { handlers: browseHandlers(client) } as unknown as Service;
});
after(() => sandbox.close());

test("an uploaded PDF's original comes back byte for byte, with its media type, looked up through the API client", async () => {
  const fileId = await upload(sandbox, client, 'Call sheet.pdf', PDF);
  const before = client.stats.requests;
  const reply = await original(fileId);
  assert.ok(reply.ok, JSON.stringify(reply));
  const { mediaType, base64 } = reply.value as { mediaType: string; base64: string };
  assert.equal(mediaType, 'application/pdf');
  assert.equal(sha256(Buffer.from(base64, 'base64')), sha256(PDF));
  assert.equal(client.stats.requests - before, 1, 'one files.show, paced by the client');
  const show = sandbox.exchanges.findLast((e) => e.url.startsWith(`/v4/accounts/${sandbox.accountId}/files/${fileId}?`));
  assert.match(show!.url, /include=media_links\.original/);
  // The sandbox records a download once its response has finished, which may be after the bytes arrived here.
  const downloaded = () => sandbox.exchanges.some((e) => e.method === 'GET' && e.url.startsWith('/objects/download/') && e.status === 200);
  for (let waited = 0; !downloaded() && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(downloaded(), "the bytes came from the file's own media link");
});

test('a file still uploading has no original yet, and says to try again or open it in Frame.io', async () => {
  const fileId = await upload(sandbox, client, 'Half there.pdf', PDF, false);
  const reply = await original(fileId);
  assert.equal(reply.ok, false);
  if (reply.ok) return;
  assert.deepEqual(reply.error, {
    code: 'browse:no-original',
    message: 'Frame.io offers no original of Half there.pdf to download yet: it may still be uploading or processing, or your role on this project may not allow downloads.',
    action: 'Try again in a minute, or open it in Frame.io.',
  });
});

test('a file that does not exist is reported as Frame.io reports it, with what to do', async () => {
  const reply = await original('00000000-0000-4000-8000-000000000000');
  assert.equal(reply.ok, false);
  if (reply.ok) return;
  assert.equal(reply.error.code, 'api:not-found');
  assert.match(reply.error.message, /^Frame\.io could not find it/);
  assert.equal(reply.error.action, 'It may have been moved or deleted; refresh and try again.');
});

test('a file over the limit is refused before its bytes are read, saying to open or download it in Frame.io', async () => {
  const fileId = await upload(sandbox, client, 'Print master.pdf', Buffer.concat([PDF, Buffer.alloc(1_500_000)]));
  const downloads = sandbox.exchanges.filter((e) => e.url.startsWith('/objects/download/')).length;
  await assert.rejects(readOriginal(client, sandbox.accountId, fileId, 1_000_000), {
    message: 'Print master.pdf is larger than the 1 MB Slate reads itself. Open it in Frame.io, or download it, to read it there; comments still work here.',
  });
  assert.equal(sandbox.exchanges.filter((e) => e.url.startsWith('/objects/download/')).length, downloads, 'nothing was downloaded');
});

test('a media link the host refuses (expired) says so and to reload for a fresh one', async () => {
  const expiring = await startCheckedSandbox({ mediaUrlTtlMs: 0 });
  try {
    const api = new FrameioClient({ baseUrl: expiring.url, tokens: staticToken(expiring.token) });
    const fileId = await upload(expiring, api, 'Call sheet.pdf', PDF);
    await assert.rejects(readOriginal(api, expiring.accountId, fileId), {
      message: "Frame.io's media host refused the download of Call sheet.pdf (HTTP 403): its link may have expired. Reload the viewer to get a fresh link.",
    });
  } finally {
    await expiring.close();
  }
});

test('the request takes a file id, not a link: anything else is refused before it reaches the service', async () => {
  const reply = await original('some-file', { url: `${sandbox.url}/objects/download/x` });
  assert.equal(reply.ok, false);
  if (reply.ok) return;
  assert.equal(reply.error.code, 'invalid-input');
  assert.match(reply.error.message, /^Invalid file:original request/);
});
