// `npm test [-- paths...]`: every test file under test/ (or the given ones), in Node 24's test runner.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const targets = process.argv.slice(2);
// A folder stands for every test file under it.
const files = (targets.length > 0 ? targets : ['test']).map((t) => (t.endsWith('.ts') ? t : `${t.replace(/\/+$/, '')}/**/*.test.ts`));

const result = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-concurrency=2',
    '--test-timeout=120000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./test/support/summary-reporter.ts',
    '--test-reporter-destination=stdout',
    ...files,
  ],
  { cwd: root, stdio: 'inherit' },
);
process.exitCode = result.status ?? 1;
