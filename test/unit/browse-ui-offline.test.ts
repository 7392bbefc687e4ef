// What the browser and the shares list show when a list cannot be read: what was last loaded,
// with when, and never an empty list that is not; and a share link shown only for what it shares.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { Asset, Reply, Share, SlateApi } from '../../preload/contract.ts';
import { lookAgainAfter, LOOK_AGAIN_MS } from '../../renderer/src/lib/live-folder.ts';
import { staleNote } from '../../renderer/src/lib/offline.ts';
import { connectBridge } from '../../renderer/src/slate.ts';
import { agentReachable, onReconnect, useAgent } from '../../renderer/src/store/agent.ts';
import { useBrowse } from '../../renderer/src/store/browse.ts';
import { useShares } from '../../renderer/src/store/shares.ts';

const NOW = '2024-06-07T09:00:00.000Z';
const asset = (id: string, type: Asset['type'] = 'file'): Asset => ({
  id, name: id, type, parentId: 'root', projectId: 'p', size: 1, mediaType: null, status: 'uploaded', createdAt: NOW, updatedAt: NOW, viewUrl: '', thumbnailUrl: null,
});
const share = (id: string): Share => ({
  id, name: id, shortUrl: `https://f.io/s/${id}`, access: 'public', enabled: true, downloading: true, commenting: true, expiration: null, hasPassphrase: false, createdAt: NOW,
});
const project = { id: 'p', name: 'Harbor', workspaceId: 'w', rootFolderId: 'root', status: 'active' as const, viewUrl: '' };

type Answer = (input: Record<string, unknown>) => unknown;
let answers: Record<string, Answer>;
const offline: Reply = { ok: false, error: { code: 'api:network', message: 'Could not reach Frame.io', action: 'Check the network connection.' } };

const bridge: SlateApi = {
  async invoke(channel, input) {
    const answer = answers[channel];
    if (!answer) return offline;
    return { ok: true, value: answer(input as Record<string, unknown>) };
  },
  on: () => () => undefined,
  pathsForFiles: async () => [],
};
connectBridge(bridge);
const answering = bridge.invoke;

beforeEach(async () => {
  bridge.invoke = answering;
  answers = {
    'folder:list': ({ folderId }) => ({ items: folderId === 'root' ? [asset('cuts', 'folder'), asset('a.mov')] : [asset('b.mov')], next: null }),
  };
  useBrowse.setState({ accountId: 'acc', path: [], items: [], stale: undefined, problem: undefined, selectedId: undefined });
  await useBrowse.getState().openProject(project);
});

test('offline, Refresh keeps what was loaded and says when; back online it is current again', async () => {
  await useBrowse.getState().select('a.mov');
  delete answers['folder:list'];
  await useBrowse.getState().refresh();
  const state = useBrowse.getState();
  assert.deepEqual(state.items.map((i) => i.id), ['cuts', 'a.mov']);
  assert.equal(state.stale?.why, 'frameio');
  assert.equal(typeof state.stale?.loadedAt, 'number');
  assert.equal(state.problem, undefined);
  assert.equal(state.selectedId, 'a.mov', 'the selection stays');
  assert.equal(staleNote(state.stale!, 'never', () => '14:02'), 'Showing what was loaded at 14:02 — Frame.io cannot be reached.');

  answers['folder:list'] = () => ({ items: [asset('cuts', 'folder'), asset('a.mov'), asset('new.mov')], next: null });
  await useBrowse.getState().reload();
  assert.equal(useBrowse.getState().stale, undefined);
  assert.deepEqual(useBrowse.getState().items.map((i) => i.id), ['cuts', 'a.mov', 'new.mov']);
  assert.equal(useBrowse.getState().selectedId, 'a.mov', 'a live update keeps the selection');
});

test('offline, a folder never loaded shows nothing of another folder and says why', async () => {
  delete answers['folder:list'];
  await useBrowse.getState().open(asset('cuts', 'folder'));
  const state = useBrowse.getState();
  assert.deepEqual(state.path.map((c) => c.id), ['root', 'cuts']);
  assert.deepEqual(state.items, [], 'the root folder\'s items do not stand under "cuts"');
  assert.deepEqual(state.stale, { loadedAt: null, why: 'frameio' });
  assert.equal(staleNote(state.stale!, 'This folder has not been loaded yet'), 'This folder has not been loaded yet: Frame.io cannot be reached.');
});

test('offline, a folder loaded before shows its own last contents', async () => {
  await useBrowse.getState().open(asset('cuts', 'folder'));
  await useBrowse.getState().goTo(0);
  delete answers['folder:list'];
  await useBrowse.getState().open(asset('cuts', 'folder'));
  assert.deepEqual(useBrowse.getState().items.map((i) => i.id), ['b.mov']);
  assert.equal(useBrowse.getState().stale?.why, 'frameio');
});

test('a refusal is a problem, not a stale list', async () => {
  answers['folder:list'] = () => {
    throw new Error('unreachable in this test');
  };
  bridge.invoke = async (channel, input) =>
    channel === 'folder:list' ? { ok: false, error: { code: 'api:not-found', message: 'Frame.io could not find it' } } : { ok: true, value: answers[channel]?.(input as Record<string, unknown>) };
  await useBrowse.getState().open(asset('cuts', 'folder'));
  assert.equal(useBrowse.getState().stale, undefined);
  assert.equal(useBrowse.getState().problem?.message, 'Frame.io could not find it');
  assert.deepEqual(useBrowse.getState().items, []);
});

test('shares offline: the last list with its time, and no "no share links" when none could be read', async () => {
  const shares = useShares.getState();
  bridge.invoke = async () => offline;
  await shares.load('acc', 'never-loaded');
  assert.deepEqual([useShares.getState().shares, useShares.getState().listedFor, useShares.getState().stale], [[], 'never-loaded', { loadedAt: null, why: 'frameio' }]);

  bridge.invoke = async () => ({ ok: true, value: [share('s1')] });
  await shares.load('acc', 'p');
  bridge.invoke = async () => offline;
  await shares.load('acc', 'p');
  assert.deepEqual(useShares.getState().shares.map((s) => s.id), ['s1']);
  assert.equal(useShares.getState().stale?.why, 'frameio');
});

test('a share link made for one file belongs to that file only', async () => {
  bridge.invoke = async () => ({ ok: true, value: share('s2') });
  assert.equal(await useShares.getState().create('acc', 'p', { name: 'a', access: 'public', assetIds: ['a.mov'], downloading: true }), true);
  assert.equal(useShares.getState().created['a.mov']?.id, 's2');
  assert.equal(useShares.getState().created['b.mov'], undefined);
});

test('the stores re-read once the agent answers again, not before and not twice', () => {
  let rereads = 0;
  const stop = onReconnect(() => rereads++);
  agentReachable(false, 1_000);
  assert.deepEqual(useAgent.getState(), { reachable: false, lostAt: 1_000 });
  agentReachable(false, 2_000);
  assert.equal(rereads, 0);
  agentReachable(true);
  agentReachable(true);
  assert.equal(rereads, 1);
  stop();
});

test('a folder on screen is looked at again within a tenth of Frame.io\'s listing limit', () => {
  assert.equal(lookAgainAfter(10), LOOK_AGAIN_MS);
  // 10,000 items: 1 + 20 pages; at most 10 listings a minute
  assert.equal(lookAgainAfter(10_000), 21 * 6_000);
});
