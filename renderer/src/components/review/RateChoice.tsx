import { usePlayback } from '../../store/playback.ts';
import { isOverride, useReview, type ViewerRate } from '../../store/review.ts';

/** Where the rate came from, in words, for the choice's tooltip. */
function origin(rate: ViewerRate): string {
  if (rate.source === 'metadata') return `The file's own rate is ${rate.own} fps (its metadata). Choose another only to override it.`;
  if (rate.source === 'timecodes') return "The file's metadata gives no rate; Frame.io's timecodes fit each of these: choose the file's.";
  return "Neither the file's metadata nor Frame.io's timecodes say: choose the file's rate.";
}

/**
 * The rate timecode counts at. A file whose metadata gives its rate opens at it, and another choice
 * is an override, said as such; other files offer the rates that fit.
 */
export function RateChoice() {
  const { rate, chooseRate } = useReview();
  const sync = usePlayback((s) => s.sync);
  if (!rate) return null;
  const fromFile = rate.source === 'metadata';
  if (rate.alternatives.length <= 1) return <span className="muted">{rate.name} fps</span>;
  return (
    <span className="rate-choice">
      <select
        aria-label={fromFile ? "Frame rate (override the file's own)" : 'Frame rate'}
        title={origin(rate)}
        value={rate.name}
        onChange={(e) => {
          chooseRate(e.currentTarget.value);
          sync();
        }}
      >
        {rate.alternatives.map((r) => (
          <option key={r.name} value={r.name}>
            {r.name} fps{fromFile && r.name === rate.own ? " (the file's)" : ''}
          </option>
        ))}
      </select>
      {isOverride(rate) && fromFile && (
        <span className="override" role="status" data-testid="rate-override">
          Override: the file is {rate.own} fps
        </span>
      )}
    </span>
  );
}
