// Files whose new comments the person wants to hear about, and how many they have not read.
import { create } from 'zustand';
import { call, subscribe } from '../slate.ts';
import { onReconnect } from './agent.ts';

const key = (accountId: string, fileId: string) => `${accountId}/${fileId}`;

interface FollowingState {
  following: Record<string, number>;
  total: number;
  start(): () => void;
  toggle(accountId: string, fileId: string): Promise<void>;
  markRead(accountId: string, fileId: string): Promise<void>;
}

export const useFollowing = create<FollowingState>((set, get) => ({
  following: {},
  total: 0,
  start() {
    const read = () =>
      void call('comments:following', {})
        .then(({ files, total }) => set({ total, following: Object.fromEntries(files.map((f) => [key(f.accountId, f.fileId), f.unread])) }))
        .catch(() => undefined);
    read();
    const stops = [
      onReconnect(read),
      subscribe('comments:unread', ({ accountId, fileId, unread, total }) => {
        const id = key(accountId, fileId);
        if (id in get().following) set({ following: { ...get().following, [id]: unread } });
        set({ total });
      }),
    ];
    return () => stops.forEach((stop) => stop());
  },
  async toggle(accountId, fileId) {
    const id = key(accountId, fileId);
    const { following } = await call('comments:follow', { accountId, fileId, follow: !(id in get().following) });
    const { [id]: _was, ...rest } = get().following;
    set({ following: following ? { ...rest, [id]: 0 } : rest });
  },
  async markRead(accountId, fileId) {
    if (!get().following[key(accountId, fileId)]) return;
    const { total } = await call('comments:markRead', { accountId, fileId });
    set({ total, following: { ...get().following, [key(accountId, fileId)]: 0 } });
  },
}));

export const isFollowing = (following: Record<string, number>, accountId: string, fileId: string) => key(accountId, fileId) in following;
export const unreadOf = (following: Record<string, number>, accountId: string, fileId: string) => following[key(accountId, fileId)] ?? 0;
