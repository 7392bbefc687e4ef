import { useDragOut } from '../../store/drag-out.ts';
import { useJobFocus } from '../../store/job-focus.ts';
import { useNavigation } from '../../store/navigation.ts';
import { ProblemBanner } from '../ProblemBanner.tsx';
import { sentWords } from './drag-out.ts';

/** What became of a drag out of the window that could not carry its files, or why it could not start. */
export function DragOutNotice() {
  const { sent, problem, dismiss } = useDragOut();
  const go = useNavigation((s) => s.go);
  const focus = useJobFocus((s) => s.focus);
  if (problem) return <ProblemBanner problem={problem} onRetry={dismiss} retryLabel="Dismiss" />;
  if (!sent) return null;
  return (
    <div className="stale-note" role="status" data-testid="drag-out-notice">
      <span>{sentWords(sent)}</span>
      <button
        type="button"
        onClick={() => {
          if (sent.jobId) focus(sent.jobId);
          go('transfers');
          dismiss();
        }}
      >
        Show in Transfers
      </button>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
