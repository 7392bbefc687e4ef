// The desktop window itself, through Playwright's Electron driver. It needs Electron's binary,
// which is downloaded on first use; where it cannot be, this test is skipped and says why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { _electron as electron } from 'playwright-core';
import { electronBinary, whyNoElectron } from '../../scripts/electron-binary.ts';
import { ROOT } from '../support/processes.ts';

const binary = electronBinary();
const skip = whyNoElectron() ?? false;

test('the desktop window shows the signed-in user from the embedded sandbox', { skip }, async () => {
  const app = await electron.launch({ executablePath: binary!, args: [ROOT], env: { ...process.env, SLATE_API_URL: '', SLATE_TOKEN: '' } });
  try {
    const window = await app.firstWindow();
    await window.getByTestId('user-name').getByText('Rosa Alvarez').waitFor({ timeout: 20_000 });
    const prefs = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getLastWebPreferences());
    assert.equal(prefs?.contextIsolation, true);
    assert.equal(prefs?.sandbox, true);
    assert.equal(prefs?.nodeIntegration, false);
    assert.equal(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require), 'undefined');
  } finally {
    await app.close();
  }
});
