import { useEffect, useState, type FormEvent } from 'react';
import type { FollowSettings } from '../../../../preload/contract.ts';
import { useBrowse } from '../../store/browse.ts';
import { useFollows } from '../../store/follows.ts';
import { useSession } from '../../store/session.ts';
import { DestinationField } from '../downloads/DestinationField.tsx';
import { Modal } from '../Modal.tsx';
import { ProblemBanner } from '../ProblemBanner.tsx';
import { FollowSettingsFields } from './FollowSettingsFields.tsx';

/** "Follow…" on the folder on screen: what lands there later comes down by itself into a local folder. */
export function FollowButton() {
  const { accountId, path } = useBrowse();
  const here = path.at(-1);
  const folder = here?.kind === 'folder' ? here : undefined;
  const [open, setOpen] = useState(false);

  return (
    <>
      <button type="button" disabled={!accountId || !folder} title={folder ? `Keep “${folder.name}” in sync into a folder on this machine` : undefined} onClick={() => setOpen(true)}>
        Follow…
      </button>
      <Modal open={open} className="download-dialog" labelledBy="follow-dialog-title" onClose={() => setOpen(false)}>
        {open && accountId && folder && <FollowForm accountId={accountId} folderId={folder.id} name={folder.name} onDone={() => setOpen(false)} />}
      </Modal>
    </>
  );
}

function FollowForm({ accountId, folderId, name, onDone }: { accountId: string; folderId: string; name: string; onDone(): void }) {
  const desktop = useSession((s) => s.info?.shell) === 'desktop';
  const { add, pickFolder, problem, dismissProblem } = useFollows();
  const [dir, setDir] = useState('');
  const [settings, setSettings] = useState<FollowSettings>({ versions: 'replace', conflict: 'rename' });
  const [busy, setBusy] = useState(false);
  useEffect(dismissProblem, [dismissProblem]);

  const pick = async () => {
    const path = await pickFolder();
    if (path) setDir(path);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const made = await add(accountId, folderId, dir.trim(), settings);
    setBusy(false);
    if (made) onDone();
  };

  return (
    <form onSubmit={(e) => void submit(e)}>
      <h2 id="follow-dialog-title">Follow “{name}”</h2>
      <p className="muted">What lands in it later downloads by itself, into a folder of its name. Follows are listed under Watch folders.</p>
      <DestinationField desktop={desktop} value={dir} onChange={setDir} onPick={() => void pick()} />
      <FollowSettingsFields value={settings} onChange={setSettings} />
      {problem && <ProblemBanner problem={problem} />}
      <div className="dialog-buttons">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || dir.trim() === ''}>
          {busy ? 'Starting…' : 'Follow'}
        </button>
      </div>
    </form>
  );
}
