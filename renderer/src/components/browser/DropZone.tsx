import { useState, type DragEvent, type ReactNode } from 'react';
import { filesFromDrop } from '../../lib/drop.ts';
import { useBrowse } from '../../store/browse.ts';
import { useDragOut } from '../../store/drag-out.ts';
import { useTransfers } from '../../store/transfers.ts';

/** Files and folders dropped anywhere on the folder view upload into it, keeping their structure. */
export function DropZone({ children }: { children: ReactNode }) {
  const { accountId, path } = useBrowse();
  const upload = useTransfers((s) => s.upload);
  const [over, setOver] = useState(false);
  const outgoing = useDragOut((s) => s.outgoing);
  const here = path.at(-1);
  const target = here?.kind === 'folder' ? here : undefined;

  const onDragOver = (event: DragEvent) => {
    if (!target || outgoing || !event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (!target || !accountId) return;
    const picked = await filesFromDrop(event.dataTransfer);
    await upload(picked, accountId, target.id);
  };

  return (
    <div className="drop-zone" onDragOver={onDragOver} onDragLeave={() => setOver(false)} onDrop={(e) => void onDrop(e)} data-testid="drop-zone">
      {children}
      {over && target && (
        <div className="drop-overlay" aria-hidden="true">
          Drop to upload to <strong>{target.name}</strong>
        </div>
      )}
    </div>
  );
}
