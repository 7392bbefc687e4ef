import { useId, useState } from 'react';
import type { Comment } from '../../../../preload/contract.ts';
import { formatDate } from '../../lib/format.ts';
import { framesToTimecode } from '../../lib/timecode.ts';
import { usePages } from '../../store/pages.ts';
import { usePlayback } from '../../store/playback.ts';
import { useReview } from '../../store/review.ts';
import { useSession } from '../../store/session.ts';

export function CommentItem({ comment }: { comment: Comment }) {
  const { rate, selectedId, select, edit, setCompleted, remove } = useReview();
  const seek = usePlayback((s) => s.seek);
  const goTo = usePages((s) => s.goTo);
  const me = useSession((s) => s.me);
  // Completing, editing and deleting are V4's: a legacy (V2) account's comments are read and added here.
  const legacy = useSession((s) => s.legacy);
  const [draft, setDraft] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const own = comment.author !== null && comment.author.email === me?.email;
  // Where it is: a document's page, a frame's timecode, or the whole file.
  const timecode =
    comment.page !== null ? `p. ${comment.page}` : comment.timestamp === null || !rate ? 'Whole file' : framesToTimecode(comment.timestamp, rate);
  const selected = comment.id === selectedId;
  const textId = useId();

  return (
    <li className={`comment${selected ? ' selected' : ''}${comment.completed ? ' completed' : ''}`} data-testid="comment" aria-current={selected || undefined}>
      <button
        type="button"
        className="comment-head"
        // Named by the words it shows (speech input finds it by them), described by the comment's text.
        aria-describedby={draft === undefined ? textId : undefined}
        onClick={() => {
          select(comment.id);
          if (comment.page !== null) goTo(comment.page);
          else if (comment.timestamp !== null) seek(comment.timestamp);
        }}
      >
        <span className="timecode">{timecode}</span>
        <span className="author">{comment.author?.name ?? 'Unknown'}</span>
        {comment.shapes.length > 0 && <span className="muted" title="Has a drawing">✎</span>}
        <span className="muted when">{formatDate(comment.createdAt)}</span>
      </button>
      {draft === undefined ? (
        <p className="comment-text" id={textId}>
          {comment.text}
        </p>
      ) : (
        <form
          className="comment-edit"
          onSubmit={(e) => {
            e.preventDefault();
            void edit(comment.id, draft).then((ok) => ok && setDraft(undefined));
          }}
        >
          <textarea autoFocus aria-label="Comment text" value={draft} maxLength={10_000} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" disabled={!draft.trim()}>
            Save
          </button>
          <button type="button" onClick={() => setDraft(undefined)}>
            Cancel
          </button>
        </form>
      )}
      {comment.replies.length > 0 && (
        <ul className="replies" aria-label="Replies">
          {comment.replies.map((reply) => (
            <li key={reply.id}>
              <span className="author">{reply.author?.name ?? 'Unknown'}</span> {reply.text}
            </li>
          ))}
        </ul>
      )}
      {legacy ? (
        comment.completed && <p className="muted">Completed</p>
      ) : (
        <div className="comment-actions">
          <label className="check">
            <input type="checkbox" checked={comment.completed} onChange={(e) => void setCompleted(comment.id, e.currentTarget.checked)} />
            Completed
          </label>
          {own && draft === undefined && (
            <button type="button" className="link" onClick={() => setDraft(comment.text)}>
              Edit
            </button>
          )}
          {own && (
            <button type="button" className={`link${confirming ? ' danger' : ''}`} onClick={() => (confirming ? void remove(comment.id) : setConfirming(true))} onBlur={() => setConfirming(false)}>
              {confirming ? 'Really delete?' : 'Delete'}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
