// Dragging a file out of the desktop window, through Playwright's Electron driver. It needs
// Electron's binary, which is downloaded on first use; where it cannot be, this test is skipped and
// says why. The system's drag cannot be finished by a test, so main's webContents.startDrag is
// recorded instead: a file row's dragstart must reach it with the file, whole, from the drag cache.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { _electron as electron } from 'playwright-core';
import { electronBinary, whyNoElectron } from '../../scripts/electron-binary.ts';
import { dragCacheDir } from '../../main/core/drag-out/drag-cache.ts';
import { ROOT } from '../support/processes.ts';

const binary = electronBinary();
const skip = whyNoElectron() ?? false;
const SAMPLES = join(import.meta.dirname, '../../assets/sandbox');

test('a file row dragged out of the desktop window starts the system’s drag with the file from the drag cache', { skip, timeout: 120_000 }, async () => {
  const work = mkdtempSync(join(tmpdir(), 'slate-electron-drag-'));
  const dataDir = join(work, 'data');
  const app = await electron.launch({ executablePath: binary!, args: [ROOT], env: { ...process.env, SLATE_API_URL: '', SLATE_TOKEN: '', SLATE_DATA_DIR: dataDir } });
  try {
    const window = await app.firstWindow();
    await window.getByTestId('user-name').getByText('Rosa Alvarez').waitFor({ timeout: 20_000 });
    await app.evaluate(({ webContents }) => {
      const scope = globalThis as { dragged?: unknown[] };
      scope.dragged = [];
      for (const contents of webContents.getAllWebContents()) contents.startDrag = (item) => void scope.dragged!.push({ file: item.file, files: item.files });
    });

    await window.getByLabel('Workspace').selectOption({ label: 'Productions' });
    await window.getByRole('button', { name: 'Harbor Lights — Feature' }).click();
    await window.getByTestId('asset-row').filter({ hasText: 'Stills' }).dblclick();
    const row = window.getByTestId('asset-row').filter({ hasText: 'Harbor_Dawn.png' });
    assert.equal(await row.getAttribute('draggable'), 'true', 'rows can be dragged out on the desktop');
    await row.dispatchEvent('dragstart');

    let dragged: Array<{ file: string; files?: string[] }> = [];
    for (let tries = 0; dragged.length === 0 && tries < 200; tries++) {
      dragged = await app.evaluate(() => (globalThis as { dragged?: Array<{ file: string; files?: string[] }> }).dragged ?? []);
      if (dragged.length === 0) await window.waitForTimeout(100);
    }
    assert.equal(dragged.length, 1, 'the system’s drag started once');
    const file = dragged[0]!.file;
    assert.ok(file.startsWith(dragCacheDir(dataDir)), `${file} is in the drag cache`);
    assert.ok(readFileSync(file).equals(readFileSync(join(SAMPLES, 'Harbor_Dawn.png'))), 'the whole file, before the drag starts');
  } finally {
    await app.close();
    rmSync(work, { recursive: true, force: true });
  }
});
