import { useRef, useState, type FormEvent } from 'react';
import { filesFromInput } from '../../lib/drop.ts';
import { useBrowse } from '../../store/browse.ts';
import { useSession } from '../../store/session.ts';
import { useTransfers } from '../../store/transfers.ts';
import { NewVersionButton } from './NewVersionButton.tsx';

export function UploadControls() {
  const { accountId, path, items } = useBrowse();
  const { upload, remote } = useTransfers();
  // Frame.io fetching a link is V4's: a legacy (V2) account uploads from this computer only.
  const legacy = useSession((s) => s.legacy);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [remoteOpen, setRemoteOpen] = useState(false);
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const here = path.at(-1);
  const folderId = here?.kind === 'folder' ? here.id : undefined;
  const disabled = !accountId || !folderId;

  const picked = (input: HTMLInputElement | null) => {
    if (!input?.files || !accountId || !folderId) return;
    void upload(filesFromInput(input.files), accountId, folderId);
    input.value = '';
  };

  const submitRemote = async (event: FormEvent) => {
    event.preventDefault();
    if (!accountId || !folderId) return;
    if (await remote(accountId, folderId, url.trim(), name.trim() || nameFromUrl(url))) {
      setUrl('');
      setName('');
      setRemoteOpen(false);
    }
  };

  // Inside a stack new files go in only as its newest version, stacked onto the head Frame.io lists first.
  if (here?.kind === 'stack' && accountId) return <NewVersionButton accountId={accountId} fileId={items[0]?.id} label="New version of the stack" />;

  return (
    <>
      <button type="button" onClick={() => filesInput.current?.click()} disabled={disabled}>
        Upload files
      </button>
      <button type="button" onClick={() => folderInput.current?.click()} disabled={disabled}>
        Upload folder
      </button>
      {!legacy && (
        <button type="button" onClick={() => setRemoteOpen(!remoteOpen)} disabled={disabled} aria-expanded={remoteOpen}>
          Upload from URL
        </button>
      )}
      <input ref={filesInput} type="file" multiple hidden aria-label="Files to upload" onChange={(e) => picked(e.currentTarget)} />
      <input ref={folderInput} type="file" hidden aria-label="Folder to upload" {...{ webkitdirectory: '' }} onChange={(e) => picked(e.currentTarget)} />
      {remoteOpen && !legacy && (
        <form className="inline-form remote-form" onSubmit={(e) => void submitRemote(e)}>
          <input type="url" required placeholder="https://…" aria-label="Link to upload" value={url} onChange={(e) => setUrl(e.target.value)} />
          <input placeholder="Name (optional)" aria-label="Name in Frame.io" value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit">Add</button>
        </form>
      )}
    </>
  );
}

function nameFromUrl(url: string): string {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).at(-1);
    return last ? decodeURIComponent(last) : 'download';
  } catch {
    return 'download';
  }
}
