import { useFollowing } from '../../store/following.ts';

export function UnreadBadge() {
  const total = useFollowing((s) => s.total);
  if (total === 0) return null;
  return (
    <span className="badge badge-unread" role="status" aria-label={`${total} new ${total === 1 ? 'comment' : 'comments'} on files you follow`}>
      {total} new {total === 1 ? 'comment' : 'comments'}
    </span>
  );
}
