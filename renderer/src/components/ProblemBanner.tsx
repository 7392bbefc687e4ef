import type { Problem } from '../store/problem.ts';
import { ProblemDetail } from './ProblemDetail.tsx';

export function ProblemBanner({ problem, onRetry, retryLabel = 'Try again' }: { problem: Problem; onRetry: () => void; retryLabel?: string }) {
  return (
    <div className="problem" role="alert">
      <p>{problem.message}</p>
      {problem.action && <p className="muted">{problem.action}</p>}
      <ProblemDetail problem={problem} />
      <button type="button" onClick={onRetry}>
        {retryLabel}
      </button>
    </div>
  );
}
