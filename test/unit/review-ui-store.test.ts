// The viewer's stores against a stand-in for window.slate: what is asked of the service, and what
// the viewer shows when it answers or refuses.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import type { Asset, Comment, FileDetails, Reply, SlateApi } from '../../preload/contract.ts';
import { connectBridge } from '../../renderer/src/slate.ts';
import { useDraft } from '../../renderer/src/store/draft.ts';
import { usePages } from '../../renderer/src/store/pages.ts';
import { usePlayback } from '../../renderer/src/store/playback.ts';
import { isOverride, useReview } from '../../renderer/src/store/review.ts';
import { useSession } from '../../renderer/src/store/session.ts';

/** the media element the playhead drives, stood in for by a plain object here */
type Media = Parameters<ReturnType<typeof usePlayback.getState>['attach']>[0];

const NOW = '2024-06-07T09:00:00.000Z';
const asset = (id: string, name: string): Asset => ({
  id, name, type: 'file', parentId: 'stack', projectId: 'p', size: 1, mediaType: 'video/webm', status: 'transcoded', createdAt: NOW, updatedAt: NOW, viewUrl: '', thumbnailUrl: null,
});
const details = (id: string): FileDetails => ({ ...asset(id, `${id}.webm`), mediaLinks: [{ kind: 'original', url: `http://media/${id}` }], metadata: [] });
const comment = (id: string, fields: Partial<Comment> = {}): Comment => ({
  id, text: id, timestamp: 13, durationFrames: null, shapes: [], page: null, completed: false, createdAt: NOW, author: { name: 'Sam', email: 'sam@example.com' }, replies: [], ...fields,
});
const NTSC = { name: '23.976', numerator: 24000, denominator: 1001, timebase: 24, dropFrame: false };
const RATE = { name: '24', numerator: 24, denominator: 1, timebase: 24, dropFrame: false, source: 'timecodes', startTimecode: '00:00:00:00', alternatives: [NTSC, { name: '24', numerator: 24, denominator: 1, timebase: 24, dropFrame: false }] };
const PAL = { name: '25', numerator: 25, denominator: 1, timebase: 25, dropFrame: false };

type Answer = (input: Record<string, unknown>) => unknown;
let answers: Record<string, Answer>;
let calls: Array<[string, Record<string, unknown>]>;

const bridge: SlateApi = {
  async invoke(channel, input) {
    calls.push([channel, input as Record<string, unknown>]);
    const answer = answers[channel];
    if (!answer) return { ok: false, error: { code: 'refused', message: `${channel} refused` } } satisfies Reply;
    return { ok: true, value: answer(input as Record<string, unknown>) } satisfies Reply;
  },
  on: () => () => undefined,
  pathsForFiles: async () => [],
};
connectBridge(bridge);

beforeEach(() => {
  calls = [];
  answers = {
    'file:show': ({ fileId }) => details(String(fileId)),
    'comments:list': ({ fileId }) => [comment(`${fileId}-note`, { replies: [comment('reply', { timestamp: null })] })],
    'comments:frameRate': () => RATE,
    'stack:versions': () => [asset('v2', 'v2.webm'), asset('v1', 'v1.webm')],
  };
  useReview.getState().close();
  useSession.setState({ me: { id: 'me', name: 'Rosa', email: 'rosa@example.com', avatarUrl: null } });
});

test('a stack opens at its newest version, the first Frame.io lists, and switching keeps the versions', async () => {
  await useReview.getState().openStack('acc', 'stack');
  const state = useReview.getState();
  assert.equal(state.file?.id, 'v2');
  assert.deepEqual(state.versions.map((v) => v.id), ['v2', 'v1']);
  assert.deepEqual(state.rate, { ...RATE, own: '24' });

  await state.open('acc', 'v1', 'stack');
  assert.equal(useReview.getState().file?.id, 'v1');
  assert.deepEqual(useReview.getState().comments.map((c) => c.id), ['v1-note']);
  assert.equal(calls.filter(([channel]) => channel === 'stack:versions').length, 1, 'the versions are read once per stack');
});

test('a rate Frame.io cannot give is assumed, and the file still opens', async () => {
  delete answers['comments:frameRate'];
  await useReview.getState().open('acc', 'v1');
  assert.equal(useReview.getState().problem, undefined);
  assert.deepEqual(useReview.getState().rate, { ...RATE, source: 'assumed', alternatives: [], own: '24' });
});

test('a rate the person chooses among those Frame.io cannot tell apart is the one exported', async () => {
  answers['comments:export'] = () => ({ filename: 'a.csv', mediaType: 'text/csv', text: '', frameRate: '23.976' });
  await useReview.getState().open('acc', 'v1');
  useReview.getState().chooseRate('25');
  assert.equal(useReview.getState().rate?.name, '24', 'only an alternative can be chosen');
  useReview.getState().chooseRate('23.976');
  assert.deepEqual(useReview.getState().rate, { ...RATE, ...NTSC, own: '24' });
  // Saving needs a document; what was asked of the service is what matters here.
  await useReview.getState().exportAs('csv').catch(() => undefined);
  const [, input] = calls.find(([channel]) => channel === 'comments:export')!;
  assert.equal(input.fps, '23.976');
});

test("a file's own rate (its metadata) is exported as the file's, and a rate chosen over it as an override", async () => {
  answers['comments:frameRate'] = () => ({ ...NTSC, source: 'metadata', startTimecode: '01:00:00:00', alternatives: [NTSC, PAL] });
  answers['comments:export'] = () => ({ filename: 'a.csv', mediaType: 'text/csv', text: '', frameRate: '23.976' });
  await useReview.getState().open('acc', 'v1');
  const opened = useReview.getState().rate!;
  assert.equal(opened.name, '23.976');
  assert.equal(isOverride(opened), false);
  await useReview.getState().exportAs('edl').catch(() => undefined);
  assert.equal(calls.find(([channel]) => channel === 'comments:export')![1].fps, undefined, "the service uses the file's own rate");

  useReview.getState().chooseRate('25');
  assert.equal(isOverride(useReview.getState().rate!), true);
  assert.equal(useReview.getState().rate?.own, '23.976');
  calls = [];
  await useReview.getState().exportAs('edl', '00:59:50:00').catch(() => undefined);
  const [, input] = calls.find(([channel]) => channel === 'comments:export')!;
  assert.equal(input.fps, '25');
  assert.equal(input.startTimecode, '00:59:50:00');
});

test('a new comment is credited to the person signed in, since Frame.io leaves its author out', async () => {
  answers['comments:create'] = (input) => ({ ...comment('new', { text: String(input.text), timestamp: Number(input.timestamp) }), author: null });
  await useReview.getState().open('acc', 'v1');
  assert.equal(await useReview.getState().create('Boom in shot', { timestamp: 14 }, []), true);
  const [, input] = calls.find(([channel]) => channel === 'comments:create')!;
  assert.deepEqual(input, { accountId: 'acc', fileId: 'v1', text: 'Boom in shot', timestamp: 14, page: undefined, shapes: undefined });
  const created = useReview.getState().comments.at(-1)!;
  assert.deepEqual(created.author, { name: 'Rosa', email: 'rosa@example.com' });
  assert.equal(useReview.getState().selectedId, 'new');
});

test("a comment on a document's page is sent with its page and no timestamp", async () => {
  answers['comments:create'] = (input) => comment('on-page', { text: String(input.text), timestamp: null, page: Number(input.page) });
  await useReview.getState().open('acc', 'v1');
  const rect = { tool: 'rect' as const, color: '#F22237', size: 4, x: 0.1, y: 0.1, w: 0.2, h: 0.2 };
  assert.equal(await useReview.getState().create('Swap these', { page: 2 }, [rect]), true);
  const [, input] = calls.find(([channel]) => channel === 'comments:create')!;
  assert.deepEqual(input, { accountId: 'acc', fileId: 'v1', text: 'Swap these', timestamp: undefined, page: 2, shapes: [rect] });
  assert.equal(useReview.getState().comments.at(-1)!.page, 2);
});

test('the page showing is held within the document once its length is known', () => {
  const pages = usePages.getState();
  pages.reset();
  assert.deepEqual([usePages.getState().page, usePages.getState().pages], [1, 0]);
  usePages.getState().goTo(5);
  assert.equal(usePages.getState().page, 5, 'a page asked for before the document is read is kept');
  usePages.getState().opened(3);
  assert.deepEqual([usePages.getState().page, usePages.getState().pages], [3, 3]);
  usePages.getState().step(1);
  assert.equal(usePages.getState().page, 3);
  usePages.getState().step(-5);
  assert.equal(usePages.getState().page, 1);
  usePages.getState().goTo(2.5);
  usePages.getState().goTo(Number.NaN);
  assert.equal(usePages.getState().page, 1, 'not a page number: nothing moves');
});

test('completing shows at once and is put back when Frame.io refuses', async () => {
  await useReview.getState().open('acc', 'v1');
  const pending = useReview.getState().setCompleted('v1-note', true);
  assert.equal(useReview.getState().comments[0]!.completed, true, 'shown before the answer');
  await pending;
  assert.equal(useReview.getState().comments[0]!.completed, false);
  assert.equal(useReview.getState().problem?.message, 'comments:complete refused');
});

test("an edit's answer keeps the author and replies already shown", async () => {
  answers['comments:edit'] = (input) => ({ ...comment('v1-note', { text: String(input.text) }), author: null, replies: [] });
  await useReview.getState().open('acc', 'v1');
  assert.equal(await useReview.getState().edit('v1-note', 'Better words'), true);
  const [edited] = useReview.getState().comments;
  assert.equal(edited!.text, 'Better words');
  assert.equal(edited!.author?.name, 'Sam');
  assert.equal(edited!.replies.length, 1);
});

test('the playhead seeks to the middle of a frame, held inside the file, and reads the frame back', async () => {
  await useReview.getState().open('acc', 'v1');
  const media = { currentTime: 0, duration: 2, paused: true, ended: false, readyState: 4, seekable: { length: 1, end: () => 2 }, pause() {}, play: async () => undefined };
  const playback = usePlayback.getState();
  playback.attach(media as unknown as Media);
  playback.sync();
  assert.equal(usePlayback.getState().frames, 48);

  usePlayback.getState().seek(13);
  assert.equal(media.currentTime, 13.5 / 24);
  usePlayback.getState().seek(99);
  assert.equal(usePlayback.getState().frame, 47);
  usePlayback.getState().sync();
  assert.equal(usePlayback.getState().frame, 47);
  usePlayback.getState().step(-2);
  assert.equal(usePlayback.getState().frame, 45);
});

test('media its server will not seek in is left to play on', async () => {
  await useReview.getState().open('acc', 'v1');
  const media = { currentTime: 0.5, duration: 2, paused: true, ended: false, readyState: 4, seekable: { length: 1, end: () => 0 }, pause() {} };
  usePlayback.getState().attach(media as unknown as Media);
  usePlayback.getState().sync();
  assert.equal(usePlayback.getState().seekable, false);
  usePlayback.getState().seek(3);
  assert.equal(media.currentTime, 0.5);
});

test('a drawing stays on the frame of its first shape until it is undone or cleared', () => {
  const rect = { tool: 'rect' as const, color: '#F22237', size: 4, x: 0.1, y: 0.1, w: 0.2, h: 0.2 };
  const draft = useDraft.getState();
  draft.clear();
  draft.add(rect, 13);
  useDraft.getState().add({ ...rect, x: 0.5 }, 20);
  assert.equal(useDraft.getState().frame, 13);
  useDraft.getState().undo();
  assert.equal(useDraft.getState().frame, 13);
  useDraft.getState().undo();
  assert.equal(useDraft.getState().frame, null);
  useDraft.getState().add(rect, 5);
  useDraft.getState().clear();
  assert.deepEqual([useDraft.getState().shapes, useDraft.getState().frame], [[], null]);
});
