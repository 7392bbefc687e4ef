// Every transfer job, kept current by the service's events, and the actions on them.
import { create } from 'zustand';
import type { ConflictPolicy, TransferConnection, TransferFilePage, TransferJob, TransferProgress } from '../../../preload/contract.ts';
import type { PickedFiles } from '../lib/drop.ts';
import { call, pathsForFiles, subscribe } from '../slate.ts';
import { onReconnect } from './agent.ts';
import { attempter, toProblem, type Problem } from './problem.ts';

interface TransfersState {
  jobs: Record<string, TransferJob>;
  progress: Record<string, TransferProgress>;
  /** the page of each open job's files that is on screen: a job of 100,000 files is never loaded whole */
  files: Record<string, TransferFilePage>;
  /** whether Frame.io answers the transfers; unknown until the service says */
  connection?: TransferConnection;
  problem?: Problem;
  /** A drop being staged or handed over; shown while it happens. */
  preparing: number;
  start(): () => void;
  upload(picked: PickedFiles, accountId: string, folderId: string, conflict?: ConflictPolicy): Promise<void>;
  uploadVersion(picked: PickedFiles, accountId: string, fileId: string): Promise<void>;
  remote(accountId: string, folderId: string, url: string, name: string): Promise<boolean>;
  /** Loads the page of the job's list from place `offset` (by default the page already shown). */
  loadFiles(jobId: string, offset?: number): Promise<void>;
  closeFiles(jobId: string): void;
  act(action: 'pause' | 'resume' | 'cancel', jobId: string): Promise<void>;
  /** Pauses without waiting for the parts on their way: they stop, and go again from their start on resume. */
  pauseNow(jobId: string): Promise<void>;
  move(jobId: string, by: number): Promise<void>;
  pauseAll(): Promise<boolean>;
  resumeAll(): Promise<boolean>;
  dismissProblem(): void;
}

/** Rows of a job's list held at once: a few screens around the one in view. */
export const FILE_PAGE = 200;

/** The page each open list asked for last, by job. */
const wanted = new Map<string, number>();

export const useTransfers = create<TransfersState>((set, get) => {
  const keep = (jobs: TransferJob[]) => set({ jobs: { ...get().jobs, ...Object.fromEntries(jobs.map((job) => [job.id, job])) } });
  const attempt = attempter(set);

  return {
    jobs: {},
    progress: {},
    files: {},
    preparing: 0,

    start() {
      // The whole list: after a lost connection, what changed meanwhile is only known by asking.
      const list = () => attempt(async () => set({ jobs: Object.fromEntries((await call('transfers:list', {})).map((job) => [job.id, job])) }));
      const connection = () =>
        call('transfers:connection', {})
          .then((state) => set({ connection: state }))
          .catch(() => undefined);
      void list();
      void connection();
      const stops = [
        onReconnect(() => {
          void list();
          void connection();
          for (const jobId of Object.keys(get().files)) void get().loadFiles(jobId);
        }),
        subscribe('transfers:connection', (state) => set({ connection: state })),
        subscribe('transfers:job', (job) => {
          const before = get().jobs[job.id];
          keep([job]);
          // A job that stops or starts may change many rows in one go (a cancel marks the rest at once).
          if (before && before.state !== job.state && get().files[job.id]) void get().loadFiles(job.id);
        }),
        subscribe('transfers:progress', (progress) => set({ progress: { ...get().progress, [progress.jobId]: progress } })),
        // Only a row on screen changes; the others are read when scrolled to.
        subscribe('transfers:file', ({ jobId, file }) => {
          const page = get().files[jobId];
          const at = page?.files.findIndex((f) => f.id === file.id) ?? -1;
          if (!page || at < 0) return;
          set({ files: { ...get().files, [jobId]: { ...page, files: page.files.with(at, file) } } });
        }),
      ];
      return () => stops.forEach((stop) => stop());
    },

    async upload(picked, accountId, folderId, conflict) {
      if (picked.files.length === 0) return;
      set({ preparing: get().preparing + 1, problem: undefined });
      await attempt(async () => {
        const paths = await pathsForFiles(picked.files, picked.relativePaths);
        if (paths.length === 0) throw new Error('Nothing in that drop could be read as a file.');
        keep([await call('transfers:upload', { accountId, folderId, paths, conflict })]);
      });
      set({ preparing: get().preparing - 1 });
    },

    async uploadVersion(picked, accountId, fileId) {
      const file = picked.files[0];
      if (!file) return;
      set({ preparing: get().preparing + 1, problem: undefined });
      await attempt(async () => {
        const [path] = await pathsForFiles([file], ['']);
        if (!path) throw new Error('That file could not be read.');
        keep([await call('transfers:version', { accountId, fileId, path })]);
      });
      set({ preparing: get().preparing - 1 });
    },

    async remote(accountId, folderId, url, name) {
      try {
        keep([await call('transfers:remote', { accountId, folderId, url, name })]);
        return true;
      } catch (error) {
        set({ problem: toProblem(error) });
        return false;
      }
    },

    async loadFiles(jobId, offset = wanted.get(jobId) ?? 0) {
      wanted.set(jobId, offset);
      await attempt(async () => {
        const page = await call('transfers:filePage', { jobId, offset, limit: FILE_PAGE });
        // Scrolled on (or closed) while this page was on its way: it is no longer the one to show.
        if (wanted.get(jobId) === offset) set({ files: { ...get().files, [jobId]: page } });
      });
    },

    closeFiles(jobId) {
      const { [jobId]: _closed, ...rest } = get().files;
      wanted.delete(jobId);
      set({ files: rest });
    },

    async act(action, jobId) {
      await attempt(async () => keep([await call(`transfers:${action}`, { jobId })]));
    },

    async pauseNow(jobId) {
      await attempt(async () => keep([await call('transfers:pause', { jobId, now: true })]));
    },

    async move(jobId, by) {
      const job = get().jobs[jobId];
      if (!job) return;
      const priority = Math.max(-100, Math.min(100, job.priority + by));
      await attempt(async () => keep([await call('transfers:priority', { jobId, priority })]));
    },

    pauseAll: () => attempt(async () => keep(await call('transfers:pauseAll', {}))),
    resumeAll: () => attempt(async () => keep(await call('transfers:resumeAll', {}))),
    dismissProblem: () => set({ problem: undefined }),
  };
});

export const ACTIVE_STATES: ReadonlyArray<TransferJob['state']> = ['queued', 'running', 'paused'];

/** Jobs newest first, the unfinished ones on top in priority order. */
export function orderedJobs(jobs: Record<string, TransferJob>): TransferJob[] {
  const active = (job: TransferJob) => (ACTIVE_STATES.includes(job.state) ? 0 : 1);
  return Object.values(jobs).sort((a, b) => active(a) - active(b) || b.priority - a.priority || b.createdAt - a.createdAt);
}
