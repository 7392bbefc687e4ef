import { framesToTimecode } from '../../lib/timecode.ts';
import { usePlayback } from '../../store/playback.ts';
import { useReview } from '../../store/review.ts';

/** A scrubber over the file's frames, with a marker at each comment's frame. */
export function Timeline() {
  const { rate, comments, selectedId, select } = useReview();
  const { frame, frames, seekable, seek } = usePlayback();
  if (!rate) return null;
  const last = Math.max(1, frames - 1);
  const placed = comments.filter((c) => c.timestamp !== null);
  const at = (index: number) => (Math.min(index, last) / last) * 100;
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
          const index = comment.timestamp!;
          const timecode = framesToTimecode(index, rate);
          // A comment on a range of frames spans it; one on a single frame is a pin.
          const span = comment.durationFrames && comment.durationFrames > 1 ? { width: `${at(index + comment.durationFrames - 1) - at(index)}%` } : {};
          return (
            <button
              key={comment.id}
              type="button"
              className={`marker${'width' in span ? ' range' : ''}${comment.completed ? ' completed' : ''}${comment.id === selectedId ? ' selected' : ''}`}
              style={{ left: `${at(index)}%`, ...span }}
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
