import { useState, type FormEvent } from 'react';
import type { DownloadConflict } from '../../../../preload/contract.ts';
import { useDownloads, type DownloadTarget } from '../../store/downloads.ts';
import { useSession } from '../../store/session.ts';
import { Modal } from '../Modal.tsx';
import { ProblemBanner } from '../ProblemBanner.tsx';
import { DestinationField } from './DestinationField.tsx';
import './downloads.css';

const SAME_NAME: Array<{ value: DownloadConflict; label: string }> = [
  { value: 'rename', label: 'Keep both (the new one as “name (2)”)' },
  { value: 'overwrite', label: 'Replace the file on the disk' },
  { value: 'skip', label: 'Skip it' },
];

/**
 * Where a download goes and what it does with files already there. On the desktop the folder comes
 * from the system picker; in a browser it is a path on the agent's machine, typed as for watch folders.
 */
export function DownloadDialog() {
  const targets = useDownloads((s) => s.targets);
  return (
    <Modal open={targets !== undefined} className="download-dialog" labelledBy="download-dialog-title" onClose={() => useDownloads.getState().close()}>
      {targets && <DownloadForm targets={targets} />}
    </Modal>
  );
}

function DownloadForm({ targets }: { targets: DownloadTarget[] }) {
  const desktop = useSession((s) => s.info?.shell) === 'desktop';
  const { folder, problem, setFolder, pick, start, close } = useDownloads();
  const [conflict, setConflict] = useState<DownloadConflict>('rename');
  const [allVersions, setAllVersions] = useState(false);
  const [busy, setBusy] = useState(false);
  const hasStack = targets.some((t) => t.type === 'version_stack');
  // A share may hold stacks: it is not known here before its assets are listed.
  const versionsChoice = hasStack || targets.some((t) => t.type === 'share');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    await start({ conflict, allVersions: versionsChoice && allVersions });
    setBusy(false);
  };

  return (
    <form onSubmit={(e) => void submit(e)}>
      <h2 id="download-dialog-title">Download {describe(targets)}</h2>
      <DestinationField desktop={desktop} value={folder} onChange={setFolder} onPick={() => void pick()} />
      <fieldset>
        <legend>When a different file of the same name is already there</legend>
        {SAME_NAME.map((option) => (
          <label key={option.value} className="choice">
            <input type="radio" name="conflict" value={option.value} checked={conflict === option.value} onChange={() => setConflict(option.value)} />
            {option.label}
          </label>
        ))}
      </fieldset>
      {versionsChoice && (
        <label className="choice">
          <input type="checkbox" checked={allVersions} onChange={(e) => setAllVersions(e.target.checked)} />
          {hasStack ? 'Every version of the stack' : 'Every version of the stacks it holds'} (as “name v1”, “name v2”…), not only the newest
        </label>
      )}
      {problem && <ProblemBanner problem={problem} />}
      <div className="dialog-buttons">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || folder.trim() === ''}>
          {busy ? 'Starting…' : 'Download'}
        </button>
      </div>
    </form>
  );
}

function describe(targets: DownloadTarget[]): string {
  if (targets.length !== 1) return `${targets.length} items`;
  const [target] = targets as [DownloadTarget];
  return `“${target.name}”`;
}
