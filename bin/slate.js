#!/usr/bin/env node
// The `slate` command. It runs Slate's TypeScript directly, which needs Node 24; `npx slate`
// and `npm run` use the Node 24 the project pins.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`slate: needs Node 24 or newer (this is ${process.version}). Run it as \`npx slate\` inside the project, which uses the pinned Node.`);
  process.exit(2);
}
// Node keeps each module's compiled code (and its TypeScript with the types stripped) in its
// compile cache, in the temporary folder: a command starts in about half the CPU time.
const { enableCompileCache } = await import('node:module');
enableCompileCache();
await import('../main/cli/index.ts');
