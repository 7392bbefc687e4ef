// The file open in the viewer: its details, the versions of its stack, the rate its timecode counts
// at, and its comments with what the person does to them.
import { create } from 'zustand';
import type { Asset, Comment, ExportFormat, FileDetails, FrameRate, Shape } from '../../../preload/contract.ts';
import { saveText } from '../lib/history-export.ts';
import type { CommentFilter, CommentSort } from '../lib/comments.ts';
import { call, SlateFailure } from '../slate.ts';
import { onReconnect } from './agent.ts';
import { toProblem, type Problem } from './problem.ts';
import { useSession } from './session.ts';

interface ReviewState {
  accountId?: string;
  /** the file in the viewer, set from the moment it is asked for; the viewer is open while set */
  fileId?: string;
  file?: FileDetails;
  stackId?: string;
  /** the stack's versions, newest first as Frame.io lists them; empty when the file is not in a stack */
  versions: Asset[];
  /**
   * The rate timecode counts at: the file's own (`own`, read from its metadata, or else off Frame.io's
   * timecodes), or one of the `alternatives` the person chose to override it with.
   */
  rate?: ViewerRate;
  comments: Comment[];
  loading: boolean;
  problem?: Problem;
  selectedId?: string;
  filter: CommentFilter;
  sort: CommentSort;

  open(accountId: string, fileId: string, stackId?: string): Promise<void>;
  openStack(accountId: string, stackId: string): Promise<void>;
  close(): void;
  /** Reads the open file's comments and versions again, keeping what the person has chosen on screen. */
  reread(): Promise<void>;
  select(id: string | undefined): void;
  setFilter(filter: Partial<CommentFilter>): void;
  setSort(sort: CommentSort): void;
  chooseRate(name: string): void;
  /** at a frame (`timestamp`), on a document's `page`, or with neither on the whole file */
  create(text: string, place: { timestamp?: number; page?: number }, shapes: Shape[]): Promise<boolean>;
  edit(commentId: string, text: string): Promise<boolean>;
  setCompleted(commentId: string, completed: boolean): Promise<void>;
  remove(commentId: string): Promise<void>;
  /** `startTimecode`: where the export's timecodes start, when not the file's own */
  exportAs(format: ExportFormat, startTimecode?: string): Promise<void>;
}

export type RateSource = 'metadata' | 'timecodes' | 'assumed';

export interface ViewerRate extends FrameRate {
  source: RateSource;
  alternatives: FrameRate[];
  /** the file's first frame's timecode, from its metadata (00:00:00:00 without one) */
  startTimecode: string;
  /** the name of the rate the service read for the file; another name is the person's override */
  own: string;
}

/** Whether the person chose a rate other than the file's own. */
export const isOverride = (rate: ViewerRate) => rate.name !== rate.own;

/** What timecode counts at when Frame.io's cannot be read: the file still plays and takes comments. */
const ASSUMED_RATE = { name: '24', numerator: 24, denominator: 1, timebase: 24, dropFrame: false, source: 'assumed', alternatives: [], startTimecode: '00:00:00:00' } as const;

export const useReview = create<ReviewState>((set, get) => {
  /** Only the newest open applies, when the person switches versions faster than the network. */
  let generation = 0;

  /** Runs an action on the open file; a failure becomes the viewer's problem banner. */
  async function act<T>(work: (accountId: string, file: FileDetails) => Promise<T>): Promise<T | undefined> {
    const { accountId, file } = get();
    if (!accountId || !file) return undefined;
    set({ problem: undefined });
    try {
      return await work(accountId, file);
    } catch (error) {
      set({ problem: toProblem(error) });
      return undefined;
    }
  }

  /** An update's answer leaves out the author and replies; the ones already shown still hold. */
  const replace = (comment: Comment) =>
    set({ comments: get().comments.map((c) => (c.id === comment.id ? { ...comment, author: comment.author ?? c.author, replies: comment.replies.length ? comment.replies : c.replies } : c)) });

  return {
    versions: [],
    comments: [],
    loading: false,
    filter: { state: 'all', author: '', text: '' },
    sort: 'timecode',

    async open(accountId, fileId, stackId) {
      const mine = ++generation;
      const sameStack = stackId !== undefined && stackId === get().stackId && get().versions.length > 0;
      set({ accountId, fileId, stackId, file: undefined, rate: undefined, comments: [], selectedId: undefined, loading: true, problem: undefined, ...(sameStack ? {} : { versions: [] }) });
      try {
        const [file, comments, rate, versions] = await Promise.all([
          call('file:show', { accountId, fileId, playable: true }),
          call('comments:list', { accountId, fileId }),
          call('comments:frameRate', { accountId, fileId })
            .catch(() => ASSUMED_RATE)
            .then((read): ViewerRate => ({ ...read, alternatives: [...read.alternatives], own: read.name })),
          stackId && !sameStack ? call('stack:versions', { accountId, stackId }) : Promise.resolve(get().versions),
        ]);
        if (mine === generation) set({ file, comments, rate, versions, loading: false });
      } catch (error) {
        if (mine === generation) set({ problem: toProblem(error), loading: false });
      }
    },

    async openStack(accountId, stackId) {
      const mine = ++generation;
      set({ accountId, fileId: stackId, stackId, versions: [], file: undefined, comments: [], selectedId: undefined, loading: true, problem: undefined });
      try {
        const versions = await call('stack:versions', { accountId, stackId });
        if (mine !== generation) return;
        const head = versions[0];
        if (!head) throw new SlateFailure({ code: 'empty-stack', message: 'This version stack has no versions to show.' });
        set({ versions });
        await get().open(accountId, head.id, stackId);
      } catch (error) {
        if (mine === generation) set({ problem: toProblem(error), loading: false });
      }
    },

    close() {
      generation++;
      set({ fileId: undefined, file: undefined, stackId: undefined, versions: [], rate: undefined, comments: [], selectedId: undefined, problem: undefined, loading: false });
    },

    async reread() {
      const { accountId, fileId, file, stackId } = get();
      if (!accountId || !fileId) return;
      // An open that failed (the agent was away when it was asked for) is asked for again.
      if (!file) return stackId === fileId ? get().openStack(accountId, stackId) : get().open(accountId, fileId, stackId);
      const mine = generation;
      try {
        // The file itself stays: fresh media links would restart the player where the person was.
        const [comments, versions] = await Promise.all([
          call('comments:list', { accountId, fileId: file.id }),
          stackId ? call('stack:versions', { accountId, stackId }) : Promise.resolve(get().versions),
        ]);
        if (mine !== generation) return;
        const { selectedId } = get();
        set({ comments, versions, problem: undefined, selectedId: comments.some((c) => c.id === selectedId) ? selectedId : undefined });
      } catch (error) {
        if (mine === generation) set({ problem: toProblem(error) });
      }
    },

    select: (selectedId) => set({ selectedId }),
    setFilter: (filter) => set({ filter: { ...get().filter, ...filter } }),
    setSort: (sort) => set({ sort }),

    chooseRate(name) {
      const { rate } = get();
      const chosen = rate?.alternatives.find((r) => r.name === name);
      if (rate && chosen) set({ rate: { ...rate, ...chosen } });
    },

    async create(text, { timestamp, page }, shapes) {
      const created = await act((accountId, file) => call('comments:create', { accountId, fileId: file.id, text, timestamp, page, shapes: shapes.length ? shapes : undefined }));
      if (!created) return false;
      // Frame.io leaves out the author of a comment just made: it is the person signed in.
      const me = useSession.getState().me;
      const comment = { ...created, author: created.author ?? (me ? { name: me.name, email: me.email } : null) };
      set({ comments: [...get().comments, comment], selectedId: comment.id });
      return true;
    },

    async edit(commentId, text) {
      const edited = await act((accountId) => call('comments:edit', { accountId, commentId, text }));
      if (edited) replace(edited);
      return edited !== undefined;
    },

    async setCompleted(commentId, completed) {
      // Shown at once, as a checkbox should be; put back if Frame.io refuses.
      const flip = (to: boolean) => set({ comments: get().comments.map((c) => (c.id === commentId ? { ...c, completed: to } : c)) });
      flip(completed);
      const changed = await act((accountId) => call('comments:complete', { accountId, commentId, completed }));
      if (changed) replace(changed);
      else flip(!completed);
    },

    async remove(commentId) {
      const done = await act((accountId) => call('comments:delete', { accountId, commentId }));
      if (done) set({ comments: get().comments.filter((c) => c.id !== commentId), selectedId: get().selectedId === commentId ? undefined : get().selectedId });
    },

    async exportAs(format, startTimecode) {
      // The rate shown is the one exported: the file's own unless the person overrode it.
      const { rate } = get();
      const fps = rate && isOverride(rate) ? rate.name : undefined;
      const result = await act((accountId, file) => call('comments:export', { accountId, fileId: file.id, format, fps, startTimecode }));
      if (result) saveText(result.filename, result.mediaType, result.text);
    },
  };
});

// Comments made while the agent was away were announced to nobody: the viewer asks again.
onReconnect(() => void useReview.getState().reread());
