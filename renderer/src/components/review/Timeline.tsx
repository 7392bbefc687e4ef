import { framesToTimecode, timestampToIndex } from '../../lib/timecode.ts';
import { usePlayback } from '../../store/playback.ts';
import { useReview } from '../../store/review.ts';

/** A scrubber over the file's frames, with a marker at each comment's frame. */
export function Timeline() {
  const { rate, comments, selectedId, select } = useReview();
  const { frame, frames, seekable, seek } = usePlayback();
  if (!rate) return null;
  const last = Math.max(1, frames - 1);
  const placed = comments.filter((c) => c.timestamp !== null);
  return (
    <div className="timeline">
      <input
        type="range"
        aria-label="Playhead"
        min={0}
        max={Math.max(0, frames - 1)}
        step={1}
        value={frame}
        disabled={!seekable}
        aria-valuetext={framesToTimecode(frame, rate)}
        onChange={(e) => seek(Number(e.currentTarget.value))}
      />
      <div className="markers">
        {placed.map((comment) => {
          const index = timestampToIndex(comment.timestamp!);
          const timecode = framesToTimecode(index, rate);
          return (
            <button
              key={comment.id}
              type="button"
              className={`marker${comment.completed ? ' completed' : ''}${comment.id === selectedId ? ' selected' : ''}`}
              style={{ left: `${(Math.min(index, last) / last) * 100}%` }}
              aria-label={`Comment at ${timecode}: ${comment.text}`}
              title={`${timecode} ${comment.author?.name ?? ''}: ${comment.text}`}
              data-testid="timeline-marker"
              onClick={() => {
                select(comment.id);
                seek(index);
              }}
            />
          );
        })}
      </div>
    </div>
  );
}
