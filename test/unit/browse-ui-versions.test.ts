// Version stacks in the browser: versions numbered by the order Frame.io lists them (newest, the
// head, first), a stack's count read once per change of the stack, and a stack whose versions
// cannot be listed shown without a count rather than a wrong one.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { Asset, Reply, SlateApi } from '../../preload/contract.ts';
import { versionCountText, versionLabels } from '../../renderer/src/lib/versions.ts';
import { connectBridge } from '../../renderer/src/slate.ts';
import { visibleItems } from '../../renderer/src/store/browse.ts';
import { useStacks } from '../../renderer/src/store/stacks.ts';

const asset = (id: string, fields: Partial<Asset> = {}): Asset => ({
  id, name: `${id}.mov`, type: 'file', parentId: 'stack', projectId: 'p', size: 10, mediaType: 'video/quicktime', status: 'transcoded',
  createdAt: '2024-06-07T09:00:00.000Z', updatedAt: '2024-06-07T09:00:00.000Z', viewUrl: '', thumbnailUrl: null, ...fields,
});

let versions: Asset[] | undefined;
let asked: number;
connectBridge({
  async invoke(channel) {
    if (channel !== 'stack:versions') throw new Error(`unexpected ${channel}`);
    asked++;
    if (!versions) return { ok: false, error: { code: 'unreachable', message: 'Frame.io could not be reached.' } } satisfies Reply;
    return { ok: true, value: versions } satisfies Reply;
  },
  on: () => () => undefined,
  pathsForFiles: async () => [],
} satisfies SlateApi);

beforeEach(() => {
  asked = 0;
  useStacks.setState({ known: {} });
});

test('versions are numbered from the oldest, whatever their names; the first listed is the head', () => {
  const listed = [asset('c', { name: 'final.mov' }), asset('b', { name: 'zz_cut.mov' }), asset('a', { name: 'aa_first.mov' })];
  const labels = versionLabels(listed);
  assert.deepEqual(labels.get('c'), { number: 3, head: true });
  assert.deepEqual(labels.get('b'), { number: 2, head: false });
  assert.deepEqual(labels.get('a'), { number: 1, head: false });
  assert.equal(versionCountText(1), '1 version');
  assert.equal(versionCountText(3), '3 versions');
});

test('the version order puts the newest first, and turned around the oldest; a filter keeps the numbers', () => {
  const listed = [asset('c', { name: 'final.mov' }), asset('b', { name: 'zz_cut.mov' }), asset('a', { name: 'aa_first.mov' })];
  assert.deepEqual(visibleItems(listed, '', { key: 'version', descending: true }).map((v) => v.id), ['c', 'b', 'a']);
  assert.deepEqual(visibleItems(listed, '', { key: 'version', descending: false }).map((v) => v.id), ['a', 'b', 'c']);
  assert.deepEqual(visibleItems(listed, '', { key: 'name', descending: false }).map((v) => v.id), ['a', 'c', 'b']);
  assert.deepEqual(visibleItems(listed, 'f', { key: 'version', descending: true }).map((v) => v.id), ['c', 'a']);
});

test('a stack is listed once for its count and head, and again when its head changes', async () => {
  const stack = asset('s', { type: 'version_stack', parentId: 'folder' });
  versions = [asset('v2'), asset('v1')];
  await useStacks.getState().learn('acc', stack);
  await useStacks.getState().learn('acc', stack);
  assert.equal(asked, 1);
  assert.deepEqual(useStacks.getState().known.s?.info, { count: 2, headId: 'v2' });

  versions = [asset('v3'), asset('v2'), asset('v1')];
  await useStacks.getState().learn('acc', { ...stack, size: 99 });
  assert.equal(asked, 2);
  assert.deepEqual(useStacks.getState().known.s?.info, { count: 3, headId: 'v3' });

  // Slate's own version landing in the stack says so even when the stack looks the same.
  useStacks.getState().forget('s');
  await useStacks.getState().learn('acc', { ...stack, size: 99 });
  assert.equal(asked, 3);
});

test('a stack whose versions cannot be listed shows no count, and is asked again once it changes', async () => {
  const stack = asset('s', { type: 'version_stack', parentId: 'folder' });
  versions = undefined;
  await useStacks.getState().learn('acc', stack);
  assert.equal(useStacks.getState().known.s?.info, undefined);
  assert.equal(useStacks.getState().known.s?.failed, true);
  await useStacks.getState().learn('acc', stack);
  assert.equal(asked, 1, 'a failure is not asked again in a loop while the row shows');

  versions = [asset('v2'), asset('v1')];
  await useStacks.getState().learn('acc', { ...stack, updatedAt: '2024-06-08T09:00:00.000Z' });
  assert.deepEqual(useStacks.getState().known.s?.info, { count: 2, headId: 'v2' });
});
