// The web agent's WebSocket: only the per-run key from the agent's own origin gets in, and every
// frame is checked before it reaches the service.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { WebSocket } from 'ws';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { createService, type Service } from '../../main/core/service.ts';
import { startWebAgent, type WebAgent } from '../../main/web/server.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

const SECRET = 'a-test-secret-of-enough-length';
let sandbox: CheckedSandbox;
let service: Service;
let agent: WebAgent;
let rendererDir: string;

before(async () => {
  sandbox = await startCheckedSandbox();
  rendererDir = mkdtempSync(join(tmpdir(), 'slate-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Slate</title>');
  const api = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) });
  service = createService({ api, backend: { kind: 'sandbox', url: sandbox.url }, shell: 'web', version: 'test' });
  agent = await startWebAgent({ service, rendererDir, secret: SECRET });
});
after(async () => {
  await agent.close();
  await sandbox.close();
  rmSync(rendererDir, { recursive: true, force: true });
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

test('a wrong key or a foreign origin is refused with 403', async () => {
  await assert.rejects(connect('wrong'), /HTTP 403/);
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
