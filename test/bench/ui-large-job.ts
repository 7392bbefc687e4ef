// `npm run bench -- ui-large-job [--files N] [--history N]`: the Transfers screen in the browser UI
// with a paused job of 100,000 files (60% done, some failed) and 200 finished jobs in its history,
// as the journal holds them. Figures, as ui-large-folder gives them for a folder: the screen's
// first paint (its job rows), the first rows of the big job's file list once opened, the last row
// reached by scrolling, and how many rows the list keeps in the DOM.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openBackend } from '../../main/backend.ts';
import { rendererDir } from '../../main/cli/commands/serve.ts';
import { openDatabase } from '../../main/core/db.ts';
import { Journal, type NewFile } from '../../main/core/transfers/journal.ts';
import { startWebAgent } from '../../main/web/server.ts';
import { describeViolations, seriousViolations } from '../support/a11y.ts';
import { chromiumMissing, launchChromium } from '../support/browser.ts';
import { startSandboxProcess } from './_upload-support.ts';

const { values } = parseArgs({ options: { files: { type: 'string', default: '100000' }, history: { type: 'string', default: '200' } } });
const count = Number(values.files);
const history = Number(values.history);
if (chromiumMissing()) throw new Error(String(chromiumMissing()));
if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('Build the app first: npm run build');

const print = (figure: Record<string, unknown>) => console.log(JSON.stringify({ bench: 'ui-large-job', ...figure }));
const name = (i: number) => `frame_${String(i).padStart(6, '0')}.exr`;
const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

const work = mkdtempSync(join(tmpdir(), 'slate-bench-ui-job-'));
// Frame.io is another machine: the sandbox runs in its own process.
const sandbox = await startSandboxProcess(join(work, 'sandbox'));
const dataDir = join(work, 'data');

// The journal as a long day leaves it: finished jobs, and one big job paused part way.
{
  const db = openDatabase(dataDir);
  const journal = new Journal(db);
  const job = (id: string, label: string) => ({ id, kind: 'upload' as const, accountId: sandbox.accountId, folderId: sandbox.rootFolderId, label, spec: JSON.stringify({ id }), conflict: 'skip' as const, priority: 0 });
  for (let h = 0; h < history; h++) {
    const files: NewFile[] = Array.from({ length: 10 }, (_, i) => ({ source: `/Volumes/Card ${h}/${name(i)}`, relDir: `Card ${h}`, name: name(i), size: 1_000_000, mtimeMs: 1 }));
    journal.createJob(job(`history-${h}`, `/Volumes/Card ${h}`), files, ['', `Card ${h}`]);
    db.exec(`UPDATE files SET state = 'done', bytes_done = size WHERE job_id = 'history-${h}'`);
    journal.setJobState(`history-${h}`, 'done');
  }
  const files: NewFile[] = Array.from({ length: count }, (_, i) => ({ source: `/Volumes/Timelapse/${name(i)}`, relDir: 'Timelapse', name: name(i), size: 50_000_000, mtimeMs: 1 }));
  journal.createJob(job('big', '/Volumes/Timelapse'), files, ['', 'Timelapse']);
  db.exec(`UPDATE files SET state = 'done', bytes_done = size WHERE job_id = 'big' AND seq < ${Math.floor(count * 0.6)}`);
  db.exec(`UPDATE files SET state = 'failed', error = 'Could not read it: the disk reported a read error.' WHERE job_id = 'big' AND seq % 997 = 0 AND seq >= ${Math.floor(count * 0.6)}`);
  journal.setJobState('big', 'paused', null, 'person');
  db.close();
}

const backend = await openBackend({ apiUrl: sandbox.url, token: sandbox.token, dataDir }, 'web');
const agent = await startWebAgent({ service: backend.service, engine: backend.engine, rendererDir, stagingDir: join(work, 'staging') });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(agent.url);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await page.locator('.project-list button').first().waitFor();
  const big = page.getByTestId('transfer-job').filter({ hasText: 'Timelapse' });

  // Opening the screen several times: this machine is shared, so the median says more than one try.
  const paint: number[] = [];
  const opened: number[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    await nav.getByRole('button', { name: 'Projects' }).click();
    let started = performance.now();
    await nav.getByRole('button', { name: 'Transfers' }).click();
    await big.waitFor();
    paint.push(Math.round(performance.now() - started));

    started = performance.now();
    await big.locator('.job-label').click();
    await big.getByTestId('transfer-file').filter({ hasText: name(0) }).waitFor();
    opened.push(Math.round(performance.now() - started));
    if (attempt < 4) await big.locator('.job-label').click();
  }
  print({ figure: 'screen-first-paint-ms', value: median(paint), samples: paint, jobs: history + 1, goal: '<= 500' });
  print({ figure: 'job-files-first-rows-ms', value: median(opened), samples: opened, files: count, goal: '<= 500' });

  const violations = await seriousViolations(page);
  print({ figure: 'axe-serious-or-critical', value: violations.length, detail: violations.length > 0 ? describeViolations('transfers', 'light', violations) : undefined, goal: 0 });

  const list = big.getByRole('list', { name: /Files of/ });
  const scrolls: number[] = [];
  for (const [index, at] of [[Math.floor(count / 2), 0.5], [count - 1, 1]] as const) {
    const started = performance.now();
    await list.evaluate((el, fraction) => el.scrollTo(0, (el.scrollHeight - el.clientHeight) * fraction), at);
    await big.getByTestId('transfer-file').filter({ hasText: name(index) }).waitFor({ timeout: 10_000 });
    scrolls.push(Math.round(performance.now() - started));
  }
  print({ figure: 'scroll-to-rows-ms', value: Math.max(...scrolls), samples: { middle: scrolls[0], last: scrolls[1] }, goal: '<= 500' });
  print({ figure: 'last-row-reachable', value: true, row: name(count - 1) });
  print({ figure: 'dom-rows', value: await page.getByTestId('transfer-file').count(), goal: '<= a few hundred' });
} finally {
  await browser.close();
  await agent.close();
  await backend.close();
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
}
