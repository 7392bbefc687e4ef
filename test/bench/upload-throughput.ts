// `npm run bench -- upload-throughput [--size-mib N] [--concurrency N]`: one large file to the
// sandbox on loopback, Slate's engine against the ideal client (curl PUTs of the same part sizes,
// pre-split, at the same concurrency). Goal: Slate ≥ 0.9 × curl.
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs, promisify } from 'node:util';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { openDatabase } from '../../main/core/db.ts';
import { TransferEngine } from '../../main/core/transfers/engine.ts';
import { startSandbox } from '../../main/sandbox/server.ts';
import { benchDir, figure, generateFile } from './_upload-support.ts';

const { values } = parseArgs({ options: { 'size-mib': { type: 'string', default: '2048' }, concurrency: { type: 'string', default: '5' } } });
const size = Number(values['size-mib']) * 1024 * 1024;
const concurrency = Number(values.concurrency);
const dir = benchDir('throughput');
const source = join(dir, 'large.mov');
generateFile(source, size);

const sandbox = await startSandbox({ rateLimits: 'off', dataDir: join(dir, 'sandbox') });
const client = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) });
const api = new AccountApi(client, sandbox.accountId);
const run = promisify(execFile);

async function slate(): Promise<number> {
  const folderId = (await api.createFolder(sandbox.rootFolderId, `slate ${Date.now()}`)).id;
  const engine = new TransferEngine({ client, db: openDatabase(':memory:'), maxParts: concurrency, partConcurrency: concurrency });
  const started = performance.now();
  const job = await engine.settled((await engine.upload({ accountId: sandbox.accountId, folderId, paths: [source] })).id);
  const seconds = (performance.now() - started) / 1000;
  if (job.state !== 'done') throw new Error(`slate upload ${job.state}: ${job.error}`);
  await engine.close();
  return seconds;
}

async function curl(): Promise<number> {
  const folderId = (await api.createFolder(sandbox.rootFolderId, `curl ${Date.now()}`)).id;
  const created = await api.createLocalUpload(folderId, 'large.mov', size);
  // The ideal client reads each part from its own file: splitting happens before the clock starts.
  let offset = 0;
  const parts = [];
  for (const [i, part] of created.upload_urls.entries()) {
    const path = join(dir, `part-${i}`);
    await pipeline(createReadStream(source, { start: offset, end: offset + part.size - 1 }), createWriteStream(path));
    parts.push({ path, url: part.url });
    offset += part.size;
  }
  const queue = [...parts];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let part = queue.shift(); part; part = queue.shift()) {
        const { stdout } = await run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '-T', part.path, '-H', 'x-amz-acl: private', '-H', `Content-Type: ${created.media_type}`, part.url]);
        if (stdout !== '200') throw new Error(`curl PUT answered ${stdout}`);
      }
    }),
  );
  for (;;) {
    if ((await api.fileStatus(created.id)).upload_complete) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  for (const part of parts) rmSync(part.path);
  return seconds;
}

const mb = size / 1e6;
// Alternate, so neither side always runs on a colder or warmer page cache.
const curlFirst = await curl();
const slateSeconds = await slate();
const curlSecond = await curl();
const curlSeconds = Math.min(curlFirst, curlSecond);
figure('upload-throughput slate', mb / slateSeconds, 'MB/s', { bytes: size, concurrency, seconds: slateSeconds });
figure('upload-throughput curl', mb / curlSeconds, 'MB/s', { bytes: size, concurrency, seconds: curlSeconds });
figure('upload-throughput slate/curl', curlSeconds / slateSeconds, 'ratio', { goal: '>= 0.9' });
await sandbox.close();
rmSync(dir, { recursive: true, force: true });
