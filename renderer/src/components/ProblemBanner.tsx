import type { Problem } from '../store/problem.ts';
import { ProblemDetail } from './ProblemDetail.tsx';

/** A problem with what to do and its technical detail; a Try again button when there is something to retry. */
export function ProblemBanner({ problem, onRetry, retryLabel = 'Try again' }: { problem: Problem; onRetry?: () => void; retryLabel?: string }) {
  return (
    <div className="problem" role="alert">
      <p>{problem.message}</p>
      {problem.action && <p className="muted">{problem.action}</p>}
      <ProblemDetail problem={problem} />
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {retryLabel}
        </button>
      )}
    </div>
  );
}
