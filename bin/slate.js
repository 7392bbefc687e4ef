#!/usr/bin/env -S node --max-semi-space-size=8
// The `slate` command. It runs Slate's TypeScript directly, which needs Node 24; `npx slate`
// and `npm run` use the Node 24 the project pins.
// The semi-space cap: with much memory free, V8 lets its young generation grow to ~130 MB under a
// long job's stream of short-lived request objects (the heap in use after a GC stays near 15 MB),
// which took a 30,000-file upload past 300 MB. V8 reads the cap only as its heap is set up, so it
// goes where the command starts: this line, which `slate` and `npx slate` run through (they run
// the file itself). `node bin/slate.js` passes it by.
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
