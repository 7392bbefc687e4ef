// An editor's first minutes, in a real browser against `slate serve`: open a project, make a
// folder, pick files to upload, watch them land, and see the transfer done.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumMissing, snap } from '../support/browser.ts';
import { assertAccessible } from '../support/a11y.ts';
import { openAgentSession, type AgentSession } from '../support/agent-session.ts';
import type { CheckedSandbox } from '../support/sandbox.ts';

const skip = chromiumMissing();
let session: AgentSession;
let page: Page;
let sandbox: CheckedSandbox;
let media: string;

before(async () => {
  if (skip) return;
  session = await openAgentSession();
  ({ page, sandbox, work: media } = session);
  writeFileSync(join(media, 'A001_C002.mov'), Buffer.alloc(300_000, 7));
  writeFileSync(join(media, 'notes – día 1.txt'), 'scene 4 take 2 is the one');
});
after(() => session?.close());

test('create a folder, upload into it, and see the files and the finished transfer', { skip }, async () => {
  await page.locator('.project-list button').first().click();
  await snap(page, 'projects');
  await assertAccessible(page, 'projects');
  await page.getByRole('button', { name: 'New folder' }).click();
  await page.getByLabel('New folder name').fill('Dailies');
  await page.getByRole('button', { name: 'Create' }).click();
  const folderRow = page.getByTestId('asset-row').filter({ hasText: 'Dailies' });
  await folderRow.dblclick();
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByText('Dailies').waitFor();

  await page.getByLabel('Files to upload').setInputFiles([join(media, 'A001_C002.mov'), join(media, 'notes – día 1.txt')]);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Transfers' }).click();
  const job = page.getByTestId('transfer-job').first();
  await job.getByText('Done').waitFor({ timeout: 30_000 });
  assert.match((await job.textContent()) ?? '', /2 of 2 files/);
  await job.locator('.job-label').click();
  await job.getByText('notes – día 1.txt').waitFor();
  await assertAccessible(page, 'transfers, a job open');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'Refresh' }).click();
  const names = page.getByTestId('asset-row').locator('.name');
  await names.filter({ hasText: 'A001_C002.mov' }).waitFor();
  assert.deepEqual((await names.allTextContents()).sort(), ['A001_C002.mov', 'notes – día 1.txt']);
  await page.getByTestId('asset-row').filter({ hasText: 'A001_C002.mov' }).click();
  await page.getByRole('complementary', { name: 'Details' }).getByRole('heading', { name: 'A001_C002.mov' }).waitFor();
  await assertAccessible(page, 'file details');
  const uploads = sandbox.exchanges.filter((e) => e.url.endsWith('/files/local_upload') && e.status === 201);
  assert.equal(uploads.length, 2, 'one Frame.io file per uploaded file');
});

test('a folder name Frame.io could not hold is refused with a reason, and nothing is created', { skip }, async () => {
  await page.getByRole('button', { name: 'New folder' }).click();
  await page.getByLabel('New folder name').fill('cuts/v2');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('toolbar', { name: 'Folder actions' }).getByText('Names cannot contain / or \\.').waitFor();
  assert.equal(sandbox.exchanges.filter((e) => e.method === 'POST' && e.url.endsWith('/folders') && e.requestBody !== undefined && JSON.stringify(e.requestBody).includes('cuts/v2')).length, 0);
});

test('a whole folder picked for upload keeps its structure', { skip }, async () => {
  const shoot = join(media, 'Shoot Day 2');
  mkdirSync(join(shoot, 'A-cam'), { recursive: true });
  mkdirSync(join(shoot, 'Sound'), { recursive: true });
  writeFileSync(join(shoot, 'A-cam', 'A002_C001.mov'), Buffer.alloc(40_000, 1));
  writeFileSync(join(shoot, 'Sound', 'SD002_T01.wav'), Buffer.alloc(20_000, 2));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Projects' }).click();
  await page.getByLabel('Folder to upload').setInputFiles(shoot);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Transfers' }).click();
  const job = page.getByTestId('transfer-job').filter({ hasText: 'Shoot Day 2' });
  await job.getByText('Done').waitFor({ timeout: 30_000 });
  await snap(page, 'transfers');
  await assertAccessible(page, 'transfers');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByTestId('asset-row').filter({ hasText: 'Shoot Day 2' }).dblclick();
  await page.getByTestId('asset-row').filter({ hasText: 'A-cam' }).dblclick();
  await page.getByTestId('asset-row').filter({ hasText: 'A002_C001.mov' }).waitFor();
  await snap(page, 'folder');
  await assertAccessible(page, 'folder');
});

test('make a workspace and a project, rename the project, delete it', { skip }, async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Projects' }).click();
  await page.getByRole('button', { name: 'New workspace' }).click();
  await page.getByLabel('New workspace name').fill('Commercials');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByText('No projects in this workspace.').waitFor();
  assert.equal(await page.getByLabel('Workspace').locator('option:checked').textContent(), 'Commercials');

  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('New project name').fill('Spring Promo');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByText('Spring Promo').waitFor();

  await page.getByRole('button', { name: 'Rename project' }).click();
  await page.getByLabel('Project name').fill('Spring Promo 2027');
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.locator('.project-list').getByText('Spring Promo 2027').waitFor();

  await page.getByRole('button', { name: 'Delete project' }).click();
  await page.getByRole('button', { name: /Delete “Spring Promo 2027” and everything in it\?/ }).click();
  await page.getByText('No projects in this workspace.').waitFor();
});
