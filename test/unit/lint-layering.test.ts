// The layering rule fails a violating import and passes an allowed one, run through ESLint itself
// with the project's configuration on snippets placed in each layer's folder.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.filter((m) => m.ruleId === 'slate/layering').map((m) => m.message);
}

const cases: Array<[file: string, source: string, allowed: boolean]> = [
  ['main/core/probe.ts', '../electron/window.ts', false],
  ['main/core/probe.ts', '../web/server.ts', false],
  ['main/core/probe.ts', '../backend.ts', false],
  ['main/core/probe.ts', '../../preload/contract.ts', true],
  ['main/core/api/probe.ts', '../db.ts', true],
  ['main/web/probe.ts', '../electron/ipc.ts', false],
  ['main/electron/probe.ts', '../web/server.ts', false],
  ['main/electron/probe.ts', '../core/service.ts', true],
  ['main/cli/commands/probe.ts', '../../web/server.ts', true],
  ['main/cli/commands/probe.ts', '../../electron/window.ts', false],
  ['renderer/src/probe.ts', '../../main/core/db.ts', false],
  ['renderer/src/probe.ts', '../../preload/contract.ts', true],
  ['preload/probe.ts', '../main/core/service.ts', false],
  ['main/sandbox/probe.ts', '../core/api/client.ts', false],
  ['main/sandbox/handlers/probe.ts', '../../core/review/technical.ts', false],
  ['main/sandbox/probe.ts', '../cli/output.ts', false],
  ['main/sandbox/handlers/probe.ts', '../../common/operations.generated.ts', true],
  ['main/sandbox/probe.ts', '../common/timecode.ts', true],
  ['main/sandbox/handlers/probe.ts', '../store/records.ts', true],
  ['main/common/probe.ts', '../core/db.ts', false],
  ['main/common/probe.ts', '../sandbox/server.ts', false],
  ['main/core/review/probe.ts', '../../common/timecode.ts', true],
  ['renderer/src/probe.ts', '../../main/common/timecode.ts', false],
];

test('each layer imports only what it may', async () => {
  for (const [file, source, allowed] of cases) {
    const errors = await layeringErrors(file, `export { x } from '${source}';\n`);
    assert.equal(errors.length, allowed ? 0 : 1, `${file} importing ${source}: ${errors.join(' ')}`);
    if (!allowed) assert.match(errors[0]!, /may not import .* it may import only itself/);
  }
  const dynamic = await layeringErrors('main/core/probe.ts', "export const load = () => import('../electron/window.ts');\n");
  assert.equal(dynamic.length, 1, 'dynamic imports count too');
});
