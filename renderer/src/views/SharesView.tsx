import { useEffect } from 'react';
import { DownloadDialog } from '../components/downloads/DownloadDialog.tsx';
import { ProblemBanner } from '../components/ProblemBanner.tsx';
import { ShareCard } from '../components/shares/ShareCard.tsx';
import { StaleNote } from '../components/StaleNote.tsx';
import { onReconnect } from '../store/agent.ts';
import { useBrowse } from '../store/browse.ts';
import { useShares } from '../store/shares.ts';

export function SharesView() {
  const { accountId, project } = useBrowse();
  const { shares, listedFor, stale, problem, load, dismiss } = useShares();
  const listed = project !== undefined && listedFor === project.id;

  useEffect(() => {
    if (!accountId || !project) return;
    void load(accountId, project.id);
    return onReconnect(() => void load(accountId, project.id));
  }, [accountId, project, load]);

  const retry = () => {
    if (accountId && project) void load(accountId, project.id);
  };

  return (
    <section className="transfers-view" aria-labelledby="shares-heading">
      <h1 id="shares-heading">Shares{project ? ` in ${project.name}` : ''}</h1>
      {problem && <ProblemBanner problem={problem} onRetry={dismiss} retryLabel="Dismiss" />}
      {listed && stale && <StaleNote stale={stale} nothingYet="This project's share links have not been loaded yet" onRetry={retry} />}
      {!accountId || !project ? (
        <p className="muted empty">Open a project in Projects to see its share links. To make one, select a file or folder there and choose Share.</p>
      ) : !listed ? (
        !problem && <p className="muted empty">Loading share links…</p>
      ) : shares.length === 0 ? (
        !stale && <p className="muted empty">No share links in this project yet. Select a file or folder in Projects and choose Share.</p>
      ) : (
        <ul className="jobs">
          {shares.map((share) => (
            <ShareCard key={share.id} share={share} accountId={accountId} />
          ))}
        </ul>
      )}
      <DownloadDialog />
    </section>
  );
}
