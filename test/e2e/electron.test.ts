// The desktop window itself, through Playwright's Electron driver. It needs Electron's binary,
// which is downloaded on first use; where it cannot be, this test is skipped and says why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { _electron as electron } from 'playwright-core';
import { electronBinary, whyNoElectron } from '../../scripts/electron-binary.ts';
import { assertAccessible } from '../support/a11y.ts';
import { ROOT } from '../support/processes.ts';

const binary = electronBinary();
const skip = whyNoElectron() ?? false;

test('the desktop window shows the signed-in user from the embedded sandbox', { skip }, async () => {
  const app = await electron.launch({ executablePath: binary!, args: [ROOT], env: { ...process.env, SLATE_API_URL: '', SLATE_TOKEN: '' } });
  try {
    const window = await app.firstWindow();
    await window.getByTestId('user-name').getByText('Rosa Alvarez').waitFor({ timeout: 20_000 });
    // No Node in the page, and window.slate is the frozen object contextBridge hands over.
    const page = await window.evaluate(() => {
      const scope = globalThis as { require?: unknown; process?: unknown; slate?: object };
      return { require: typeof scope.require, process: typeof scope.process, slateFrozen: Object.isFrozen(scope.slate) };
    });
    assert.deepEqual(page, { require: 'undefined', process: 'undefined', slateFrozen: true });
    await assertAccessible(window, 'desktop window, first run');
  } finally {
    await app.close();
  }
});
