import { useEffect } from 'react';
import { AssetTable } from '../components/browser/AssetTable.tsx';
import { Breadcrumbs } from '../components/browser/Breadcrumbs.tsx';
import { DetailsPanel } from '../components/browser/DetailsPanel.tsx';
import { DropZone } from '../components/browser/DropZone.tsx';
import { ProjectPicker } from '../components/browser/ProjectPicker.tsx';
import { Toolbar } from '../components/browser/Toolbar.tsx';
import { useLiveFolder } from '../components/browser/use-live-folder.ts';
import { ProblemBanner } from '../components/ProblemBanner.tsx';
import { StaleNote } from '../components/StaleNote.tsx';
import { DemoNote } from '../components/browser/DemoNote.tsx';
import { LegacyNote } from '../components/browser/LegacyNote.tsx';
import { DownloadDialog } from '../components/downloads/DownloadDialog.tsx';
import { DragOutNotice } from '../components/downloads/DragOutNotice.tsx';
import { useBrowse } from '../store/browse.ts';
import { openStart } from '../store/location.ts';
import { useReview } from '../store/review.ts';
import { useSession } from '../store/session.ts';
import { ViewerView } from './ViewerView.tsx';

export function ProjectsView() {
  const { accounts } = useSession();
  const { accountId, project, problem, stale, selectedId, refresh, path } = useBrowse();
  const viewing = useReview((s) => s.fileId !== undefined);
  useLiveFolder(!viewing);

  useEffect(() => {
    if (!accountId && accounts.length > 0) void openStart();
  }, [accounts, accountId]);

  if (viewing) return <ViewerView />;
  return (
    <div className="projects-view">
      {/* The breadcrumbs show the place; the heading names it for those who move by headings. */}
      <h1 className="visually-hidden">{path.at(-1)?.name ?? 'Projects'}</h1>
      <ProjectPicker />
      <section className="browser" aria-label="Browser">
        <DemoNote />
        <LegacyNote />
        {problem && <ProblemBanner problem={problem} onRetry={() => void refresh()} />}
        {stale && <StaleNote stale={stale} nothingYet="This folder has not been loaded yet" onRetry={() => void refresh()} />}
        {project ? (
          <>
            <Breadcrumbs />
            <Toolbar />
            <DragOutNotice />
            <DropZone>
              <div className="browser-body">
                <AssetTable />
                {/* Keyed by the selection: a form or a link made for one item never shows under another. */}
                <DetailsPanel key={selectedId} />
              </div>
            </DropZone>
            <DownloadDialog />
          </>
        ) : (
          <p className="muted empty">Choose a project to see its folders and files.</p>
        )}
      </section>
    </div>
  );
}
