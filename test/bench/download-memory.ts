// `npm run bench -- download-memory [--size-mib N]`: peak resident memory of `slate download`
// bringing a 4 GiB file home from the sandbox, which runs in its own process. Goal: ≤ 200 MB.
import { rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { putLargeFile, slateEnv } from './_download-support.ts';
import { benchDir, figure, runSlate, startSandboxProcess } from './_upload-support.ts';

const { values } = parseArgs({ options: { 'size-mib': { type: 'string', default: '4096' } } });
const size = Number(values['size-mib']) * 1024 * 1024;
const dir = benchDir('download-memory');
const sandbox = await startSandboxProcess(join(dir, 'sandbox'));
try {
  const fileId = await putLargeFile(sandbox, dir, 'huge.mov', size);
  const to = join(dir, 'to');
  const started = performance.now();
  const result = await runSlate(['download', fileId, '--to', to, '--json'], slateEnv(sandbox, join(dir, 'data')));
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`slate download exited ${result.status}: ${result.stderr}`);
  const landed = statSync(join(to, 'huge.mov')).size;
  if (landed !== size) throw new Error(`slate download left ${landed} bytes, not ${size}`);
  figure('download-memory peak RSS', result.peakRss / 1e6, 'MB', { bytes: size, seconds: Math.round(seconds * 100) / 100, loadAverage1m: loadavg()[0], goal: '<= 200' });
} finally {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
}
