// `npm test [-- paths...]`: every test file under test/ (or the given ones), in Node 24's test
// runner, closing with the plain line CI reads: "N passed, N failed, N skipped".
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const targets = process.argv.slice(2);
// A folder stands for every test file under it.
const globPatterns = (targets.length > 0 ? targets : ['test']).map((t) => (t.endsWith('.ts') ? t : `${t.replace(/\/+$/, '')}/**/*.test.ts`));
// A run that hangs should say where, well before CI stops it blind.
const RUN_LIMIT_MS = 25 * 60_000;

const stream = run({
  cwd: root,
  globPatterns,
  concurrency: 2,
  timeout: 120_000,
  // A file whose tests are done ends even if something it started still holds its event loop, so a
  // leaked handle cannot hang the run.
  forceExit: true,
  // Past the limit the runner cancels what is still running and names it.
  signal: AbortSignal.timeout(RUN_LIMIT_MS),
});

let passed = 0;
let failed = 0;
let skipped = 0;
// Suites report too; only the tests inside them count.
stream.on('test:pass', (data) => {
  if (data.details.type === 'suite') return;
  if (data.skip || data.todo) skipped++;
  else passed++;
});
stream.on('test:fail', (data) => {
  if (data.details.type !== 'suite') failed++;
});
stream.on('end', () => {
  process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  process.exitCode = failed > 0 ? 1 : 0;
});
stream.compose(spec).pipe(process.stdout);
