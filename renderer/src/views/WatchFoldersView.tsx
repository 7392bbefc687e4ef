import { AddWatch } from '../components/watches/AddWatch.tsx';
import { FollowsSection } from '../components/follows/FollowsSection.tsx';
import { WatchCard } from '../components/watches/WatchCard.tsx';
import { ProblemBanner } from '../components/ProblemBanner.tsx';
import { useWatches } from '../store/watches.ts';

export function WatchFoldersView() {
  const { watches, problem, dismissProblem } = useWatches();
  const all = Object.values(watches).sort((a, b) => a.dir.localeCompare(b.dir));
  return (
    <section className="transfers-view" aria-labelledby="watches-heading">
      <h1 id="watches-heading">Watch folders</h1>
      <p className="muted">Finished renders and camera offloads in a watched folder upload themselves, once, when they stop changing.</p>
      {problem && <ProblemBanner problem={problem} onRetry={dismissProblem} retryLabel="Dismiss" />}
      <AddWatch />
      {all.length === 0 ? (
        <p className="muted empty">No folders are watched yet.</p>
      ) : (
        <ul className="jobs">
          {all.map((watch) => (
            <WatchCard key={watch.id} watch={watch} />
          ))}
        </ul>
      )}
      <FollowsSection />
    </section>
  );
}
