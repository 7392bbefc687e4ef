// The web agent's WebSocket: only the per-run key from the agent's own origin gets in, and every
// frame is checked before it reaches the service.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { WebSocket } from 'ws';
import { openBackend, type Backend } from '../../main/backend.ts';
import type { Service } from '../../main/core/service.ts';
import { startWebAgent, type WebAgent } from '../../main/web/server.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

const SECRET = 'a-test-secret-of-enough-length';
let sandbox: CheckedSandbox;
let service: Service;
let agent: WebAgent;
let rendererDir: string;
let stagingDir: string;
let backend: Backend;

before(async () => {
  sandbox = await startCheckedSandbox();
  rendererDir = mkdtempSync(join(tmpdir(), 'slate-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Slate</title>');
  stagingDir = mkdtempSync(join(tmpdir(), 'slate-staging-'));
  backend = await openBackend({ apiUrl: sandbox.url, token: sandbox.token, dataDir: join(stagingDir, 'data') }, 'web');
  service = backend.service;
  agent = await startWebAgent({ service, engine: backend.engine, rendererDir, stagingDir, secret: SECRET });
});
after(async () => {
  await agent.close();
  await backend.close();
  await sandbox.close();
  rmSync(rendererDir, { recursive: true, force: true });
  rmSync(stagingDir, { recursive: true, force: true });
});

function connect(key: string, origin = agent.origin): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${agent.origin.replace('http', 'ws')}/bridge?key=${key}`, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function invoke(ws: WebSocket, frame: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(JSON.stringify(frame));
  });
}

test('a wrong key is refused with 401 and a foreign origin with 403', async () => {
  await assert.rejects(connect('wrong'), /HTTP 401/);
  await assert.rejects(connect(''), /HTTP 401/);
  await assert.rejects(connect(SECRET, 'http://evil.example'), /HTTP 403/);
});

test('the right key from the agent\'s origin reaches the service', async () => {
  const ws = await connect(SECRET);
  const frame = (await invoke(ws, { type: 'invoke', id: 1, channel: 'user:me', input: {} })) as { reply: { ok: boolean; value: { name: string } } };
  assert.equal(frame.reply.ok, true);
  assert.equal(frame.reply.value.name, 'Rosa Alvarez');
  ws.close();
});

test('unknown channels and invalid inputs get a reply that says so', async () => {
  const ws = await connect(SECRET);
  const unknown = (await invoke(ws, { type: 'invoke', id: 2, channel: 'fs:read', input: {} })) as { reply: { ok: boolean; error: { code: string } } };
  assert.deepEqual([unknown.reply.ok, unknown.reply.error.code], [false, 'unknown-channel']);
  const invalid = (await invoke(ws, { type: 'invoke', id: 3, channel: 'user:me', input: { extra: 1 } })) as { reply: { ok: boolean; error: { code: string } } };
  assert.deepEqual([invalid.reply.ok, invalid.reply.error.code], [false, 'invalid-input']);
  ws.close();
});

test('a malformed frame closes the socket', async () => {
  const ws = await connect(SECRET);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.send('not json');
  assert.equal(await closed, 1003);
});

test('the agent serves the renderer with a strict CSP and never outside its folder', async () => {
  const page = await fetch(agent.origin + '/');
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
  await page.body?.cancel();
  const escape = await fetch(agent.origin + '/..%2f..%2fetc%2fpasswd');
  assert.equal(escape.status, 404);
  await escape.body?.cancel();
});

const BATCH = '0f2d5d1c-6a55-4d3e-9f55-2b8f0e1c7a10';
const stage = (path: string, body: string, headers: Record<string, string> = { 'x-slate-key': SECRET, origin: agent.origin }) =>
  fetch(`${agent.origin}/stage?batch=${BATCH}&path=${encodeURIComponent(path)}`, { method: 'POST', headers, body });

test('files dropped in a browser are staged with their folders and become chosen paths', async () => {
  const response = await stage('Day 1/A001/clip 01.mov', 'frames');
  assert.equal(response.status, 201);
  const { root } = (await response.json()) as { root: string };
  assert.equal(root, join(stagingDir, BATCH, 'Day 1'));
  assert.equal(readFileSync(join(root, 'A001', 'clip 01.mov'), 'utf8'), 'frames');
  const upload = (paths: string[]) => service.handlers['transfers:upload']({ accountId: sandbox.accountId, folderId: sandbox.rootFolderId, paths });
  const job = await upload([root]);
  assert.equal((await backend.engine.settled(job.id)).state, 'done');
  await assert.rejects(upload([join(stagingDir, 'elsewhere')]), /only uploads files you dropped or picked/);
});

test('staging refuses a wrong key, a foreign origin and paths that climb out', async () => {
  assert.equal((await stage('a.mov', 'x', { 'x-slate-key': 'wrong', origin: agent.origin })).status, 401);
  assert.equal((await stage('a.mov', 'x', { 'x-slate-key': SECRET, origin: 'http://evil.example' })).status, 403);
  for (const path of ['../a.mov', 'a/../../b.mov', '', 'a//b.mov']) {
    const response = await stage(path, 'x');
    assert.equal(response.status, 400, path);
    assert.match(((await response.json()) as { error: string }).error, /cannot be used/);
  }
});

test('the UI cannot upload a path nobody chose', async () => {
  const ws = await connect(SECRET);
  const input = { accountId: sandbox.accountId, folderId: '7e0a4c8b-0a8f-4c9e-a7b6-2a1d3f0e9c22', paths: ['/etc/passwd'] };
  const frame = (await invoke(ws, { type: 'invoke', id: 9, channel: 'transfers:upload', input })) as { reply: { ok: boolean; error: { message: string } } };
  assert.equal(frame.reply.ok, false);
  assert.match(frame.reply.error.message, /only uploads files you dropped or picked/);
  ws.close();
});
