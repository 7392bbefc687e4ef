import { useRef, useState, type FormEvent } from 'react';
import { useBrowse } from '../../store/browse.ts';
import { useSession } from '../../store/session.ts';
import { useWatches } from '../../store/watches.ts';
import { Field } from './Field.tsx';
import { SameNameField } from './SameNameField.tsx';
import { StabilityField } from './StabilityField.tsx';

/**
 * A watch sends a local folder into the Frame.io folder open in Projects. On the desktop the local
 * folder comes from the system picker; in a browser it is a path on the agent's machine.
 */
export function AddWatch() {
  const shell = useSession((s) => s.info?.shell);
  const { accountId, path } = useBrowse();
  const { pickFolder, add } = useWatches();
  const [dir, setDir] = useState('');
  const [missing, setMissing] = useState(false);
  const pathInput = useRef<HTMLInputElement>(null);
  const [onSameName, setOnSameName] = useState<'version' | 'skip' | 'new'>('version');
  const [stableSeconds, setStableSeconds] = useState('5');
  const target = path.at(-1);

  if (!accountId || !target || target.kind !== 'folder') {
    return <p className="muted">To add a watch folder, first open the Frame.io folder it should upload into, in Projects.</p>;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (shell !== 'desktop' && !dir.trim()) {
      // Focus brings the reason, tied to the field, to a screen reader.
      setMissing(true);
      pathInput.current?.focus();
      return;
    }
    const local = shell === 'desktop' ? await pickFolder() : dir.trim();
    // The desktop's picker closed without a folder: the person chose not to.
    if (!local) return;
    if (await add(local, accountId, target.id, { onSameName, stableSeconds: Number(stableSeconds) })) setDir('');
  };

  return (
    <form className="add-watch" onSubmit={(e) => void submit(e)} aria-label="Add watch folder">
      <p>
        New files will upload into <strong>{path.map((c) => c.name).join(' › ')}</strong>.
      </p>
      {shell !== 'desktop' && (
        <Field label="Folder on the agent’s machine" error={missing ? 'Type the path of the folder to watch, on the machine the agent runs on.' : undefined}>
          {(described) => (
            <input
              ref={pathInput}
              value={dir}
              placeholder="/Volumes/RAID/Renders"
              onChange={(e) => {
                setDir(e.target.value);
                setMissing(false);
              }}
              {...described}
            />
          )}
        </Field>
      )}
      <SameNameField value={onSameName} onChange={setOnSameName} />
      <StabilityField value={stableSeconds} onChange={setStableSeconds} />
      <button type="submit">{shell === 'desktop' ? 'Choose folder and watch' : 'Watch this folder'}</button>
    </form>
  );
}
