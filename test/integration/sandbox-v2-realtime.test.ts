// Real-time upload (V2) against the sandbox: the asset is created without a size, parts are
// registered in order as the file grows, and the final part carries the whole size. Each rule of
// the part registration gets its own error; a file uploaded while it is written ends byte-identical.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readJson, type Body } from '../support/http.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

const MiB = 1024 * 1024;
let sandbox: CheckedSandbox;
before(async () => {
  sandbox = await startCheckedSandbox({ transcodeDelayMs: 50, rateLimitScale: 10 });
});
after(() => sandbox.close());

const v2 = (path: string, body?: unknown, target = sandbox) =>
  fetch(`${target.url}/v2${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function createRealtime(body: Record<string, unknown> = { name: 'Render.mp4' }, target = sandbox): Promise<Body> {
  const response = await v2(`/assets/${target.rootFolderId}/children`, { type: 'file', filetype: 'video/mp4', is_realtime_upload: true, ...body }, target);
  assert.equal(response.status, 200, await response.clone().text());
  return readJson(response);
}

async function register(assetId: string, body: unknown, target = sandbox): Promise<Body> {
  const response = await v2(`/assets/${assetId}/realtime_upload/parts`, body, target);
  assert.equal(response.status, 200, await response.clone().text());
  return readJson(response);
}

async function refused(assetId: string, body: unknown, detail: RegExp): Promise<void> {
  const response = await v2(`/assets/${assetId}/realtime_upload/parts`, body);
  assert.equal(response.status, 400);
  const error = await readJson(response);
  assert.equal(error.code, 400);
  assert.match(error.errors[0].detail, detail);
}

const put = (url: string, bytes: Uint8Array) => fetch(url, { method: 'PUT', body: bytes, headers: { 'x-amz-acl': 'private', 'content-type': 'video/mp4' } });
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function original(assetId: string, target = sandbox): Promise<Buffer> {
  const asset = await readJson(await v2(`/assets/${assetId}`, undefined, target));
  assert.ok(asset.original, `asset ${assetId} has no original yet (upload_completed_at ${asset.upload_completed_at})`);
  return Buffer.from(await (await fetch(asset.original)).arrayBuffer());
}

test('a real-time asset is created without a size and answered with only its id and name', async () => {
  const asset = await createRealtime();
  assert.deepEqual(Object.keys(asset).sort(), ['id', 'name']);
  assert.equal(asset.name, 'Render.mp4');

  const byExtension = await createRealtime({ name: undefined, extension: '.mov' });
  assert.equal(byExtension.name, '[new file].mov');
  const named = await register(byExtension.id, { parts: [{ number: 1, size: 3, is_final: true }], asset_filesize: 3, asset_name: 'Take_04.mov' });
  assert.equal(named.upload_urls.length, 1);
  assert.equal((await readJson(await v2(`/assets/${byExtension.id}`))).name, 'Take_04.mov', 'asset_name replaces the default name');

  for (const [body, detail] of [
    [{ filetype: undefined }, /filetype is required/],
    [{ name: 'Render' }, /valid extension/],
    [{ name: 'Render.mp4', extension: '.mov' }, /must match/],
    [{ filesize: 10 }, /filesize must be omitted/],
    [{ type: 'folder' }, /type must be file/],
  ] as const) {
    const valid: Record<string, unknown> = { type: 'file', name: 'Render.mp4', filetype: 'video/mp4', is_realtime_upload: true };
    const response = await v2(`/assets/${sandbox.rootFolderId}/children`, { ...valid, ...body });
    assert.equal(response.status, 400, JSON.stringify(body));
    assert.match((await readJson(response)).errors[0].detail, detail);
  }
});

test('each part rule has its error: order, short non-final parts, one final part, the whole size', async () => {
  const asset = await createRealtime();
  await refused(asset.id, { parts: [{ number: 2, size: 5 * MiB, is_final: false }] }, /Part 2 is out of order: the next part of this upload is 1/);
  await refused(asset.id, { parts: [{ number: 1, size: MiB, is_final: false }] }, /at least 5242880 bytes/);
  await refused(asset.id, { parts: [{ number: 1, size: 5 * MiB, is_final: true }] }, /asset_filesize is required/);
  await refused(asset.id, { parts: [{ number: 1, size: 5 * MiB, is_final: true }], asset_filesize: 5 * MiB + 1 }, /asset_filesize is 5242881 bytes but the registered parts add up to 5242880/);
  await refused(asset.id, { parts: [{ number: 1, size: 5 * MiB, is_final: true }, { number: 2, size: 10, is_final: false }] }, /marked final but is not the last/);
  await refused(asset.id, { parts: [] }, /non-empty list/);

  // None of those refusals registered anything: part 1 is still the next one.
  const first = await register(asset.id, { parts: [{ number: 1, size: 5 * MiB, is_final: false }] });
  assert.equal(first.upload_urls.length, 1);
  await refused(asset.id, { parts: [{ number: 3, size: 5 * MiB, is_final: false }] }, /Part 3 is out of order: the next part of this upload is 2/);
  await refused(asset.id, { parts: [{ number: 1, size: 6 * MiB, is_final: false }] }, /already registered with 5242880 bytes/);
  const again = await register(asset.id, { parts: [{ number: 1, size: 5 * MiB, is_final: false }] });
  assert.equal(again.upload_urls.length, 1, 'a registered part may be asked for again, for a new URL');

  await register(asset.id, { parts: [{ number: 2, size: 100, is_final: true }], asset_filesize: 5 * MiB + 100 });
  await refused(asset.id, { parts: [{ number: 3, size: 100, is_final: true }], asset_filesize: 5 * MiB + 200 }, /already has its final part/);

  const ordinary = await readJson(await v2(`/assets/${sandbox.rootFolderId}/children`, { type: 'file', name: 'plain.mp4', filesize: 10, filetype: 'video/mp4' }));
  await refused(ordinary.id, { parts: [{ number: 1, size: 10, is_final: true }], asset_filesize: 10 }, /was not created with is_realtime_upload/);
});

test('a part PUT must be registered and exactly its registered size', async () => {
  const asset = await createRealtime();
  const { upload_urls: [url] } = await register(asset.id, { parts: [{ number: 1, size: 5 * MiB, is_final: false }] });
  const short = await put(url, randomBytes(MiB));
  assert.equal(short.status, 400);
  assert.match(await short.text(), /IncompleteBody/);
  const forged = await put(url.replace('partNumber=1', 'partNumber=2'), randomBytes(10));
  assert.equal(forged.status, 403, 'the URL is signed with its part number');
  assert.equal((await readJson(await v2(`/assets/${asset.id}`))).original, null, 'nothing is complete before the final part');
});

test('a file uploaded while it is written completes byte-identical to what was written', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'slate-realtime-'));
  const path = join(dir, 'render.mp4');
  try {
    await appendFile(path, Buffer.alloc(0));
    // The render: 23 writes of 512 KiB plus a tail. Half way it waits until the uploader has sent
    // a part, so some of the file certainly goes up before the rest of it exists.
    let writing = true;
    let partSent!: () => void;
    const firstPart = new Promise<void>((resolve) => (partSent = resolve));
    const writer = (async () => {
      for (let i = 0; i < 23; i++) {
        if (i === 12) await firstPart;
        await appendFile(path, randomBytes(512 * 1024));
      }
      await appendFile(path, randomBytes(12_345));
      writing = false;
    })();

    const asset = await createRealtime();
    const handle = await open(path, 'r');
    let sent = 0;
    let number = 0;
    let sentWhileWriting = 0;
    const sendPart = async (size: number, final: boolean) => {
      const bytes = Buffer.alloc(size);
      await handle.read(bytes, 0, size, sent);
      number += 1;
      const body = final ? { parts: [{ number, size, is_final: true }], asset_filesize: sent + size } : { parts: [{ number, size, is_final: false }] };
      const { upload_urls: [url] } = await register(asset.id, body);
      assert.equal((await put(url, bytes)).status, 200);
      sent += size;
      if (writing) sentWhileWriting += 1;
      partSent();
    };
    // A part goes up as soon as a part's worth of new bytes exists, with at least a byte kept back
    // for the final part, which goes up once the writer is done.
    const unsent = async () => (await stat(path)).size - sent;
    while (writing) {
      if ((await unsent()) > 5 * MiB) await sendPart(5 * MiB, false);
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await writer;
    while ((await unsent()) > 5 * MiB) await sendPart(5 * MiB, false);
    await sendPart((await stat(path)).size - sent, true);
    await handle.close();

    assert.equal(number, 3, 'two 5 MiB parts and the final one');
    assert.ok(sentWhileWriting >= 1, 'a part went up while the file was still growing');
    const written = await readFileWhole(path);
    assert.equal(sha256(await original(asset.id)), sha256(written));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

async function readFileWhole(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

test('real-time calls and part PUTs take the same --faults, and a retried part still completes the file', async () => {
  // Every 5th API call is throttled and every 2nd part PUT fails, counted from the start.
  const faulty = await startCheckedSandbox({ faults: 'part:5xx@every2,api:429@every5,seed=5' });
  try {
    const asset = await createRealtime({ name: 'Take.mp4' }, faulty);
    const { upload_urls: [url] } = await register(asset.id, { parts: [{ number: 1, size: 10, is_final: true }], asset_filesize: 10 }, faulty);
    assert.equal((await v2('/me', undefined, faulty)).status, 200);
    assert.equal((await v2('/me', undefined, faulty)).status, 200);
    const limited = await v2('/me', undefined, faulty);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '1');
    assert.equal((await readJson(limited)).code, 429);
    const bytes = randomBytes(10);
    assert.equal((await put(url, bytes)).status, 200);
    assert.equal(sha256(await original(asset.id, faulty)), sha256(bytes));

    const second = await createRealtime({ name: 'Take2.mp4' }, faulty);
    const { upload_urls: [url2] } = await register(second.id, { parts: [{ number: 1, size: 10, is_final: true }], asset_filesize: 10 }, faulty);
    const slowDown = await put(url2, bytes);
    assert.equal(slowDown.status, 503);
    assert.match(await slowDown.text(), /ServiceUnavailable/);
    assert.equal((await put(url2, bytes)).status, 200);
    assert.equal(sha256(await original(second.id, faulty)), sha256(bytes));
  } finally {
    await faulty.close();
  }
});
