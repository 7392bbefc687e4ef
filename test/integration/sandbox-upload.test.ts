// Local upload the way Frame.io's docs show it, with plain fetch: create the file, PUT each part
// to its presigned URL, and read the bytes back from media_links.original.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { readJson } from '../support/http.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ partSize: 256 * 1024, transcodeDelayMs: 100, rateLimitScale: 10 });
});
after(() => sandbox.close());

const api = (path: string, init: RequestInit = {}) =>
  fetch(sandbox.url + path, { ...init, headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json', ...init.headers } });

interface UploadFile {
  id: string;
  media_type: string;
  status: string;
  upload_urls: Array<{ url: string; size: number }>;
}

async function createUpload(name: string, size: number, target = sandbox): Promise<UploadFile> {
  const response = await fetch(`${target.url}/v4/accounts/${target.accountId}/folders/${target.rootFolderId}/files/local_upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ data: { name, file_size: size } }),
  });
  assert.equal(response.status, 201);
  return (await readJson(response)).data;
}

const putPart = (url: string, body: Uint8Array, headers: Record<string, string>) => fetch(url, { method: 'PUT', body, headers });

function slices(bytes: Buffer, urls: UploadFile['upload_urls']): Buffer[] {
  let offset = 0;
  return urls.map(({ size }) => bytes.subarray(offset, (offset += size)));
}

async function waitForStatus(fileId: string, status: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const file = (await readJson((await api(`/v4/accounts/${sandbox.accountId}/files/${fileId}`)))).data;
    if (file.status === status) return file;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`file ${fileId} never became ${status}`);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

test('parts PUT out of order and in parallel round-trip to media_links.original byte for byte', async () => {
  const bytes = randomBytes(1024 * 1024 + 4321);
  const file = await createUpload('A001_C003_0412.mov', bytes.length);
  assert.equal(file.status, 'created');
  assert.equal(file.media_type, 'video/quicktime');
  assert.deepEqual(file.upload_urls.map((u) => u.size), [262144, 262144, 262144, 262144, 4321]);
  assert.ok(file.upload_urls.every((u) => u.url.startsWith(`${sandbox.url}/objects/`)), 'parts go to the object store, not the API');

  const parts = slices(bytes, file.upload_urls);
  const order = [4, 1, 3, 0, 2];
  const responses = await Promise.all(order.map((i) => putPart(file.upload_urls[i]!.url, parts[i]!, { 'x-amz-acl': 'private', 'content-type': file.media_type })));
  for (const [k, response] of responses.entries()) {
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('etag'), `"${createHash('md5').update(parts[order[k]!]!).digest('hex')}"`);
  }

  const status = (await readJson((await api(`/v4/accounts/${sandbox.accountId}/files/${file.id}/status`)))).data;
  assert.equal(status.upload_complete, true);
  assert.equal(status.upload_failed, false);
  assert.equal(status.filetype, 'video/quicktime');
  assert.ok(status.upload_completed_at);

  await waitForStatus(file.id, 'transcoded');
  const shown = (await readJson((await api(`/v4/accounts/${sandbox.accountId}/files/${file.id}?include=media_links.original`)))).data;
  const download = await fetch(shown.media_links.original.download_url);
  assert.equal(download.status, 200);
  assert.match(download.headers.get('content-disposition') ?? '', /^attachment; filename="A001_C003_0412.mov"/);
  assert.equal(sha256(new Uint8Array(await download.arrayBuffer())), sha256(bytes));
});

test('a part PUT without x-amz-acl, with the wrong Content-Type or after expiry is a 403 from the object store', async () => {
  const bytes = randomBytes(1000);
  const file = await createUpload('still.png', bytes.length);
  const url = file.upload_urls[0]!.url;
  const noAcl = await putPart(url, bytes, { 'content-type': 'image/png' });
  assert.equal(noAcl.status, 403);
  assert.match(await noAcl.text(), /<Code>AccessDenied<\/Code>/);
  const wrongType = await putPart(url, bytes, { 'x-amz-acl': 'private', 'content-type': 'application/octet-stream' });
  assert.equal(wrongType.status, 403);
  assert.match(await wrongType.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
  const tampered = await putPart(url.replace('partNumber=1', 'partNumber=2'), bytes, { 'x-amz-acl': 'private', 'content-type': 'image/png' });
  assert.equal(tampered.status, 403);

  const shortLived = await startCheckedSandbox({ uploadUrlTtlMs: 150 });
  try {
    const expiring = await createUpload('still.png', bytes.length, shortLived);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const expired = await putPart(expiring.upload_urls[0]!.url, bytes, { 'x-amz-acl': 'private', 'content-type': 'image/png' });
    assert.equal(expired.status, 403);
    assert.match(await expired.text(), /Request has expired/);
  } finally {
    await shortLived.close();
  }
});

test('a re-sent part replaces the first; a part of the wrong size is refused and changes nothing', async () => {
  const bytes = randomBytes(300 * 1024);
  const file = await createUpload('take2.wav', bytes.length);
  const [first, second] = slices(bytes, file.upload_urls);
  const headers = { 'x-amz-acl': 'private', 'content-type': 'audio/wav' };
  assert.equal((await putPart(file.upload_urls[0]!.url, randomBytes(first!.length), headers)).status, 200);
  assert.equal((await putPart(file.upload_urls[0]!.url, first!, headers)).status, 200);
  const short = await putPart(file.upload_urls[1]!.url, second!.subarray(1), headers);
  assert.equal(short.status, 400);
  assert.match(await short.text(), /IncompleteBody/);
  assert.equal((await putPart(file.upload_urls[1]!.url, second!, headers)).status, 200);
  const shown = await waitForStatus(file.id, 'transcoded');
  assert.equal(shown.file_size, bytes.length);
  const withLinks = (await readJson((await api(`/v4/accounts/${sandbox.accountId}/files/${file.id}?include=media_links.original`)))).data;
  assert.equal(sha256(new Uint8Array(await (await fetch(withLinks.media_links.original.inline_url)).arrayBuffer())), sha256(bytes));
  const late = await putPart(file.upload_urls[0]!.url, first!, headers);
  assert.equal(late.status, 404, 'a completed upload takes no more parts');
});

test('local_upload refuses media_type and a zero file_size with 422 and the field pointer', async () => {
  const path = `/v4/accounts/${sandbox.accountId}/folders/${sandbox.rootFolderId}/files/local_upload`;
  const withType = await api(path, { method: 'POST', body: JSON.stringify({ data: { name: 'a.mov', file_size: 10, media_type: 'video/quicktime' } }) });
  assert.equal(withType.status, 422);
  assert.deepEqual((await readJson(withType)).errors, [{ detail: 'Unexpected field: media_type', title: 'Invalid value', source: { pointer: '/data/media_type' } }]);
  const empty = await api(path, { method: 'POST', body: JSON.stringify({ data: { name: 'empty.txt', file_size: 0 } }) });
  assert.equal(empty.status, 422);
  assert.equal((await readJson(empty)).errors[0].source.pointer, '/data/file_size');
  const noName = await api(path, { method: 'POST', body: JSON.stringify({ data: { file_size: 10 } }) });
  assert.equal(noName.status, 422);
  assert.deepEqual((await readJson(noName)).errors[0], { detail: 'Missing field: name', title: 'Invalid value', source: { pointer: '/data/name' } });
});

test('an image gets a thumbnail once transcoded; before that, renditions are null', async () => {
  const bytes = randomBytes(2048);
  const file = await createUpload('frame.png', bytes.length);
  const before = (await readJson((await api(`/v4/accounts/${sandbox.accountId}/files/${file.id}?include=media_links.thumbnail`)))).data;
  assert.deepEqual(before.media_links.thumbnail, { url: null, download_url: null });
  await putPart(file.upload_urls[0]!.url, bytes, { 'x-amz-acl': 'private', 'content-type': 'image/png' });
  await waitForStatus(file.id, 'transcoded');
  const after = (await readJson((await api(`/v4/accounts/${sandbox.accountId}/files/${file.id}?include=media_links.thumbnail`)))).data;
  const thumbnail = await fetch(after.media_links.thumbnail.url);
  assert.equal(thumbnail.headers.get('content-type'), 'image/png');
  assert.equal(sha256(new Uint8Array(await thumbnail.arrayBuffer())), sha256(bytes));
});
