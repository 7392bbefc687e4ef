// A watch folder the policy refuses reaches the watch view's banner as the service said it: what
// happened and what to do, not the code or "something went wrong".
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { toFailure } from '../../main/core/dispatch.ts';
import { agentWatchPolicy, checkWatch } from '../../main/core/watch/policy.ts';
import { SlateFailure } from '../../renderer/src/slate.ts';
import { toProblem } from '../../renderer/src/store/problem.ts';

async function bannerFor(work: Promise<void>) {
  const refusal = await work.then(() => assert.fail('the policy let it through'), (error: unknown) => error);
  return toProblem(new SlateFailure(toFailure(refusal)));
}

test("the agent's data folder and a folder outside its roots are refused in the banner with what to do", async () => {
  const root = mkdtempSync(join(tmpdir(), 'slate-refusal-'));
  try {
    const dataDir = join(root, 'data');
    const media = join(root, 'media');
    mkdirSync(dataDir);
    mkdirSync(media);
    const policy = agentWatchPolicy(dataDir, [media], false);

    const data = await bannerFor(checkWatch(policy, dataDir, undefined));
    assert.match(data.message, /data folder/);
    assert.ok(data.action && data.action.length > 10, `an action is shown: ${JSON.stringify(data)}`);
    assert.doesNotMatch(data.message, /Something went wrong/);

    const outside = await bannerFor(checkWatch(policy, root, undefined));
    assert.match(outside.message, new RegExp(root.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
    assert.ok(outside.action, 'an action is shown');

    const deleting = await bannerFor(checkWatch(policy, media, { afterUpload: { action: 'delete' } }));
    assert.match(deleting.action ?? '', /--allow-delete-after-upload/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
