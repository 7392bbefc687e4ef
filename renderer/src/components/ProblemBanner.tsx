import type { Problem } from '../store/session.ts';

export function ProblemBanner({ problem, onRetry }: { problem: Problem; onRetry: () => void }) {
  return (
    <div className="problem" role="alert">
      <p>{problem.message}</p>
      {problem.action && <p className="muted">{problem.action}</p>}
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
