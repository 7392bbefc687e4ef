// Ordinary V2 upload as Frame.io's V2 guide describes it (create a file asset with filesize and
// filetype, PUT equal parts to its upload_urls with x-amz-acl and Content-Type), then versions and
// comments on what was uploaded.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { readJson, type Body } from '../support/http.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ partSize: 256 * 1024, transcodeDelayMs: 50, rateLimitScale: 10 });
});
after(() => sandbox.close());

const v2 = (path: string, init: RequestInit = {}) =>
  fetch(`${sandbox.url}/v2${path}`, { ...init, headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json', ...init.headers } });

async function post(path: string, body: unknown, status = 200): Promise<Body> {
  const response = await v2(path, { method: 'POST', body: JSON.stringify(body) });
  assert.equal(response.status, status, `${path}: ${await response.clone().text()}`);
  return readJson(response);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Cuts the bytes the way V2 clients do: ceil(size / count) each, the last what is left. */
function chunks(bytes: Buffer, count: number): Buffer[] {
  const size = Math.ceil(bytes.length / count);
  return Array.from({ length: count }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
}

async function upload(name: string, bytes: Buffer, filetype = 'video/quicktime', parent = sandbox.rootFolderId): Promise<Body> {
  const asset = await post(`/assets/${parent}/children`, { type: 'file', name, filesize: bytes.length, filetype });
  const parts = chunks(bytes, asset.upload_urls.length);
  await Promise.all(
    parts.map(async (part, i) => {
      const put = await fetch(asset.upload_urls[i], { method: 'PUT', body: part, headers: { 'x-amz-acl': 'private', 'content-type': filetype } });
      assert.equal(put.status, 200, await put.text());
    }),
  );
  return asset;
}

test('an ordinary upload goes up in equal parts, the last smaller, and its original is every byte', async () => {
  const bytes = randomBytes(1024 * 1024 + 4321);
  const asset = await post(`/assets/${sandbox.rootFolderId}/children`, { type: 'file', name: 'A001_C003.mov', filesize: bytes.length, filetype: 'video/quicktime' });
  assert.equal(asset.type, 'file');
  assert.equal(asset.filesize, bytes.length);
  assert.equal(asset.filetype, 'video/quicktime');
  assert.equal(asset.original, null, 'nothing to download before the parts arrive');
  assert.equal(asset.upload_urls.length, 5);
  assert.ok(asset.upload_urls.every((url: string) => url.startsWith(`${sandbox.url}/objects/`)));

  const parts = chunks(bytes, asset.upload_urls.length);
  assert.deepEqual(parts.map((p) => p.length), [210580, 210580, 210580, 210580, 210577], 'ceil(size / count) each, the last what is left');

  // S3 signs the headers: without x-amz-acl, or with another Content-Type than the filetype, a PUT is refused.
  assert.equal((await fetch(asset.upload_urls[0], { method: 'PUT', body: parts[0], headers: { 'content-type': 'video/quicktime' } })).status, 403);
  assert.equal((await fetch(asset.upload_urls[0], { method: 'PUT', body: parts[0], headers: { 'x-amz-acl': 'private', 'content-type': 'video/mp4' } })).status, 403);

  for (const [i, part] of parts.entries()) {
    const put = await fetch(asset.upload_urls[i], { method: 'PUT', body: part, headers: { 'x-amz-acl': 'private', 'content-type': 'video/quicktime' } });
    assert.equal(put.status, 200);
  }
  const shown = await readJson(await v2(`/assets/${asset.id}`));
  assert.ok(shown.upload_completed_at, 'complete once every part is in');
  const original = Buffer.from(await (await fetch(shown.original)).arrayBuffer());
  assert.equal(sha256(original), sha256(bytes));
});

test('a file asset needs its name and filesize, and goes only into a folder', async () => {
  const missingSize = await v2(`/assets/${sandbox.rootFolderId}/children`, { method: 'POST', body: JSON.stringify({ type: 'file', name: 'a.mov' }) });
  assert.equal(missingSize.status, 400);
  assert.match((await readJson(missingSize)).errors[0].detail, /filesize is required/);
  const missingName = await v2(`/assets/${sandbox.rootFolderId}/children`, { method: 'POST', body: JSON.stringify({ type: 'file', filesize: 10 }) });
  assert.equal(missingName.status, 400);
  const file = await upload('small.txt', Buffer.from('hello'), 'text/plain');
  const intoFile = await v2(`/assets/${file.id}/children`, { method: 'POST', body: JSON.stringify({ type: 'folder', name: 'x' }) });
  assert.equal(intoFile.status, 400);
  assert.match((await readJson(intoFile)).errors[0].detail, /inside a folder/);
});

test('folders are created and listed as children', async () => {
  const folder = await post(`/assets/${sandbox.rootFolderId}/children`, { type: 'folder', name: 'Renders' });
  assert.equal(folder.type, 'folder');
  const children: Body[] = await readJson(await v2(`/assets/${sandbox.rootFolderId}/children`));
  assert.ok(children.some((c) => c.id === folder.id && c.name === 'Renders'));
});

test('versioning a file makes a stack of both, and versioning the stack adds the newest', async () => {
  const folder = await post(`/assets/${sandbox.rootFolderId}/children`, { type: 'folder', name: 'Cuts' });
  const v1 = await upload('Cut_v1.mov', randomBytes(1000), 'video/quicktime', folder.id);
  const v2file = await upload('Cut_v2.mov', randomBytes(2000), 'video/quicktime', folder.id);
  const stack = await post(`/assets/${v1.id}/version`, { next_asset_id: v2file.id });
  assert.equal(stack.type, 'version_stack');
  assert.equal(stack.name, 'Cut_v2.mov');
  assert.equal(stack.item_count, 2);

  const v3 = await upload('Cut_v3.mov', randomBytes(3000), 'video/quicktime', folder.id);
  const grown = await post(`/assets/${stack.id}/version`, { next_asset_id: v3.id });
  assert.equal(grown.id, stack.id);
  const versions: Body[] = await readJson(await v2(`/assets/${stack.id}/children`));
  assert.deepEqual(versions.map((v) => [v.name, v.index]), [['Cut_v3.mov', 3], ['Cut_v2.mov', 2], ['Cut_v1.mov', 1]]);
  const inFolder: Body[] = await readJson(await v2(`/assets/${folder.id}/children`));
  assert.deepEqual(inFolder.map((a) => a.type), ['version_stack'], 'the folder now holds the stack alone');

  // V4 sees the same stack.
  const v4 = await fetch(`${sandbox.url}/v4/accounts/${sandbox.accountId}/version_stacks/${stack.id}`, { headers: { authorization: `Bearer ${sandbox.token}` } });
  assert.equal((await readJson(v4)).data.head_version.id, v3.id);

  const folderAsVersion = await v2(`/assets/${folder.id}/version`, { method: 'POST', body: JSON.stringify({ next_asset_id: v1.id }) });
  assert.equal(folderAsVersion.status, 400);
  const missing = await v2(`/assets/${v1.id}/version`, { method: 'POST', body: JSON.stringify({}) });
  assert.equal(missing.status, 400);
  assert.match((await readJson(missing)).errors[0].detail, /next_asset_id is required/);
});

test('comments are written and read under the asset, and V4 reads the same ones', async () => {
  const file = await upload('Interview.mov', randomBytes(5000));
  const made = await post(`/assets/${file.id}/comments`, { text: 'Cut here', timestamp: 48 });
  assert.equal(made.text, 'Cut here');
  assert.equal(made.timestamp, 48);
  assert.equal(made.asset_id, file.id);
  const listed: Body[] = await readJson(await v2(`/assets/${file.id}/comments`));
  assert.deepEqual(listed.map((c) => c.text), ['Cut here']);

  const v4 = await fetch(`${sandbox.url}/v4/accounts/${sandbox.accountId}/files/${file.id}/comments`, { headers: { authorization: `Bearer ${sandbox.token}` } });
  assert.deepEqual((await readJson(v4)).data.map((c: Body) => c.text), ['Cut here']);

  const empty = await v2(`/assets/${file.id}/comments`, { method: 'POST', body: JSON.stringify({ text: ' ' }) });
  assert.equal(empty.status, 400);
  const onFolder = await v2(`/assets/${sandbox.rootFolderId}/comments`);
  assert.equal(onFolder.status, 404);
});
