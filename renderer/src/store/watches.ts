// Watch folders as the service runs them, kept current by its events.
import { create } from 'zustand';
import type { Watch, WatchFile, WatchSettings } from '../../../preload/contract.ts';
import { call, subscribe } from '../slate.ts';
import { onReconnect } from './agent.ts';
import { attempter, type Problem } from './problem.ts';

interface WatchesState {
  watches: Record<string, Watch>;
  files: Record<string, WatchFile[]>;
  problem?: Problem;
  start(): () => void;
  pickFolder(): Promise<string | undefined>;
  add(dir: string, accountId: string, folderId: string, settings?: Partial<WatchSettings>): Promise<boolean>;
  /** Resolves with whether the service took the settings. */
  /** `folderId` points the watch at another Frame.io folder of its account. */
  update(watchId: string, settings: Partial<WatchSettings>, folderId?: string): Promise<boolean>;
  /** lookNow: a full look at the folder, for what arrived without an event (network shares) */
  act(action: 'pause' | 'resume' | 'lookNow', watchId: string): Promise<void>;
  remove(watchId: string): Promise<void>;
  loadFiles(watchId: string): Promise<void>;
  dismissProblem(): void;
}

export const useWatches = create<WatchesState>((set, get) => {
  const keep = (watches: Watch[]) => set({ watches: { ...get().watches, ...Object.fromEntries(watches.map((w) => [w.id, w])) } });
  const attempt = attempter(set);

  return {
    watches: {},
    files: {},
    start() {
      // The whole list each time: after a lost connection, a watch removed meanwhile must go too.
      const list = () => attempt(async () => set({ watches: Object.fromEntries((await call('watches:list', {})).map((w) => [w.id, w])) }));
      void list();
      const stops = [
        onReconnect(() => {
          void list();
          for (const watchId of Object.keys(get().files)) void get().loadFiles(watchId);
        }),
        subscribe('watches:changed', (watch) => keep([watch])),
        subscribe('watches:file', (file) => {
          const known = get().files[file.watchId];
          if (!known) return;
          const next = known.some((f) => f.path === file.path) ? known.map((f) => (f.path === file.path ? file : f)) : [...known, file];
          set({ files: { ...get().files, [file.watchId]: next } });
        }),
      ];
      return () => stops.forEach((stop) => stop());
    },
    async pickFolder() {
      let path: string | undefined;
      await attempt(async () => {
        path = (await call('dialog:pickFolder', {})).path ?? undefined;
      });
      return path;
    },
    add: (dir, accountId, folderId, settings) => attempt(async () => keep([await call('watches:add', { dir, accountId, folderId, settings })])),
    update: (watchId, settings, folderId) => attempt(async () => keep([await call('watches:update', { watchId, settings, ...(folderId ? { folderId } : {}) })])),
    act: async (action, watchId) => void (await attempt(async () => keep([await call(`watches:${action}`, { watchId })]))),
    async remove(watchId) {
      await attempt(async () => {
        await call('watches:remove', { watchId });
        const { [watchId]: _gone, ...rest } = get().watches;
        set({ watches: rest });
      });
    },
    loadFiles: async (watchId) => void (await attempt(async () => set({ files: { ...get().files, [watchId]: await call('watches:files', { watchId }) } }))),
    dismissProblem: () => set({ problem: undefined }),
  };
});
