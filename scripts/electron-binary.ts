// Where Electron's binary is, if it has been downloaded. Reads the package's own files, because
// `require('electron')` would try to download it (and hang or fail on a closed network).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function electronBinary(): string | undefined {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** Why the desktop window cannot open here, or undefined when it can. */
export function whyNoElectron(): string | undefined {
  if (!electronBinary()) return 'the Electron binary is not installed';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display';
  return undefined;
}
