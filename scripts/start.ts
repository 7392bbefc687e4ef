// `npm start`: build, then open the desktop app. Where Electron cannot run (its binary was never
// downloaded, or there is no display) say so in one line and serve the same UI from the web agent.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'electron-vite';

function electronBinary(): string | undefined {
  // Reading the package's own files: `require('electron')` would try to download the binary.
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

function whyNoElectron(): string | undefined {
  if (!electronBinary()) return 'the Electron binary is not installed';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display';
  return undefined;
}

await build({ logLevel: 'warn' });

const reason = whyNoElectron();
if (reason) {
  console.log(`Slate: the desktop window cannot open (${reason}); serving the same app in your browser instead.`);
  const { serve } = await import('../main/cli/commands/serve.ts');
  process.exitCode = await serve([]);
} else {
  const child = spawn(electronBinary()!, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => (process.exitCode = code ?? 1));
}
