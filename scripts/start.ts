// `npm start`: build, then open the desktop app. Where Electron cannot run (its binary was never
// downloaded, or there is no display) say so in one line and serve the same UI from the web agent.
import { spawn } from 'node:child_process';
import { build } from 'electron-vite';
import { electronBinary, whyNoElectron } from './electron-binary.ts';

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
