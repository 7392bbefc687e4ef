// `npm run bench -- follow-scale [--folders N] [--files K] [--check-every S]`: how long a file
// uploaded into a followed tree of 1,000 folders takes to come down, at Frame.io's real rate limits.
//
// The sandbox runs in its own process. Its tree is made first with the limits off, then the
// sandbox starts again on the same data at the real limits, and `slate download <folder> --follow
// --json` runs against it. Once its first look through the tree has ended, K small files are
// uploaded one after another, spread evenly over one look's computed length, each into a folder
// picked at random. Each file's time is from its upload being complete in Frame.io to the follow's
// line saying it came down. A look lists folders at 2.5 a second, so it takes (N + 1) / 2.5 s for
// N folders and the followed one, and what it finds is queued in batches at most 5 s apart; a file
// lands at a random moment before its folder's next listing, so its time should spread from about
// nothing to one look (plus the batch and the download), about half a look on average.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { openDatabase } from '../../main/core/db.ts';
import { FOLDERS_PER_SECOND } from '../../main/core/sync/pace.ts';
import { TransferEngine } from '../../main/core/transfers/engine.ts';
import { median, round2, slateEnv } from './_download-support.ts';
import { benchDir, figure, NODE, ROOT, startSandboxProcess, type SandboxProcess } from './_upload-support.ts';

const { values } = parseArgs({ options: { folders: { type: 'string', default: '1000' }, files: { type: 'string', default: '6' }, 'check-every': { type: 'string', default: '30' } } });
const FOLDERS = Number(values.folders);
const FILES = Number(values.files);
const BRANCHING = 10;
const lookSeconds = (FOLDERS + 1) / FOLDERS_PER_SECOND;
const dir = benchDir('follow-scale');
const sandboxData = join(dir, 'sandbox');
const log = join(dir, 'exchanges.jsonl');
const load = [loadavg()[0]!];

function apiOf(sandbox: SandboxProcess): { client: FrameioClient; api: AccountApi } {
  const client = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) });
  return { client, api: new AccountApi(client, sandbox.accountId) };
}

/** The followed folder and N folders under it, ten to a parent, level by level; their ids in that order. */
async function seedTree(): Promise<{ followed: string; folders: string[] }> {
  // Limits off, and answers that tell the client a limit far above the documented one, so it does not pace itself either.
  const sandbox = await startSandboxProcess(sandboxData, ['--rate-limit-scale', '1000']);
  try {
    const { api } = apiOf(sandbox);
    const ids = [(await api.createFolder(sandbox.rootFolderId, 'Follow scale')).id];
    // Folder i (from 1) sits in folder floor((i - 1) / 10): the children of parents a..b are 10a + 1..10b + 10.
    for (let a = 0, b = 0; ids.length <= FOLDERS; ) {
      const level = [];
      for (let i = BRANCHING * a + 1; i <= Math.min(FOLDERS, BRANCHING * b + BRANCHING); i++) level.push(i);
      for (let at = 0; at < level.length; at += 50) {
        const batch = level.slice(at, at + 50);
        ids.push(...(await Promise.all(batch.map(async (i) => (await api.createFolder(ids[Math.floor((i - 1) / BRANCHING)]!, `f${i}`)).id))));
      }
      [a, b] = [level[0]!, level.at(-1)!];
    }
    return { followed: ids[0]!, folders: ids.slice(1) };
  } finally {
    await sandbox.close();
  }
}

interface Line {
  at: number;
  event: { type: string; state?: string; name?: string; ms?: number; folders?: number; message?: string };
}

/** `slate download --follow --json` as a child process, its lines kept with when they arrived. */
function follow(sandbox: SandboxProcess, folderId: string, to: string) {
  const child = spawn(NODE, ['bin/slate.js', 'download', folderId, '--to', to, '--follow', '--check-every', values['check-every'], '--json'], {
    cwd: ROOT,
    env: { ...process.env, ...slateEnv(sandbox, join(dir, 'slate-data')) },
  });
  const lines: Line[] = [];
  const waiters = new Set<() => void>();
  let pending = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const parts = pending.split('\n');
    pending = parts.pop()!;
    for (const part of parts.filter(Boolean)) lines.push({ at: performance.now(), event: JSON.parse(part) as Line['event'] });
    for (const wake of [...waiters]) wake();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = (match: (line: Line) => boolean): Promise<Line> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = lines.find(match);
        if (found) {
          waiters.delete(check);
          resolve(found);
        } else if (child.exitCode !== null) {
          waiters.delete(check);
          reject(new Error(`slate exited ${child.exitCode}: ${stderr}`));
        }
      };
      waiters.add(check);
      check();
    });
  return { lines, next, stop: () => (child.kill('SIGTERM'), exited) };
}

const seedStarted = performance.now();
const { followed, folders } = await seedTree();
const seedSeconds = (performance.now() - seedStarted) / 1000;
const sandbox = await startSandboxProcess(sandboxData, ['--rate-limits', 'real', '--exchange-log', log]);
const { client } = apiOf(sandbox);
const uploader = new TransferEngine({ client, db: openDatabase(':memory:') });
const following = follow(sandbox, followed, join(dir, 'to'));
try {
  const firstLook = await following.next((l) => l.event.type === 'pass');
  const started = performance.now();
  const uploads: Array<{ name: string; folder: number; doneAt: number }> = [];
  for (let k = 0; k < FILES; k++) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + (k * lookSeconds * 1000) / FILES - performance.now())));
    const folder = Math.floor(Math.random() * (FOLDERS + 1));
    const name = `later-${k}.bin`;
    const source = join(dir, name);
    writeFileSync(source, Buffer.alloc(64 * 1024, k));
    const job = await uploader.settled((await uploader.upload({ accountId: sandbox.accountId, folderId: folder === 0 ? followed : folders[folder - 1]!, paths: [source] })).id);
    if (job.state !== 'done') throw new Error(`uploading ${name} ended ${job.state}: ${job.error}`);
    uploads.push({ name, folder, doneAt: performance.now() });
  }
  const delays = [];
  for (const upload of uploads) {
    const down = await following.next((l) => l.event.type === 'file' && l.event.name === upload.name);
    if (down.event.state !== 'done') throw new Error(`${upload.name} came down ${down.event.state}`);
    delays.push((down.at - upload.doneAt) / 1000);
  }
  const looks = following.lines.filter((l) => l.event.type === 'pass').map((l) => l.event.ms! / 1000);
  const refused = readFileSync(log, 'utf8').split('\n').filter((line) => line.includes('"status":429')).length;
  load.push(loadavg()[0]!);

  figure('follow-scale look through the tree', median(looks), 's', {
    folders: FOLDERS + 1,
    looks: looks.map(round2),
    computed_s: round2(lookSeconds),
    first_look_s: round2(firstLook.event.ms! / 1000),
    ratio: round2(median(looks) / lookSeconds),
  });
  figure('follow-scale new file down', Math.max(...delays), 's', {
    files: delays.length,
    each_s: delays.map(round2),
    min_s: round2(Math.min(...delays)),
    median_s: round2(median(delays)),
    folders_of_the_files: uploads.map((u) => u.folder),
    expected: `0 to about ${round2(lookSeconds + 5)} s (one look and a batch), about ${round2(lookSeconds / 2)} s on average`,
  });
  figure('follow-scale 429 responses', refused, 'count', { goal: 0 });
  figure('follow-scale setting up', seedSeconds, 's', { folders_made_with_limits_off: FOLDERS, load_average: load.map(round2) });
} finally {
  await following.stop();
  await uploader.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
}
