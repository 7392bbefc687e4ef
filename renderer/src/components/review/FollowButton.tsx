import { useEffect } from 'react';
import { isFollowing, unreadOf, useFollowing } from '../../store/following.ts';

/** Follow a file to hear about new comments on it; opening it marks them read. */
export function FollowButton({ accountId, fileId }: { accountId: string; fileId: string }) {
  const { following, toggle, markRead } = useFollowing();
  const on = isFollowing(following, accountId, fileId);
  const unread = unreadOf(following, accountId, fileId);

  useEffect(() => {
    if (unread > 0) void markRead(accountId, fileId);
  }, [unread, accountId, fileId, markRead]);

  return (
    <button type="button" aria-pressed={on} onClick={() => void toggle(accountId, fileId)} title={on ? 'You hear about new comments on this file' : 'Hear about new comments on this file'}>
      {on ? 'Following' : 'Follow comments'}
    </button>
  );
}
