import { useState, type FormEvent } from 'react';
import type { Asset } from '../../../../preload/contract.ts';
import { useShares } from '../../store/shares.ts';

/** Makes a share link for the chosen files and folders. */
export function ShareForm({ accountId, projectId, assets, onDone }: { accountId: string; projectId: string; assets: Asset[]; onDone(): void }) {
  const create = useShares((s) => s.create);
  const [name, setName] = useState(assets.length === 1 ? assets[0]!.name : `${assets.length} items`);
  const [access, setAccess] = useState<'public' | 'secure'>('public');
  const [passphrase, setPassphrase] = useState('');
  const [expires, setExpires] = useState('');
  const [downloading, setDownloading] = useState(true);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await create(accountId, projectId, {
      name,
      access,
      assetIds: assets.map((a) => a.id),
      passphrase: passphrase || undefined,
      // A date picked in a form means the end of that day, where the person is.
      expiration: expires ? new Date(`${expires}T23:59:59`).toISOString() : undefined,
      downloading,
    });
    if (ok) onDone();
  };

  return (
    <form className="share-form" aria-label="New share" onSubmit={(e) => void submit(e)}>
      <label>
        Share name
        <input required maxLength={175} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <fieldset className="radio-row">
        <legend>Who can open it</legend>
        <label>
          <input type="radio" name="access" checked={access === 'public'} onChange={() => setAccess('public')} /> Anyone with the link
        </label>
        <label>
          <input type="radio" name="access" checked={access === 'secure'} onChange={() => setAccess('secure')} /> Only invited reviewers
        </label>
      </fieldset>
      <label>
        Passphrase (optional)
        <input type="password" autoComplete="new-password" maxLength={255} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      </label>
      <label>
        Expires on (optional)
        <input type="date" value={expires} min={new Date().toISOString().slice(0, 10)} onChange={(e) => setExpires(e.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" checked={downloading} onChange={(e) => setDownloading(e.target.checked)} /> Allow downloads
      </label>
      <div className="job-actions">
        <button type="submit">Create share link</button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
