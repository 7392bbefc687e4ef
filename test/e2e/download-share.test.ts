// Download on a share in the Shares screen, in a browser on the web agent: the share's assets (a
// shared folder with its files, a file shared from another folder) come down into a folder named
// after the share on the agent's machine, the job shows in Transfers until Done, and the bytes are
// the sandbox's samples; the Shares screen with its dialog passes axe in both themes.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { assertAccessible } from '../support/a11y.ts';
import { openAgentSession, type AgentSession } from '../support/agent-session.ts';
import { chromiumMissing, snap } from '../support/browser.ts';

const skip = chromiumMissing();
const SAMPLES = join(import.meta.dirname, '../../assets/sandbox');
let session: AgentSession;
let page: Page;

async function childId(api: AccountApi, folderId: string, name: string): Promise<string> {
  for await (const asset of api.listChildren(folderId)) if (asset.name === name) return asset.id;
  throw new Error(`${name} is not in ${folderId}`);
}

before(async () => {
  if (skip) return;
  session = await openAgentSession();
  page = session.page;
  const demo = session.sandbox.demo!;
  const api = new AccountApi(new FrameioClient({ baseUrl: session.sandbox.url, tokens: staticToken(session.sandbox.token) }), demo.accountId);
  const project = (await Array.fromAsync(api.listProjects(demo.workspaceId))).find((p) => p.id === demo.projectId)!;
  const stills = await childId(api, project.root_folder_id, 'Stills');
  const slate = await childId(api, demo.folderIds[1]!, 'A001_C003_Slate.png');
  await api.client.call('shares.create', {
    params: { account_id: demo.accountId, project_id: demo.projectId },
    body: { data: { type: 'asset', name: 'Client stills', access: 'public', asset_ids: [stills, slate] } },
  });
  // The Shares screen lists the shares of the project open in Projects.
  await page.getByLabel('Workspace').selectOption({ label: 'Productions' });
  await page.getByRole('button', { name: 'Harbor Lights — Feature' }).click();
  await page.getByTestId('asset-row').first().waitFor();
});
after(() => session?.close());

function files(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

test('Download on a share brings its assets down, shown in Transfers until Done', { skip, timeout: 90_000 }, async () => {
  const to = join(session.work, 'from shares');
  mkdirSync(to);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Shares' }).click();
  const card = page.getByTestId('share').filter({ hasText: 'Client stills' });
  await card.getByRole('button', { name: 'Download…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Download “Client stills”' });
  await dialog.getByLabel('Folder on the agent’s machine').fill(to);
  await dialog.getByLabel(/Every version of the stacks it holds/).waitFor();
  await snap(page, 'download-share-dialog');
  await assertAccessible(page, 'shares, the download dialog');
  await dialog.getByRole('button', { name: 'Download' }).click();
  await dialog.waitFor({ state: 'hidden' });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Transfers' }).click();
  const job = page.getByTestId('transfer-job').filter({ hasText: 'Client stills' });
  await job.getByText('Done').waitFor({ timeout: 30_000 });
  assert.match((await job.textContent()) ?? '', /3 of 3 files/);
  const root = join(to, 'Client stills');
  assert.deepEqual(files(root), ['A001_C003_Slate.png', join('Stills', 'Harbor_Dawn.png'), join('Stills', 'Lighthouse_Night.png')].sort());
  for (const path of files(root)) assert.ok(readFileSync(join(root, path)).equals(readFileSync(join(SAMPLES, path.replace(/^Stills\//, '')))), path);
  await assertAccessible(page, 'transfers, a share downloaded');
});
