// When the web agent answers again after being away, the project lists and the viewer read what
// changed meanwhile (events sent while the page was cut off are lost), keeping what is on screen.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { Asset, Comment, FileDetails, Project, Reply, SlateApi, Workspace } from '../../preload/contract.ts';
import { connectBridge } from '../../renderer/src/slate.ts';
import { agentReachable } from '../../renderer/src/store/agent.ts';
import { useBrowse } from '../../renderer/src/store/browse.ts';
import { useReview } from '../../renderer/src/store/review.ts';

const NOW = '2024-06-07T09:00:00.000Z';
const workspace = (id: string): Workspace => ({ id, name: id, accountId: 'acc', createdAt: NOW }) as Workspace;
const project = (id: string, workspaceId = 'w1'): Project => ({ id, name: id, workspaceId, rootFolderId: `${id}-root`, status: 'active', viewUrl: '' }) as Project;
const asset = (id: string): Asset => ({
  id, name: id, type: 'file', parentId: 'root', projectId: 'p1', size: 1, mediaType: 'video/webm', status: 'transcoded', createdAt: NOW, updatedAt: NOW, viewUrl: '', thumbnailUrl: null,
});
const details = (id: string): FileDetails => ({ ...asset(id), mediaLinks: [{ kind: 'original', url: `http://media/${id}` }], metadata: [] });
const comment = (id: string): Comment => ({
  id, text: id, timestamp: 13, durationFrames: null, shapes: [], page: null, completed: false, createdAt: NOW, author: { name: 'Sam', email: 'sam@example.com' }, replies: [],
});
const RATE = { name: '24', numerator: 24, denominator: 1, timebase: 24, dropFrame: false, source: 'metadata', startTimecode: '00:00:00:00', alternatives: [] };

type Answer = (input: Record<string, unknown>) => unknown;
let answers: Record<string, Answer>;
let calls: string[];
const away: Reply = { ok: false, error: { code: 'agent-unreachable', message: 'Slate agent not reachable.' } };

const bridge: SlateApi = {
  async invoke(channel, input) {
    calls.push(channel);
    const answer = answers[channel];
    return answer ? { ok: true, value: answer(input as Record<string, unknown>) } : away;
  },
  on: () => () => undefined,
  pathsForFiles: async () => [],
};
connectBridge(bridge);

/** The agent goes away and comes back; resolves once what that set off has settled. */
async function reconnect(): Promise<void> {
  agentReachable(false);
  agentReachable(true);
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

beforeEach(() => {
  calls = [];
  answers = {
    'workspaces:list': () => [workspace('w1')],
    'projects:list': () => [project('p1')],
    'folder:list': () => ({ items: [], next: null }),
    'file:show': ({ fileId }) => details(String(fileId)),
    'comments:list': () => [comment('c1')],
    'comments:frameRate': () => RATE,
    'stack:versions': () => [asset('v2'), asset('v1')],
  };
  useReview.getState().close();
  useBrowse.setState({ accountId: undefined, workspaces: [], workspaceId: undefined, projects: [], project: undefined });
});

test('the workspace and project lists are read again, keeping the chosen workspace and project', async () => {
  await useBrowse.getState().chooseAccount('acc');
  await useBrowse.getState().openProject(project('p1'));
  answers['workspaces:list'] = () => [workspace('w1'), workspace('w2')];
  answers['projects:list'] = ({ workspaceId }) => (workspaceId === 'w1' ? [project('p1'), project('p3')] : []);

  await reconnect();
  const state = useBrowse.getState();
  assert.deepEqual(state.workspaces.map((w) => w.id), ['w1', 'w2']);
  assert.deepEqual(state.projects.map((p) => p.id), ['p1', 'p3']);
  assert.equal(state.workspaceId, 'w1');
  assert.equal(state.project?.id, 'p1', 'the open project stays open');
});

test('a workspace deleted while the agent was away gives way to the first one left', async () => {
  await useBrowse.getState().chooseAccount('acc');
  answers['workspaces:list'] = () => [workspace('w2')];
  answers['projects:list'] = ({ workspaceId }) => (workspaceId === 'w2' ? [project('p9', 'w2')] : [project('p1')]);

  await reconnect();
  assert.equal(useBrowse.getState().workspaceId, 'w2');
  assert.deepEqual(useBrowse.getState().projects.map((p) => p.id), ['p9']);
});

test('lists that cannot be read again stay as they were', async () => {
  await useBrowse.getState().chooseAccount('acc');
  delete answers['workspaces:list'];
  await reconnect();
  assert.deepEqual(useBrowse.getState().workspaces.map((w) => w.id), ['w1']);
  assert.deepEqual(useBrowse.getState().projects.map((p) => p.id), ['p1']);
});

test("the viewer reads the open file's comments and versions again, keeping the selected comment and the file", async () => {
  await useReview.getState().openStack('acc', 'stack');
  useReview.getState().select('c1');
  const file = useReview.getState().file;
  answers['comments:list'] = () => [comment('c1'), comment('c2')];
  answers['stack:versions'] = () => [asset('v3'), asset('v2'), asset('v1')];
  calls = [];

  await reconnect();
  const state = useReview.getState();
  assert.deepEqual(state.comments.map((c) => c.id), ['c1', 'c2']);
  assert.deepEqual(state.versions.map((v) => v.id), ['v3', 'v2', 'v1']);
  assert.equal(state.selectedId, 'c1');
  assert.equal(state.file, file, 'the file and its media links stay, so the player keeps its place');
  assert.equal(calls.includes('file:show'), false);
});

test('a viewer whose file could not be opened while the agent was away opens it once the agent is back', async () => {
  const answering = answers;
  answers = {};
  await useReview.getState().open('acc', 'f1');
  assert.equal(useReview.getState().problem?.message, 'Slate agent not reachable.');
  answers = answering;

  await reconnect();
  const state = useReview.getState();
  assert.equal(state.file?.id, 'f1');
  assert.deepEqual(state.comments.map((c) => c.id), ['c1']);
  assert.equal(state.problem, undefined);
});

test('a closed viewer asks for nothing', async () => {
  await reconnect();
  assert.equal(calls.some((c) => c.startsWith('comments:') || c === 'file:show'), false);
});
