// `npm run bench -- sandbox-put [--rounds N]`: 8 parallel PUTs of 64 MiB parts to the sandbox
// over loopback, against writing the same bytes to the same disk directly. The sandbox should
// reach at least 70% of the direct rate, so it is never the bottleneck when a client is measured
// against it. It runs as its own process, as it does for a client under test, so sender and
// server do not share a thread.
//
// The direct write is the same bytes in the same chunks into fresh files on the same file system,
// without fsync: the sandbox does not fsync either (a part is acknowledged once it is in the
// kernel and renamed into place, which a kill -9 cannot undo; power loss is out of scope, as for
// its SQLite at synchronous=NORMAL).
//
// What bounds the ratio is printed from the same run: the loopback ceilings (a bare Node HTTP
// server, and below HTTP a bare TCP socket, each in its own process, reading and discarding the
// same bytes from the same sender) and MD5 on one core (the sandbox hashes every byte for the ETag). Rounds alternate the three
// measurements so each sees the machine in the same state; the best round of each is reported.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const ROUNDS = Math.max(1, Number(values.rounds));
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

function put(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers: { ...headers, 'content-length': PART_SIZE } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    body().pipe(req);
  });
}

/** Sends the 8 parts at once; MiB/s from the first byte to the last answer. */
async function putAll(urls: string[], headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const statuses = await Promise.all(urls.map((url) => put(url, headers)));
  const elapsed = performance.now() - started;
  if (statuses.some((s) => s !== 200)) throw new Error(`part PUTs answered ${statuses.join(', ')}`);
  return mibPerSecond(PARTS * PART_SIZE, elapsed);
}

const mibPerSecond = (bytes: number, ms: number) => Math.round((bytes / 1024 / 1024 / (ms / 1000)) * 10) / 10;

/** Starts a child process and waits for a line matching `ready` on its stdout. */
async function child(args: string[], ready: RegExp) {
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  proc.stdout.on('data', (data: Buffer) => (output += data.toString()));
  while (!ready.test(output)) {
    if (proc.exitCode !== null) throw new Error(`${args[0]} exited: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    value: (name: string) => new RegExp(`^${name}=(.+)$`, 'm').exec(output)![1]!,
    async close() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      await once(proc, 'exit');
    },
  };
}

async function viaSandbox(dataDir: string): Promise<number> {
  const cli = fileURLToPath(new URL('../../main/sandbox/cli.ts', import.meta.url));
  const sandbox = await child([cli, '--data', dataDir, '--seed', 'minimal', '--part-size', String(PART_SIZE), '--rate-limits', 'off'], /SANDBOX_ROOT_FOLDER_ID=/);
  try {
    const response = await fetch(`${sandbox.value('SANDBOX_URL')}/v4/accounts/${sandbox.value('SANDBOX_ACCOUNT_ID')}/folders/${sandbox.value('SANDBOX_ROOT_FOLDER_ID')}/files/local_upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.value('SANDBOX_TOKEN')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { name: 'bench.mov', file_size: PARTS * PART_SIZE } }),
    });
    const file = (await response.json()) as { data: { media_type: string; upload_urls: Array<{ url: string }> } };
    return await putAll(
      file.data.upload_urls.map((u) => u.url),
      { 'x-amz-acl': 'private', 'content-type': file.data.media_type },
    );
  } finally {
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// A bare HTTP server: reads every body and throws it away. Nothing a part PUT can do costs less.
const BARE_SERVER = `
  const server = require('node:http').createServer((req, res) => { req.on('data', () => {}); req.on('end', () => res.end()); });
  server.listen(0, '127.0.0.1', () => console.log('URL=http://127.0.0.1:' + server.address().port));
  process.on('SIGTERM', () => process.exit(0));
`;

async function httpCeiling(): Promise<number> {
  const server = await child(['-e', BARE_SERVER], /URL=/);
  try {
    return await putAll(
      Array.from({ length: PARTS }, (_, i) => `${server.value('URL')}/${i}`),
      {},
    );
  } finally {
    await server.close();
  }
}

// Below HTTP: a TCP server that reads and discards. No server of any protocol receives faster.
const BARE_TCP = `
  const server = require('node:net').createServer((socket) => { socket.resume(); socket.on('end', () => socket.end()); });
  server.listen(0, '127.0.0.1', () => console.log('PORT=' + server.address().port));
  process.on('SIGTERM', () => process.exit(0));
`;

function sendRaw(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => body().pipe(socket));
    socket.on('error', reject);
    socket.on('close', () => resolve());
    socket.resume();
  });
}

async function tcpCeiling(): Promise<number> {
  const server = await child(['-e', BARE_TCP], /PORT=/);
  try {
    const started = performance.now();
    await Promise.all(Array.from({ length: PARTS }, () => sendRaw(Number(server.value('PORT')))));
    return mibPerSecond(PARTS * PART_SIZE, performance.now() - started);
  } finally {
    await server.close();
  }
}

async function direct(dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  const started = performance.now();
  await Promise.all(Array.from({ length: PARTS }, (_, i) => pipeline(body(), createWriteStream(join(dir, `direct-${i}`), { highWaterMark: CHUNK }))));
  const rate = mibPerSecond(PARTS * PART_SIZE, performance.now() - started);
  await rm(dir, { recursive: true, force: true });
  return rate;
}

function md5OneCore(): number {
  const started = performance.now();
  const md5 = createHash('md5');
  for (let i = 0; i < (PARTS * PART_SIZE) / CHUNK; i++) md5.update(chunk);
  md5.digest();
  return mibPerSecond(PARTS * PART_SIZE, performance.now() - started);
}

const dir = await mkdtemp(join(tmpdir(), 'slate-bench-'));
try {
  const best = { direct: 0, sandbox: 0, http: 0, tcp: 0, md5: 0 };
  // A first, unmeasured write warms the disk and the page cache.
  await direct(join(dir, 'warm'));
  for (let round = 0; round < ROUNDS; round++) {
    best.direct = Math.max(best.direct, await direct(join(dir, `direct-${round}`)));
    best.sandbox = Math.max(best.sandbox, await viaSandbox(join(dir, `sandbox-${round}`)));
    best.http = Math.max(best.http, await httpCeiling());
    best.tcp = Math.max(best.tcp, await tcpCeiling());
    best.md5 = Math.max(best.md5, md5OneCore());
  }
  const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
  const common = { parts: PARTS, part_size: PART_SIZE, rounds: ROUNDS };
  console.log(JSON.stringify({ figure: 'direct_write', unit: 'MiB/s', value: best.direct, ...common }));
  console.log(JSON.stringify({ figure: 'sandbox_put', unit: 'MiB/s', value: best.sandbox, ...common }));
  console.log(JSON.stringify({ figure: 'sandbox_put_ratio', unit: 'ratio', value: ratio(best.sandbox, best.direct), goal: 0.7 }));
  console.log(JSON.stringify({ figure: 'loopback_http_ceiling', unit: 'MiB/s', value: best.http, note: 'bare Node server, reads and discards the same PUTs', ...common }));
  console.log(JSON.stringify({ figure: 'loopback_http_ceiling_ratio', unit: 'ratio', value: ratio(best.http, best.direct), note: 'a Node HTTP server that does nothing, against the direct write' }));
  console.log(JSON.stringify({ figure: 'sandbox_put_of_http_ceiling', unit: 'ratio', value: ratio(best.sandbox, best.http) }));
  console.log(JSON.stringify({ figure: 'loopback_tcp_ceiling', unit: 'MiB/s', value: best.tcp, note: 'bare TCP socket, reads and discards the same bytes', ...common }));
  console.log(JSON.stringify({ figure: 'loopback_tcp_ceiling_ratio', unit: 'ratio', value: ratio(best.tcp, best.direct), note: 'the most any server on loopback reaches against the direct write' }));
  console.log(JSON.stringify({ figure: 'md5_one_core', unit: 'MiB/s', value: best.md5 }));
  // Every byte must be hashed for its ETag: even with every core hashing and nothing else to do
  // (no sockets, no writes, no sender), a server could not pass this share of the direct rate.
  const cores = availableParallelism();
  console.log(JSON.stringify({ figure: 'md5_all_cores_ratio', unit: 'ratio', value: ratio(best.md5 * cores, best.direct), cores }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
