import type { Problem } from '../store/problem.ts';

/** The technical words behind a problem, folded away until asked for. */
export function ProblemDetail({ problem }: { problem: Problem }) {
  if (!problem.detail) return null;
  return (
    <details className="problem-detail">
      <summary>Technical detail</summary>
      <code>{problem.detail}</code>
    </details>
  );
}
