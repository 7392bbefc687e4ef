// `slate serve --host` on every kind of address: a wildcard bind is used from a browser on
// another of the machine's addresses (not loopback), the printed address is one a browser can
// open, and a request without the key, or from a page served under another name, is refused.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { WebSocket } from 'ws';
import { openBackend, type Backend } from '../../main/backend.ts';
import { startWebAgent, type WebAgent } from '../../main/web/server.ts';
import { chromiumMissing, launchChromium } from '../support/browser.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

const SECRET = 'a-test-secret-of-enough-length';
// A page of the agent's that asks the service who is signed in, over the bridge, with the key it was opened with.
const PROBE = `
const key = new URLSearchParams(location.search).get('key');
const ws = new WebSocket('ws://' + location.host + '/bridge?key=' + key);
ws.onopen = () => ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'user:me', input: {} }));
ws.onmessage = (m) => { const f = JSON.parse(m.data); if (f.type === 'reply') document.title = f.reply.ok ? 'me:' + f.reply.value.name : 'refused'; };
ws.onerror = () => { document.title = 'socket-error'; };
`;

const external = (family: 'IPv4' | 'IPv6') =>
  Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .find((info) => !info.internal && info.family === family && !info.address.startsWith('fe80'))?.address;

let sandbox: CheckedSandbox;
let work: string;
let backend: Backend;
let browser: Browser | undefined;

before(async () => {
  sandbox = await startCheckedSandbox();
  work = mkdtempSync(join(tmpdir(), 'slate-hosts-'));
  mkdirSync(join(work, 'renderer'));
  writeFileSync(join(work, 'renderer', 'index.html'), '<!doctype html><html lang="en"><title>loading</title><script src="/probe.js"></script></html>');
  writeFileSync(join(work, 'renderer', 'probe.js'), PROBE);
  backend = await openBackend({ apiUrl: sandbox.url, token: sandbox.token, dataDir: join(work, 'data') }, 'web');
  if (!chromiumMissing()) browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await backend.close();
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
});

async function withAgent(host: string, use: (agent: WebAgent, port: number) => Promise<void>): Promise<void> {
  const agent = await startWebAgent({ service: backend.service, engine: backend.engine, rendererDir: join(work, 'renderer'), stagingDir: join(work, 'staging'), host, secret: SECRET });
  try {
    await use(agent, Number(new URL(agent.url).port));
  } finally {
    await agent.close();
  }
}

/** What the probe page, opened at `address` with the key, reports. */
async function openFromBrowser(address: string): Promise<string> {
  const page = await browser!.newPage();
  try {
    await page.goto(`${address}/?key=${SECRET}`);
    // Polled from here: the page's CSP (no eval) refuses a predicate evaluated inside it.
    for (let title = await page.title(); ; title = await page.title()) {
      if (title !== 'loading') return title;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await page.close();
  }
}

/** A raw upgrade request, so Origin and Host can be whatever an attacker's page would send. */
function upgrade(address: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${address}${path}`, { headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers } });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

for (const host of ['0.0.0.0', '::']) {
  test(`--host ${host}: a browser on another address of the machine gets in with the key, and nothing gets in without it`, async (t) => {
    const v4 = external('IPv4');
    if (!v4) return t.skip('this machine has no address but loopback');
    if (!browser) return t.skip(String(chromiumMissing()));
    await withAgent(host, async (agent, port) => {
      const printed = new URL(agent.url);
      assert.notEqual(printed.hostname, host, 'the printed address is one a browser can open');
      assert.ok(agent.origins.includes(`http://${v4}:${port}`));

      assert.equal(await openFromBrowser(`http://${v4}:${port}`), 'me:Rosa Alvarez');
      const v6 = external('IPv6');
      if (host === '::' && v6) assert.equal(await openFromBrowser(`http://[${v6}]:${port}`), 'me:Rosa Alvarez');

      const address = `http://${v4}:${port}`;
      assert.equal(await upgrade(address, '/bridge', { origin: address }), 401, 'no key');
      assert.equal(await upgrade(address, `/bridge?key=wrong`, { origin: address }), 401, 'a wrong key');
      assert.equal(await upgrade(address, `/bridge?key=${SECRET}`, { origin: address }), 101, 'the key from the address used');
      // A page served under another name that resolves here (DNS rebinding) names itself in both headers.
      assert.equal(await upgrade(address, `/bridge?key=${SECRET}`, { origin: `http://evil.example:${port}`, host: `evil.example:${port}` }), 403);
      assert.equal(await upgrade(address, `/bridge?key=${SECRET}`, { origin: `http://127.0.0.2:${port}` }), 403, 'an origin other than the address used');
      const stage = await fetch(`${address}/stage?batch=3c9a7e52-1f0b-4a8e-9d61-7b2e4c0a5f13&path=a.mov`, { method: 'POST', headers: { origin: address }, body: 'x' });
      assert.equal(stage.status, 401, 'staging without the key');
    });
  });
}

test('--host ::ffff:127.0.0.1 prints an address that parses, and a keyless upgrade is refused, not a crash', async () => {
  await withAgent('::ffff:127.0.0.1', async (agent) => {
    const printed = new URL(agent.url);
    assert.equal(printed.hostname, '[::ffff:7f00:1]');
    assert.equal(await upgrade(printed.origin, '/bridge', { origin: printed.origin }), 401);
    assert.equal(await upgrade(printed.origin, '/elsewhere', {}), 403);
    const ws = new WebSocket(`ws://${printed.host}/bridge?key=${SECRET}`, { origin: printed.origin });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.close();
  });
});
