// The web agent under what broke it before: frames over the limit, the contract's largest request,
// bad %-escapes in a page's address, and dropped names the disk cannot hold or that arrive in two
// Unicode spellings. After each, the agent still answers.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { WebSocket } from 'ws';
import { openBackend, type Backend } from '../../main/backend.ts';
import { MAX_FRAME_BYTES, startWebAgent, type WebAgent } from '../../main/web/server.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

const SECRET = 'a-test-secret-of-enough-length';
const BATCH = '3c9a7e52-1f0b-4a8e-9d61-7b2e4c0a5f13';
let sandbox: CheckedSandbox;
let work: string;
let backend: Backend;
let agent: WebAgent;

before(async () => {
  sandbox = await startCheckedSandbox();
  work = mkdtempSync(join(tmpdir(), 'slate-limits-'));
  mkdirSync(join(work, 'renderer'));
  writeFileSync(join(work, 'renderer', 'index.html'), '<!doctype html><title>Slate</title>');
  backend = await openBackend({ apiUrl: sandbox.url, token: sandbox.token, dataDir: join(work, 'data') }, 'web');
  agent = await startWebAgent({ service: backend.service, engine: backend.engine, rendererDir: join(work, 'renderer'), stagingDir: join(work, 'staging'), secret: SECRET });
});
after(async () => {
  await agent.close();
  await backend.close();
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
});

function connect(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${agent.origin.replace('http', 'ws')}/bridge?key=${SECRET}`, { origin: agent.origin, maxPayload: 0 });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

interface Reply {
  type: string;
  id: number;
  reply: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

function invoke(ws: WebSocket, frame: { id: number; channel: string; input: unknown } | string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // Events (a new job's) may come first.
    const onMessage = (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as Reply;
      if (frame.type !== 'reply') return;
      ws.off('message', onMessage);
      resolve(frame);
    };
    ws.on('message', onMessage);
    ws.once('close', (code) => reject(new Error(`closed with ${code}`)));
    ws.send(typeof frame === 'string' ? frame : JSON.stringify({ type: 'invoke', ...frame }));
  });
}

const me = (id: number) => ({ id, channel: 'user:me', input: {} });

/** The first transfers:job event on `ws` that `wanted` accepts, from now on. */
function jobEvent(ws: WebSocket, wanted: (job: { id: string; filesTotal: number }) => boolean): Promise<{ id: string; filesTotal: number }> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const frame = JSON.parse(data.toString()) as { type: string; event?: string; payload?: { id: string; filesTotal: number } };
      if (frame.type !== 'event' || frame.event !== 'transfers:job' || !wanted(frame.payload!)) return;
      ws.off('message', onMessage);
      resolve(frame.payload!);
    };
    ws.on('message', onMessage);
  });
}

test('a frame over the limit closes that socket only; the agent answers the next one', async () => {
  const ws = await connect();
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.send('x'.repeat(MAX_FRAME_BYTES + 1));
  assert.equal(await closed, 1009);
  const next = await connect();
  assert.equal((await invoke(next, me(1))).reply.ok, true);
  next.close();
});

test('a 2 MiB frame is read, answered, and the same socket answers the next request', async () => {
  const ws = await connect();
  const big = { id: 2, channel: 'user:me', input: { padding: 'p'.repeat(2 * 1024 * 1024) } };
  const answer = await invoke(ws, big);
  assert.equal(answer.reply.error?.code, 'invalid-input');
  assert.equal((await invoke(ws, me(3))).reply.ok, true);
  ws.close();
});

test('an upload of 10,000 paths, the contract\'s most, goes through the bridge', async () => {
  const dropped = join(work, 'dropped');
  mkdirSync(dropped);
  const paths = Array.from({ length: 10_000 }, (_, i) => join(dropped, `${String(i).padStart(5, '0')} ${'a long render name, as farms write them '.repeat(2)}.exr`));
  for (const path of paths) writeFileSync(path, '');
  backend.service.choosePaths([dropped]);
  // Held, so the test is about the request and not about uploading ten thousand files.
  backend.engine.pauseAll();
  const frame = JSON.stringify({ type: 'invoke', id: 4, channel: 'transfers:upload', input: { accountId: sandbox.accountId, folderId: sandbox.rootFolderId, paths } });
  assert.ok(Buffer.byteLength(frame) > 1024 * 1024, 'bigger than the old 1 MiB limit');
  const ws = await connect();
  // The reply comes before the drop is walked into the journal (the first files would already be
  // uploading); a job held by pauseAll tells its full count once the walk has ended.
  const walked = jobEvent(ws, (job) => job.filesTotal === 10_000);
  const answer = await invoke(ws, frame);
  assert.equal(answer.reply.ok, true, JSON.stringify(answer.reply.error));
  const job = answer.reply.value as { id: string };
  assert.equal((await walked).id, job.id);
  assert.equal(backend.engine.files(job.id).filter((file) => file.state === 'paused').length, 10_000, 'every path is a file waiting to upload, none skipped');
  await backend.engine.cancel(job.id);
  backend.engine.resumeAll();
  ws.close();
});

test('a bad %-escape in a page address is a 400 with words, and the agent goes on serving', async () => {
  const bad = await fetch(`${agent.origin}/%E0%A4%A`);
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /not a valid path/);
  assert.equal((await fetch(`${agent.origin}/`)).status, 200);
});

const stage = (path: string, body: string) =>
  fetch(`${agent.origin}/stage?batch=${BATCH}&path=${encodeURIComponent(path)}`, { method: 'POST', headers: { 'x-slate-key': SECRET, origin: agent.origin }, body });

test('a name longer than the disk allows in bytes is refused as too long, not as a failure to retry', async () => {
  const name = `${'é'.repeat(200)}.mov`;
  const response = await stage(name, 'x');
  assert.equal(response.status, 400);
  assert.match(((await response.json()) as { error: string }).error, /404 bytes long.*limited to 255; shorten it/);
});

test('one name in NFC and NFD is staged once, in NFC, privately', async () => {
  const nfc = 'Café/Scène 1.mov'.normalize('NFC');
  assert.equal((await stage(nfc, 'first')).status, 201);
  const again = await stage(nfc.normalize('NFD'), 'second');
  assert.equal(again.status, 409);
  assert.match(((await again.json()) as { error: string }).error, /already dropped/);
  const batch = join(work, 'staging', BATCH);
  assert.deepEqual(readdirSync(batch), ['Café'.normalize('NFC')]);
  assert.deepEqual(readdirSync(join(batch, 'Café'.normalize('NFC'))), ['Scène 1.mov'.normalize('NFC')]);
  assert.equal(statSync(batch).mode & 0o777, 0o700);
  assert.equal(statSync(join(batch, 'Café'.normalize('NFC'), 'Scène 1.mov'.normalize('NFC'))).mode & 0o777, 0o600);
});
