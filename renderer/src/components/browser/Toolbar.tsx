import { useState, type FormEvent } from 'react';
import { useBrowse } from '../../store/browse.ts';
import { DownloadButton } from '../downloads/DownloadButton.tsx';
import { UploadControls } from './UploadControls.tsx';

export function Toolbar() {
  const { filter, setFilter, refresh, createFolder, path, loading } = useBrowse();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const inStack = path.at(-1)?.kind === 'stack';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    await createFolder(name);
    setName('');
    setNaming(false);
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="Folder actions">
      {naming ? (
        <form onSubmit={(e) => void submit(e)} className="inline-form">
          <input autoFocus aria-label="New folder name" value={name} maxLength={255} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setNaming(false)} />
          <button type="submit" disabled={!name.trim()}>
            Create
          </button>
          <button type="button" onClick={() => setNaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => setNaming(true)} disabled={inStack || path.length === 0}>
          New folder
        </button>
      )}
      <UploadControls />
      <DownloadButton />
      <button type="button" onClick={() => void refresh()} disabled={loading || path.length === 0}>
        Refresh
      </button>
      <span className="spacer" />
      <input type="search" placeholder="Filter by name" aria-label="Filter by name" value={filter} onChange={(e) => setFilter(e.target.value)} />
    </div>
  );
}
