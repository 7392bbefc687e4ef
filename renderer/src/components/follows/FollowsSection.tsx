import { useEffect } from 'react';
import { useFollows } from '../../store/follows.ts';
import { ProblemBanner } from '../ProblemBanner.tsx';
import { FollowCard } from './FollowCard.tsx';

/** Follows sit beside watch folders: watch folders send files up, follows bring them down. */
export function FollowsSection() {
  const { follows, problem, start, dismissProblem } = useFollows();
  useEffect(() => start(), [start]);
  const all = Object.values(follows).sort((a, b) => a.label.localeCompare(b.label));
  return (
    <section aria-labelledby="follows-heading">
      <h2 id="follows-heading">Follows</h2>
      <p className="muted">What lands later in a followed Frame.io folder downloads by itself. Nothing on the disk is deleted when it goes from Frame.io.</p>
      {problem && <ProblemBanner problem={problem} onRetry={dismissProblem} retryLabel="Dismiss" />}
      {all.length === 0 ? (
        <p className="muted empty">No folders are followed yet. Open one in Projects and choose Follow….</p>
      ) : (
        <ul className="jobs">
          {all.map((follow) => (
            <FollowCard key={follow.id} follow={follow} />
          ))}
        </ul>
      )}
    </section>
  );
}
