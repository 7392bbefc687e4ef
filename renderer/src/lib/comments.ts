// Which of a file's comments the panel shows, and in what order.
import type { Comment } from '../../../preload/contract.ts';

export interface CommentFilter {
  state: 'all' | 'open' | 'completed';
  /** an author's email, or '' for everyone's */
  author: string;
  /** matched against the text, the replies and the author's name, ignoring case */
  text: string;
}

export type CommentSort = 'timecode' | 'newest' | 'oldest' | 'author';

export const COMMENT_SORTS: Array<{ id: CommentSort; label: string }> = [
  { id: 'timecode', label: 'Timecode' },
  { id: 'newest', label: 'Newest first' },
  { id: 'oldest', label: 'Oldest first' },
  { id: 'author', label: 'Author' },
];

function matches(comment: Comment, needle: string): boolean {
  const haystack = [comment.text, comment.author?.name ?? '', ...comment.replies.flatMap((r) => [r.text, r.author?.name ?? ''])];
  return haystack.some((text) => text.toLocaleLowerCase().includes(needle));
}

export function visibleComments(comments: readonly Comment[], filter: CommentFilter, sort: CommentSort): Comment[] {
  const needle = filter.text.trim().toLocaleLowerCase();
  const shown = comments.filter(
    (c) =>
      (filter.state === 'all' || c.completed === (filter.state === 'completed')) &&
      (filter.author === '' || c.author?.email === filter.author) &&
      (needle === '' || matches(c, needle)),
  );
  const created = (a: Comment, b: Comment) => a.createdAt.localeCompare(b.createdAt);
  const order: Record<CommentSort, (a: Comment, b: Comment) => number> = {
    // Comments on the whole file come before any page or frame.
    timecode: (a, b) => (a.page ?? 0) - (b.page ?? 0) || (a.timestamp ?? -1) - (b.timestamp ?? -1) || created(a, b),
    newest: (a, b) => created(b, a),
    oldest: created,
    author: (a, b) => (a.author?.name ?? '').localeCompare(b.author?.name ?? '') || created(a, b),
  };
  return shown.sort(order[sort]);
}

/** The people who wrote the comments, by name, for the author filter. */
export function commentAuthors(comments: readonly Comment[]): Array<{ name: string; email: string }> {
  const byEmail = new Map(comments.flatMap((c) => (c.author ? [[c.author.email, c.author] as const] : [])));
  return [...byEmail.values()].sort((a, b) => a.name.localeCompare(b.name));
}
