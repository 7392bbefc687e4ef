// `npm run bench -- upload-memory [--size-mib N]`: peak resident memory of `slate upload` sending a
// 4 GiB file (sparse: the bytes are read from disk all the same) to the sandbox, which runs in its
// own process. Goal: ≤ 200 MB.
import { closeSync, openSync, ftruncateSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchDir, figure, runSlate, startSandboxProcess } from './_upload-support.ts';

const { values } = parseArgs({ options: { 'size-mib': { type: 'string', default: '4096' } } });
const size = Number(values['size-mib']) * 1024 * 1024;
const dir = benchDir('memory');
const source = join(dir, 'huge.mov');
const fd = openSync(source, 'w');
ftruncateSync(fd, size);
closeSync(fd);

const sandbox = await startSandboxProcess(join(dir, 'sandbox'));
const started = performance.now();
const result = await runSlate(['upload', source, '--to', sandbox.rootFolderId, '--json'], {
  SLATE_API_URL: sandbox.url,
  SLATE_TOKEN: sandbox.token,
  SLATE_ACCOUNT_ID: sandbox.accountId,
  SLATE_DATA_DIR: join(dir, 'data'),
});
const seconds = (performance.now() - started) / 1000;
if (result.status !== 0) throw new Error(`slate upload exited ${result.status}: ${result.stderr}`);
figure('upload-memory peak RSS', result.peakRss / 1e6, 'MB', { bytes: size, seconds, goal: '<= 200' });
await sandbox.close();
rmSync(dir, { recursive: true, force: true });
