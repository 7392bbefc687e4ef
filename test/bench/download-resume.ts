// `npm run bench -- download-resume [--size-mib N] [--concurrency N] [--range-mib N]`: `slate download`
// of a 1 GiB file killed with SIGKILL at about half, then the same command again, against a sandbox
// in its own process that logs every exchange. Goal: it finishes, and the bytes fetched twice are
// ≤ concurrency × range size (the ranges in flight at the kill).
//
// Bytes the first run fetched: the kernel's count of bytes received on the command's sockets,
// read with `ss` while the process is stopped just before the kill (the log names only answers
// that finished, not the ones the kill cut off; it is the floor). Bytes the second run fetched:
// every range the log shows it answered.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { putLargeFile, slateEnv } from './_download-support.ts';
import { benchDir, figure, runSlate, startSandboxProcess } from './_upload-support.ts';

const { values } = parseArgs({
  options: { 'size-mib': { type: 'string', default: '1024' }, concurrency: { type: 'string', default: '5' }, 'range-mib': { type: 'string', default: '8' } },
});
const MiB = 1024 * 1024;
const size = Number(values['size-mib']) * MiB;
const concurrency = Number(values.concurrency);
const rangeSize = Number(values['range-mib']) * MiB;
const dir = benchDir('download-resume');
const log = join(dir, 'exchanges.jsonl');

/** Bytes of each range the log shows answered between two of its byte offsets, by Content-Range. */
function rangesAnswered(from: number, to?: number): Map<string, number> {
  const ranges = new Map<string, number>();
  for (const line of readFileSync(log).subarray(from, to).toString('utf8').split('\n')) {
    if (!line.includes('/objects/download/')) continue;
    const exchange = JSON.parse(line) as { method: string; status: number; responseHeaders: Record<string, string> };
    const match = /^bytes (\d+)-(\d+)\//.exec(exchange.responseHeaders['content-range'] ?? '');
    if (exchange.method === 'GET' && exchange.status === 206 && match) ranges.set(match[0], Number(match[2]) - Number(match[1]) + 1);
  }
  return ranges;
}

/** Bytes received so far on every TCP socket of `pid`, from the kernel's per-socket counters. */
function socketBytesReceived(pid: number): number {
  let total = 0;
  let ours = false;
  for (const line of execFileSync('ss', ['-tinpH'], { encoding: 'utf8' }).split('\n')) {
    if (/^\S/.test(line)) ours = line.includes(`pid=${pid},`);
    else if (ours) total += Number(/bytes_received:(\d+)/.exec(line)?.[1] ?? 0);
  }
  return total;
}

const sandbox = await startSandboxProcess(join(dir, 'sandbox'), ['--exchange-log', log]);
try {
  const fileId = await putLargeFile(sandbox, dir, 'interview.mov', size);
  const to = join(dir, 'to');
  const env = slateEnv(sandbox, join(dir, 'data'));
  const args = ['download', fileId, '--to', to, '--concurrency', String(concurrency), '--range-size', String(rangeSize), '--json'];
  const logBefore = statSync(log).size;

  let progressAtKill = 0;
  let receivedAtKill = 0;
  const first = await runSlate(args, env, (event) => {
    if (event.type !== 'progress' || (event.bytesDone as number) < size / 2) return false;
    progressAtKill = event.bytesDone as number;
    // The command is this process's child other than the sandbox; stopped, its counters hold still.
    const pid = execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' }).split('\n').map(Number).find((p) => p > 0 && p !== sandbox.pid)!;
    process.kill(pid, 'SIGSTOP');
    receivedAtKill = socketBytesReceived(pid);
    return true;
  });
  if (first.signal !== 'SIGKILL') throw new Error(`the first run was not killed (exit ${first.status}): ${first.stderr}`);
  // Answers the sandbox finished sending as the kill landed are logged as it closes them.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const logBetween = statSync(log).size;
  const firstRanges = rangesAnswered(logBefore, logBetween);
  const firstAnswered = [...firstRanges.values()].reduce((sum, n) => sum + n, 0);

  const second = await runSlate(args, env);
  if (second.status !== 0) throw new Error(`the resumed run exited ${second.status}: ${second.stderr}`);
  const secondRanges = rangesAnswered(logBetween);
  const secondFetched = [...secondRanges.values()].reduce((sum, n) => sum + n, 0);
  // Ranges that came down whole before the kill but were not yet marked done on the disk.
  const answeredTwice = [...secondRanges.keys()].filter((key) => firstRanges.has(key));
  const left = readdirSync(to);
  const landed = statSync(join(to, 'interview.mov')).size;

  const firstFetched = Math.max(receivedAtKill, firstAnswered);
  const again = firstFetched + secondFetched - size;
  figure('download-resume bytes fetched again', again / 1e6, 'MB', {
    first_run_received_mb: receivedAtKill / 1e6,
    first_run_ranges_answered_mb: firstAnswered / 1e6,
    progress_at_kill_mb: progressAtKill / 1e6,
    second_run_fetched_mb: secondFetched / 1e6,
    ranges_answered_in_both_runs: answeredTwice.length,
    bound_mb: (concurrency * rangeSize) / 1e6,
    loadAverage1m: loadavg()[0],
    goal: '<= concurrency x range size',
  });
  figure('download-resume finished', landed === size && left.length === 1 ? 1 : 0, 'ok', { bytes: landed, filesInFolder: left, peakRssMB: second.peakRss / 1e6 });
} finally {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
}
