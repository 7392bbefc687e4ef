import { useState } from 'react';
import { useBrowse } from '../../store/browse.ts';
import { useSession } from '../../store/session.ts';
import { DownloadButton } from '../downloads/DownloadButton.tsx';
import { FollowButton } from '../follows/FollowButton.tsx';
import { NameForm } from './NameForm.tsx';
import { UploadControls } from './UploadControls.tsx';

export function Toolbar() {
  const { filter, setFilter, refresh, createFolder, path, loading } = useBrowse();
  const [naming, setNaming] = useState(false);
  const inStack = path.at(-1)?.kind === 'stack';
  // Downloads and follows are V4's: a legacy (V2) account does not see them (LegacyNote says so).
  const legacy = useSession((s) => s.legacy);

  return (
    <div className="toolbar" role="toolbar" aria-label="Folder actions">
      {naming ? (
        <NameForm label="New folder name" what="folder" submitLabel="Create" cancelButton onSubmit={createFolder} onCancel={() => setNaming(false)} />
      ) : (
        <button type="button" onClick={() => setNaming(true)} disabled={inStack || path.length === 0}>
          New folder
        </button>
      )}
      <UploadControls />
      {!legacy && <DownloadButton />}
      {!legacy && <FollowButton />}
      <button type="button" onClick={() => void refresh()} disabled={loading || path.length === 0}>
        Refresh
      </button>
      <span className="spacer" />
      <input type="search" placeholder="Filter by name" aria-label="Filter by name" value={filter} onChange={(e) => setFilter(e.target.value)} />
    </div>
  );
}
