// `npm run bench -- sandbox-put`: 8 parallel PUTs of 64 MiB parts to the sandbox over loopback,
// against writing the same bytes to the same disk directly. The sandbox should reach at least 70%
// of the direct rate, so it is never the bottleneck when a client is measured against it. It runs
// as its own process, as it does for a client under test, so sender and server do not share a
// thread.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const PARTS = 8;
const PART_SIZE = 64 * 1024 * 1024;
const CHUNK = 1024 * 1024;
// One random megabyte, repeated: generating 512 MiB of randomness would measure the generator.
const chunk = randomBytes(CHUNK);

function body(): Readable {
  let sent = 0;
  return new Readable({
    highWaterMark: CHUNK,
    read() {
      this.push(sent < PART_SIZE ? chunk : null);
      sent += CHUNK;
    },
  });
}

function put(url: string, mediaType: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers: { 'x-amz-acl': 'private', 'content-type': mediaType, 'content-length': PART_SIZE } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    body().pipe(req);
  });
}

const mibPerSecond = (bytes: number, ms: number) => Math.round((bytes / 1024 / 1024 / (ms / 1000)) * 10) / 10;

async function startSandboxProcess(dataDir: string) {
  const cli = fileURLToPath(new URL('../../main/sandbox/cli.ts', import.meta.url));
  const child = spawn(process.execPath, [cli, '--data', dataDir, '--seed', 'minimal', '--part-size', String(PART_SIZE), '--rate-limits', 'off'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (data: Buffer) => (output += data.toString()));
  while (!/SANDBOX_ROOT_FOLDER_ID=/.test(output)) {
    if (child.exitCode !== null) throw new Error(`the sandbox exited: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const value = (name: string) => new RegExp(`^${name}=(.+)$`, 'm').exec(output)![1]!;
  return {
    url: value('SANDBOX_URL'),
    token: value('SANDBOX_TOKEN'),
    accountId: value('SANDBOX_ACCOUNT_ID'),
    rootFolderId: value('SANDBOX_ROOT_FOLDER_ID'),
    async close() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

async function viaSandbox(dir: string): Promise<number> {
  const sandbox = await startSandboxProcess(dir);
  try {
    const response = await fetch(`${sandbox.url}/v4/accounts/${sandbox.accountId}/folders/${sandbox.rootFolderId}/files/local_upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { name: 'bench.mov', file_size: PARTS * PART_SIZE } }),
    });
    const file = (await response.json()) as { data: { media_type: string; upload_urls: Array<{ url: string }> } };
    const started = performance.now();
    const statuses = await Promise.all(file.data.upload_urls.map((u) => put(u.url, file.data.media_type)));
    const elapsed = performance.now() - started;
    if (statuses.some((s) => s !== 200)) throw new Error(`part PUTs answered ${statuses.join(', ')}`);
    return mibPerSecond(PARTS * PART_SIZE, elapsed);
  } finally {
    await sandbox.close();
  }
}

async function direct(dir: string): Promise<number> {
  const started = performance.now();
  await Promise.all(Array.from({ length: PARTS }, (_, i) => pipeline(body(), createWriteStream(join(dir, `direct-${i}`), { highWaterMark: CHUNK }))));
  return mibPerSecond(PARTS * PART_SIZE, performance.now() - started);
}

const dir = await mkdtemp(join(tmpdir(), 'slate-bench-'));
try {
  // Warm the disk once, then measure each way twice and keep the better run of each.
  await direct(dir);
  const directRate = Math.max(await direct(dir), await direct(dir));
  const sandboxRate = Math.max(await viaSandbox(join(dir, 'a')), await viaSandbox(join(dir, 'b')));
  console.log(JSON.stringify({ figure: 'direct_write', unit: 'MiB/s', value: directRate, parts: PARTS, part_size: PART_SIZE }));
  console.log(JSON.stringify({ figure: 'sandbox_put', unit: 'MiB/s', value: sandboxRate, parts: PARTS, part_size: PART_SIZE }));
  console.log(JSON.stringify({ figure: 'sandbox_put_ratio', unit: 'ratio', value: Math.round((sandboxRate / directRate) * 1000) / 1000, goal: 0.7 }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
