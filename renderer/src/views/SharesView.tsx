import { useEffect } from 'react';
import { ProblemBanner } from '../components/ProblemBanner.tsx';
import { ShareCard } from '../components/shares/ShareCard.tsx';
import { useBrowse } from '../store/browse.ts';
import { useShares } from '../store/shares.ts';

export function SharesView() {
  const { accountId, project } = useBrowse();
  const { shares, problem, load, dismiss } = useShares();

  useEffect(() => {
    if (accountId && project) void load(accountId, project.id);
  }, [accountId, project, load]);

  return (
    <section className="transfers-view" aria-labelledby="shares-heading">
      <h1 id="shares-heading">Shares{project ? ` in ${project.name}` : ''}</h1>
      {problem && <ProblemBanner problem={problem} onRetry={dismiss} retryLabel="Dismiss" />}
      {!accountId || !project ? (
        <p className="muted empty">Open a project in Projects to see its share links. To make one, select a file or folder there and choose Share.</p>
      ) : shares.length === 0 ? (
        <p className="muted empty">No share links in this project yet. Select a file or folder in Projects and choose Share.</p>
      ) : (
        <ul className="jobs">
          {shares.map((share) => (
            <ShareCard key={share.id} share={share} accountId={accountId} />
          ))}
        </ul>
      )}
    </section>
  );
}
