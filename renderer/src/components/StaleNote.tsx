import { staleNote, type Stale } from '../lib/offline.ts';

/** Says that a list is what was last loaded, and when; or, with nothing loaded yet, why nothing shows. */
export function StaleNote({ stale, nothingYet, onRetry }: { stale: Stale; nothingYet: string; onRetry: () => void }) {
  return (
    <div className="stale-note" role="status">
      <span>{staleNote(stale, nothingYet)}</span>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
