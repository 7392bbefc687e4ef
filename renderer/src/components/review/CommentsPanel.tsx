import { COMMENT_SORTS, commentAuthors, visibleComments, type CommentFilter, type CommentSort } from '../../lib/comments.ts';
import { useReview } from '../../store/review.ts';
import { CommentItem } from './CommentItem.tsx';
import { Composer } from './Composer.tsx';

/** `document`: a PDF, whose comments sit on pages (so they sort by page, not timecode). */
export function CommentsPanel({ canDraw, document }: { canDraw: boolean; document: boolean }) {
  const { comments, filter, sort, setFilter, setSort } = useReview();
  const shown = visibleComments(comments, filter, sort);
  const open = comments.filter((c) => !c.completed).length;
  return (
    <aside className="comments-panel" aria-label="Comments">
      <h2>
        Comments <span className="muted">{comments.length === 0 ? '' : `${open} open of ${comments.length}`}</span>
      </h2>
      <div className="comment-filters">
        <select aria-label="Show comments" value={filter.state} onChange={(e) => setFilter({ state: e.currentTarget.value as CommentFilter['state'] })}>
          <option value="all">All</option>
          <option value="open">Open</option>
          <option value="completed">Completed</option>
        </select>
        <select aria-label="Author" value={filter.author} onChange={(e) => setFilter({ author: e.currentTarget.value })}>
          <option value="">Everyone</option>
          {commentAuthors(comments).map((author) => (
            <option key={author.email} value={author.email}>
              {author.name}
            </option>
          ))}
        </select>
        <select aria-label="Sort comments" value={sort} onChange={(e) => setSort(e.currentTarget.value as CommentSort)}>
          {COMMENT_SORTS.map((s) => (
            <option key={s.id} value={s.id}>
              {document && s.id === 'timecode' ? 'Page' : s.label}
            </option>
          ))}
        </select>
        <input type="search" aria-label="Filter comments" placeholder="Text or author" value={filter.text} onChange={(e) => setFilter({ text: e.currentTarget.value })} />
      </div>
      {shown.length === 0 ? (
        <p className="muted empty">{comments.length === 0 ? 'No comments yet.' : 'No comment matches the filter.'}</p>
      ) : (
        <ol className="comment-list">
          {shown.map((comment) => (
            <CommentItem key={comment.id} comment={comment} />
          ))}
        </ol>
      )}
      <Composer canDraw={canDraw} />
    </aside>
  );
}
