// How `slate login` fails, and the token forms: a redirect with the wrong state, a sign-in server
// that cannot be reached, a legacy developer token kept with --legacy (and the header it sends).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FrameioClient } from '../../main/core/api/client.ts';
import { FileVaultStore, vaultPath } from '../../main/core/api/auth/file-store.ts';
import { ProfileTokens } from '../../main/core/api/auth/tokens.ts';
import { ProfileBook } from '../../main/core/api/auth/vault.ts';
import { NODE, ROOT, run } from '../support/processes.ts';
import { startCheckedSandbox, type CheckedSandbox } from '../support/sandbox.ts';

let sandbox: CheckedSandbox;
const dirs: string[] = [];
before(async () => {
  sandbox = await startCheckedSandbox({ seed: 'demo' });
});
after(async () => {
  await sandbox.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'slate-login-'));
  dirs.push(dir);
  return dir;
}

/** Starts `slate login --no-browser`, then plays the browser's return to the loopback address with `query(state)`. */
async function loginReturning(imsUrl: string, query: (state: string) => string) {
  const login = run(NODE, ['bin/slate.js', 'login', '--no-browser', '--ims-url', imsUrl, '--client-id', 'slate-cli'], { SLATE_API_URL: sandbox.url, SLATE_DATA_DIR: dataDir(), SLATE_TOKEN: '' });
  try {
    const authorize = new URL(await login.waitFor('SLATE_AUTHORIZE_URL'));
    const page = await fetch(`${authorize.searchParams.get('redirect_uri')}?${query(authorize.searchParams.get('state')!)}`);
    const code = await new Promise<number | null>((resolve) => (login.child.exitCode !== null ? resolve(login.child.exitCode) : login.child.once('exit', resolve)));
    return { code, output: login.output(), page: await page.text() };
  } finally {
    await login.stop();
  }
}

test('a redirect carrying another state is refused: exit code 3, and the browser page says so', async () => {
  const result = await loginReturning(sandbox.url, (state) => `code=stolen&state=${state}-not`);
  assert.equal(result.code, 3, result.output);
  assert.match(result.output, /came back with a state this sign-in did not send/);
  assert.match(result.page, /Slate sign-in failed/);
});

test('a sign-in server that cannot be reached: exit code 1 and what to check', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as { port: number }).port;
  await new Promise((resolve) => closed.close(resolve));
  const result = await loginReturning(`http://127.0.0.1:${port}`, (state) => `code=c&state=${state}`);
  assert.equal(result.code, 1, result.output);
  assert.match(result.output, /Could not reach the sign-in server at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  assert.match(result.output, /Check the network connection/);
});

test('slate login --token --legacy keeps a developer token; whoami uses it', async () => {
  const dir = dataDir();
  const slate = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(NODE, ['bin/slate.js', ...args], { cwd: ROOT, env: { ...process.env, SLATE_API_URL: sandbox.url, SLATE_DATA_DIR: dir, SLATE_TOKEN: '' } }, (_e, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }));
    });
  const login = await slate(['login', '--token', sandbox.token, '--legacy']);
  assert.equal(login.code, 0, login.stderr);
  assert.equal(login.stdout.includes(sandbox.token), false);
  const whoami = await slate(['whoami']);
  assert.equal(whoami.code, 0, whoami.stderr);
  assert.match(whoami.stdout, /Rosa Alvarez <rosa@northlight.example> .*\(profile legacy\)/);
  const wrong = await slate(['login', '--token', 'not-a-token']);
  assert.equal(wrong.code, 3);
  assert.match(wrong.stderr, /did not accept this sign-in/);
});

test('a legacy developer token is sent with x-frameio-legacy-token-auth: true', async () => {
  const seen: Array<string | string[] | undefined> = [];
  const api = createServer((request, response) => {
    seen.push(request.headers['x-frameio-legacy-token-auth']);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { id: 'u', name: 'Dev', email: 'dev@example.test' } }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(api.address() as { port: number }).port}`;
  try {
    const book = new ProfileBook(new FileVaultStore(vaultPath(dataDir())), url);
    book.put({ id: 'u', apiUrl: url, name: 'Dev', email: 'dev@example.test', credential: { kind: 'legacy', token: 'fio-u-dev' } });
    await new FrameioClient({ baseUrl: url, tokens: new ProfileTokens(book) }).me();
    book.put({ id: 'v', apiUrl: url, name: 'CI', email: 'ci@example.test', credential: { kind: 'bearer', token: 'ci' } });
    await new FrameioClient({ baseUrl: url, tokens: new ProfileTokens(book) }).me();
    assert.deepEqual(seen, ['true', undefined]);
  } finally {
    api.close();
  }
});

test('slate login --token - reads the token from standard input, so it is in neither `ps` nor the shell history', async () => {
  const dir = dataDir();
  const slate = (args: string[], input: string) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(NODE, ['bin/slate.js', ...args], { cwd: ROOT, env: { ...process.env, SLATE_API_URL: sandbox.url, SLATE_DATA_DIR: dir, SLATE_TOKEN: '' } }, (_e, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }));
      child.stdin!.end(input);
    });
  const dash = await slate(['login', '--token', '-'], `${sandbox.token}\n`);
  assert.equal(dash.code, 0, dash.stderr);
  assert.match(dash.stdout, /Signed in as Rosa Alvarez/);
  assert.equal(dash.stdout.includes(sandbox.token) || dash.stderr.includes(sandbox.token), false, 'the token is not echoed');

  const bare = await slate(['login', '--token', '--legacy'], sandbox.token);
  assert.equal(bare.code, 0, bare.stderr);
  const whoami = await slate(['whoami'], '');
  assert.match(whoami.stdout, /\(profile legacy\)/, '--token with no value before another flag reads the input too');

  const empty = await slate(['login', '--token', '-'], '  \n');
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /No token on standard input: pipe one in/);
});
