// `npm run bench -- resume [--size-mib N]`: `slate upload` of a 1 GiB file killed with SIGKILL at
// about half, then run again. Goal: it completes, bytes sent twice ≤ concurrency × part size, and
// Frame.io holds exactly one file.
import { createHash } from 'node:crypto';
import { createReadStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { startSandbox } from '../../main/sandbox/server.ts';
import { benchDir, figure, generateFile, runSlate } from './_upload-support.ts';

const { values } = parseArgs({ options: { 'size-mib': { type: 'string', default: '1024' }, concurrency: { type: 'string', default: '4' } } });
const size = Number(values['size-mib']) * 1024 * 1024;
const concurrency = Number(values.concurrency);
const dir = benchDir('resume');
const source = join(dir, 'interview.mov');
generateFile(source, size);

const partSizes: number[] = [];
let putBytes = 0;
const sandbox = await startSandbox({
  rateLimits: 'real',
  dataDir: join(dir, 'sandbox'),
  observe: (e) => {
    // Learn the part plan from the create answer, then count the bytes of every part stored.
    if (e.url.endsWith('/files/local_upload') && e.status === 201) {
      partSizes.push(...(e.responseBody as { data: { upload_urls: Array<{ size: number }> } }).data.upload_urls.map((u) => u.size));
    }
    if (e.method === 'PUT' && e.status === 200) putBytes += partSizes[Number(new URL(e.url, 'http://x').searchParams.get('partNumber')) - 1] ?? 0;
  },
});
const client = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) });
const api = new AccountApi(client, sandbox.accountId);
const folderId = (await api.createFolder(sandbox.rootFolderId, 'resume')).id;
const env = { SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: sandbox.accountId, SLATE_DATA_DIR: join(dir, 'data') };
const args = ['upload', source, '--to', folderId, '--concurrency', String(concurrency), '--json'];

let killedAt = 0;
const first = await runSlate(args, env, (event) => {
  if (event.type === 'progress' && (event.bytesDone as number) >= size / 2) {
    killedAt = event.bytesDone as number;
    return true;
  }
  return false;
});
if (first.signal !== 'SIGKILL') throw new Error(`the first run was not killed (exit ${first.status}): ${first.stderr}`);
const storedBeforeKill = putBytes;
const second = await runSlate(args, env);
if (second.status !== 0) throw new Error(`the resumed run exited ${second.status}: ${second.stderr}`);

const files = await Array.fromAsync(api.listChildren(folderId));
const original = await api.showFile(files[0]!.id, 'media_links.original');
const downloaded = createHash('sha256');
for await (const chunk of (await fetch(new URL(original.media_links!.original!.download_url!, sandbox.url))).body!) downloaded.update(chunk as Uint8Array);
const local = createHash('sha256');
for await (const chunk of createReadStream(source)) local.update(chunk as Buffer);

const partSize = Math.max(...partSizes);
// Parts in flight at the kill were cut off and sent again whole; parts stored twice would add to it.
const resent = Math.max(0, killedAt - storedBeforeKill) + (putBytes - size);
figure('resume bytes re-sent', resent / 1e6, 'MB', {
  parts_stored_twice_mb: (putBytes - size) / 1e6,
  stored_before_kill_mb: storedBeforeKill / 1e6,
  progress_at_kill_mb: killedAt / 1e6,
  bound_mb: (concurrency * partSize) / 1e6,
  goal: '<= concurrency x part size',
});
figure('resume Frame.io files', files.length, 'count', { goal: 1, intact: downloaded.digest('hex') === local.digest('hex') });
await sandbox.close();
rmSync(dir, { recursive: true, force: true });

