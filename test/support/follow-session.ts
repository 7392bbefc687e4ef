// What the follow e2e tests start from: an agent session whose follows look every `checkSeconds`,
// on the demo's Harbor Lights project, and an engine that uploads into it as another machine would.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { TransferEngine } from '../../main/core/transfers/engine.ts';
import { engineFor } from '../integration/transfer-helpers.ts';
import { openAgentSession, type AgentSession } from './agent-session.ts';

const SAMPLES = join(import.meta.dirname, '../../assets/sandbox');

export interface FollowSession {
  session: AgentSession;
  page: Page;
  /** Opens the Stills folder; resolves with its Frame.io id (the last part of the page's address). */
  openStills(): Promise<string>;
  /** Uploads a small picture named `name` into a Frame.io folder, as if from another machine. */
  uploadLater(folderId: string, name: string): Promise<Buffer>;
  close(): Promise<void>;
}

export async function openFollowSession(checkSeconds: number): Promise<FollowSession> {
  process.env.SLATE_FOLLOW_CHECK_SECONDS = String(checkSeconds);
  const session = await openAgentSession();
  const { page } = session;
  const uploader: TransferEngine = engineFor(session.sandbox);
  await page.getByLabel('Workspace').selectOption({ label: 'Productions' });
  await page.getByRole('button', { name: 'Harbor Lights — Feature' }).click();
  return {
    session,
    page,
    async openStills() {
      await page.getByTestId('asset-row').filter({ hasText: 'Stills' }).dblclick();
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByText('Stills').waitFor();
      return decodeURIComponent(new URL(page.url()).hash.split('/').at(-1)!);
    },
    async uploadLater(folderId, name) {
      const source = join(session.work, name);
      const bytes = readFileSync(join(SAMPLES, 'Harbor_Dawn.png')).subarray(0, 4000 + name.length);
      writeFileSync(source, bytes);
      const upload = await uploader.upload({ accountId: session.sandbox.accountId, folderId, paths: [source] });
      assert.equal((await uploader.settled(upload.id)).state, 'done');
      return bytes;
    },
    async close() {
      delete process.env.SLATE_FOLLOW_CHECK_SECONDS;
      await uploader.close();
      await session.close();
    },
  };
}
