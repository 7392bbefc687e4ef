// What most end-to-end tests start from: a contract-checked demo sandbox, `slate serve` against
// it, and a chromium page signed in through the agent's URL, plus a scratch folder for the
// test's own files (the agent's data folder lives inside it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { NODE, run, type Running } from './processes.ts';
import type { SandboxOptions } from '../../main/sandbox/server.ts';
import { startCheckedSandbox, type CheckedSandbox } from './sandbox.ts';

export interface AgentSession {
  browser: Browser;
  sandbox: CheckedSandbox;
  agent: Running;
  page: Page;
  work: string;
  close(): Promise<void>;
}

/** `sandbox` options go to the demo sandbox, e.g. media links without CORS headers. */
export async function openAgentSession(context: BrowserContextOptions = {}, sandboxOptions: SandboxOptions = {}): Promise<AgentSession> {
  const work = mkdtempSync(join(tmpdir(), 'slate-e2e-'));
  const browser = await launchChromium();
  const sandbox = await startCheckedSandbox({ seed: 'demo', ...sandboxOptions });
  const agent = run(NODE, ['bin/slate.js', 'serve', '--allow-root', work, '--allow-delete-after-upload'], { SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_DATA_DIR: join(work, 'data') });
  const page = await (await browser.newContext(context)).newPage();
  await page.goto(await agent.waitFor('SLATE_URL'));
  return {
    browser,
    sandbox,
    agent,
    page,
    work,
    async close() {
      await browser.close();
      await agent.stop();
      await sandbox.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
