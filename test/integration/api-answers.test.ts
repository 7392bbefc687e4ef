// When Frame.io's address does not answer like Frame.io: a proxy or captive portal's web page, a
// stranger server's JSON, or no answer at all. Each reaches the person as what happened and what
// to do, in the client, through the contract and in the CLI, never as a parser's or socket's words.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DEFAULT_CALL_TIMEOUT_MS, FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { ApiError } from '../../main/core/api/errors.ts';
import { toFailure } from '../../main/core/dispatch.ts';
import { NODE, ROOT } from '../support/processes.ts';
import { startCheckedSandbox } from '../support/sandbox.ts';

const PORTAL_PAGE = '<html><body><h1>Welcome to Harbor Hotel Wi-Fi</h1><a href="/login">Accept the terms</a></body></html>';

let dataDir: string;
before(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'slate-answers-'));
});
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** A server on 127.0.0.1 standing where Frame.io should be; closed when the test ends. */
async function stranger(t: { after: (fn: () => unknown) => void }, listener: RequestListener): Promise<string> {
  const server: Server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const captivePortal: RequestListener = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(PORTAL_PAGE);
};

function slate(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(NODE, ['bin/slate.js', ...args], { cwd: ROOT, env: { ...process.env, SLATE_DATA_DIR: dataDir, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

function assertNoRawText(text: string): void {
  assert.doesNotMatch(text, /Unexpected token|is not valid JSON|not async iterable|intermediate value|TypeError|SyntaxError|Something went wrong inside Slate/);
}

test('a web page where Frame.io should answer (a captive portal) says so and what to do', async (t) => {
  const client = new FrameioClient({ baseUrl: await stranger(t, captivePortal), tokens: staticToken('t') });
  const error = await client.me().then(
    () => assert.fail('a web page was taken for an answer'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ApiError);
  assert.equal(error.kind, 'unexpected-answer');
  assert.match(error.message, /answered with a web page.*captive portal/);
  assert.match(error.action, /sign in.*--api-url or SLATE_API_URL/);
  assertNoRawText(error.message);
  assert.deepEqual(toFailure(error), { code: 'api:unexpected-answer', message: error.message, action: error.action });
});

test('text that is not JSON is named as such', async (t) => {
  const url = await stranger(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('OK');
  });
  const client = new FrameioClient({ baseUrl: url, tokens: staticToken('t') });
  await assert.rejects(client.me(), (error: unknown) => error instanceof ApiError && error.kind === 'unexpected-answer' && /not JSON \(text\/plain\)/.test(error.message));
});

test('JSON of another shape fails a list and a single read with words, not a TypeError', async (t) => {
  const url = await stranger(t, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    // A list whose data is an object, and a user that is not in a {data} envelope.
    res.end(req.url?.startsWith('/v4/accounts') ? JSON.stringify({ data: { id: 'a' }, links: {} }) : JSON.stringify({ id: 'u', name: 'Someone' }));
  });
  const client = new FrameioClient({ baseUrl: url, tokens: staticToken('t') });
  await assert.rejects(client.accounts(), (error: unknown) => {
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.kind, 'unexpected-answer');
    assert.match(error.message, /not a list in the form Frame\.io sends/);
    assertNoRawText(error.message);
    return true;
  });
  await assert.rejects(client.me(), (error: unknown) => error instanceof ApiError && error.kind === 'unexpected-answer' && /not in the form Frame\.io sends/.test(error.message));
});

test('slate ls behind a captive portal exits non-zero with what happened and what to do', async (t) => {
  const url = await stranger(t, captivePortal);
  const human = await slate(['ls', 'folder-1'], { SLATE_API_URL: url, SLATE_TOKEN: 't', SLATE_ACCOUNT_ID: 'account-1' });
  assert.equal(human.status, 1, human.stderr);
  assert.match(human.stderr, /^slate: Frame\.io’s address did not answer like Frame\.io: it answered with a web page/m);
  assert.match(human.stderr, /^ {7}Something between Slate and Frame\.io answered instead/m);
  assertNoRawText(human.stderr);

  const json = await slate(['ls', 'folder-1', '--json'], { SLATE_API_URL: url, SLATE_TOKEN: 't', SLATE_ACCOUNT_ID: 'account-1' });
  assert.equal(json.status, 1);
  const body = JSON.parse(json.stdout) as { ok: boolean; error: { code: string; message: string; action: string } };
  assert.equal(body.ok, false);
  assert.equal(body.error.code, 'api:unexpected-answer');
  assert.match(body.error.action, /--api-url or SLATE_API_URL/);
});

test(
  'a hung Frame.io fails a browse within the client’s timeout, with words (CLI, default timeout)',
  // Far above the client's own limit: the test fails only if the hang is not cut short.
  { timeout: DEFAULT_CALL_TIMEOUT_MS * 4 },
  async () => {
    assert.ok(DEFAULT_CALL_TIMEOUT_MS < 60_000, 'a hang is seen within a minute');
    const sandbox = await startCheckedSandbox({ faults: 'api:stall@every1' });
    try {
      const result = await slate(['ls', sandbox.rootFolderId], { SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: sandbox.accountId });
      assert.equal(result.status, 1, result.stderr);
      const seconds = DEFAULT_CALL_TIMEOUT_MS / 1000;
      assert.match(result.stderr, new RegExp(`^slate: Could not reach Frame\\.io: no answer from ${sandbox.url.replace(/\./g, '\\.')} in ${seconds} seconds$`, 'm'));
      assert.match(result.stderr, /Check the network connection, then try again/);
      assertNoRawText(result.stderr);
    } finally {
      await sandbox.close();
    }
  },
);

test('a hung POST is not repeated (it may have been acted on) and says it got no answer', { timeout: 60_000 }, async () => {
  const sandbox = await startCheckedSandbox({ faults: 'api:stall@every1' });
  try {
    const client = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token), timeoutMs: 2_000 });
    await assert.rejects(
      client.call('folders.create', { params: { account_id: sandbox.accountId, folder_id: sandbox.rootFolderId }, body: { data: { name: 'Dailies' } } }),
      (error: unknown) => error instanceof ApiError && error.kind === 'network' && /no answer from .* in 2 seconds/.test(error.message),
    );
    assert.equal(sandbox.exchanges.filter((e) => e.method === 'POST').length, 0, 'the stalled request was never answered');
    assert.equal(client.stats.requests, 1, 'sent once');
  } finally {
    await sandbox.close();
  }
});

test('a hung GET is tried again only while the call’s time lasts', { timeout: 60_000 }, async () => {
  const sandbox = await startCheckedSandbox({ faults: 'api:stall@every1' });
  try {
    const client = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token), timeoutMs: 3_000 });
    await assert.rejects(client.me(), (error: unknown) => error instanceof ApiError && error.kind === 'network' && /in 3 seconds/.test(error.message));
    // The first attempt spends the whole time: there is none left to try again in.
    assert.equal(client.stats.requests, 1);
  } finally {
    await sandbox.close();
  }
});
