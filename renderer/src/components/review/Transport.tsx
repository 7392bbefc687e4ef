import { framesToTimecode } from '../../lib/timecode.ts';
import { usePlayback } from '../../store/playback.ts';
import { useReview } from '../../store/review.ts';
import { RateChoice } from './RateChoice.tsx';
import { Timeline } from './Timeline.tsx';

/** Play, step a frame either way, the playhead's timecode and the timeline. */
export function Transport() {
  const rate = useReview((s) => s.rate);
  const { media, frame, frames, playing, seekable, toggle, step } = usePlayback();
  if (!rate || !media) return null;
  return (
    <div className="transport">
      <div className="transport-controls">
        <button type="button" aria-label="Previous frame" data-tip="Previous frame (←)" disabled={!seekable} onClick={() => step(-1)}>
          ◀︎|
        </button>
        <button type="button" className="primary" aria-label={playing ? 'Pause' : 'Play'} data-tip={`${playing ? 'Pause' : 'Play'} (Space)`} onClick={toggle}>
          {playing ? '❚❚' : '▶︎'}
        </button>
        <button type="button" aria-label="Next frame" data-tip="Next frame (→)" disabled={!seekable} onClick={() => step(1)}>
          |▶︎
        </button>
        <output className="timecode" aria-label="Timecode" data-testid="timecode">
          {framesToTimecode(frame, rate)}
        </output>
        <span className="muted" data-testid="frame-count">
          frame {frame + 1}
          {frames > 0 ? ` of ${frames}` : ''}
        </span>
        <RateChoice />
      </div>
      <Timeline />
      {!seekable && (
        <p className="muted" role="status">
          The server sending this media does not let the player jump within it, so it only plays from the start. Comments still land on the frame showing.
        </p>
      )}
    </div>
  );
}
