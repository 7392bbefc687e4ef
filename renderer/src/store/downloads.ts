// The Download dialog: what it is open for, the local folder it sends things to, and starting the
// jobs, which then show in Transfers like any upload. The folder is offered from the last download.
import { create } from 'zustand';
import type { Asset, DownloadConflict } from '../../../preload/contract.ts';
import { call } from '../slate.ts';
import { attempter, type Problem } from './problem.ts';

/** A file, folder or version stack to bring down, as the browser knows it, or a share's assets. */
export interface DownloadTarget {
  id: string;
  name: string;
  type: Asset['type'] | 'share';
}

interface DownloadsState {
  /** what the dialog is open for; undefined while it is closed */
  targets?: DownloadTarget[];
  accountId?: string;
  folder: string;
  problem?: Problem;
  open(accountId: string, targets: DownloadTarget[]): Promise<void>;
  close(): void;
  setFolder(folder: string): void;
  /** The desktop's folder picker; the folder stays as it was when the person cancels. */
  pick(): Promise<void>;
  /** Resolves with whether the jobs started (the dialog then closes). */
  start(choices: { conflict: DownloadConflict; allVersions: boolean }): Promise<boolean>;
}

export const useDownloads = create<DownloadsState>((set, get) => {
  const attempt = attempter(set);
  return {
    folder: '',
    async open(accountId, targets) {
      set({ accountId, targets, problem: undefined });
      await attempt(async () => {
        const { path } = await call('transfers:downloadFolder', {});
        // The person may have typed or picked already while it was asked.
        if (path && get().folder === '') set({ folder: path });
      });
    },
    close: () => set({ targets: undefined, problem: undefined }),
    setFolder: (folder) => set({ folder }),
    async pick() {
      await attempt(async () => {
        const { path } = await call('dialog:pickFolder', { purpose: 'download' });
        if (path) set({ folder: path });
      });
    },
    async start({ conflict, allVersions }) {
      const { accountId, targets, folder } = get();
      if (!accountId || !targets) return false;
      const started = await attempt(async () => {
        await call('transfers:download', { accountId, assetIds: targets.map((t) => t.id), to: folder, conflict, allVersions });
      });
      if (started) set({ targets: undefined });
      return started;
    },
  };
});
