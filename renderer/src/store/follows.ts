// Follows as the service runs them (Frame.io folders kept in sync into local ones), kept current by its events.
import { create } from 'zustand';
import type { Follow, FollowSettings } from '../../../preload/contract.ts';
import { call, subscribe } from '../slate.ts';
import { onReconnect } from './agent.ts';
import { attempter, type Problem } from './problem.ts';

interface FollowsState {
  follows: Record<string, Follow>;
  problem?: Problem;
  start(): () => void;
  /** Resolves with the follow made, or undefined when the service refused (the problem says why). */
  add(accountId: string, folderId: string, dir: string, settings: FollowSettings): Promise<Follow | undefined>;
  /** The desktop's folder picker, titled for a download (a follow writes there as one does); undefined when cancelled. */
  pickFolder(): Promise<string | undefined>;
  update(followId: string, settings: Partial<FollowSettings>): Promise<boolean>;
  act(action: 'pause' | 'resume' | 'lookNow', followId: string): Promise<void>;
  remove(followId: string): Promise<void>;
  dismissProblem(): void;
}

export const useFollows = create<FollowsState>((set, get) => {
  const keep = (follow: Follow) => set({ follows: { ...get().follows, [follow.id]: follow } });
  const attempt = attempter(set);
  return {
    follows: {},
    start() {
      // The whole list each time: after a lost connection, a follow removed meanwhile must go too.
      const list = () => attempt(async () => set({ follows: Object.fromEntries((await call('follows:list', {})).map((f) => [f.id, f])) }));
      void list();
      const stops = [onReconnect(() => void list()), subscribe('follows:changed', keep)];
      return () => stops.forEach((stop) => stop());
    },
    async add(accountId, folderId, dir, settings) {
      let made: Follow | undefined;
      await attempt(async () => {
        made = await call('follows:add', { accountId, folderId, dir, settings });
        keep(made);
      });
      return made;
    },
    async pickFolder() {
      let path: string | undefined;
      await attempt(async () => {
        path = (await call('dialog:pickFolder', { purpose: 'download' })).path ?? undefined;
      });
      return path;
    },
    update: (followId, settings) => attempt(async () => keep(await call('follows:update', { followId, settings }))),
    act: async (action, followId) => void (await attempt(async () => keep(await call(`follows:${action}`, { followId })))),
    async remove(followId) {
      await attempt(async () => {
        await call('follows:remove', { followId });
        const { [followId]: _gone, ...rest } = get().follows;
        set({ follows: rest });
      });
    },
    dismissProblem: () => set({ problem: undefined }),
  };
});
