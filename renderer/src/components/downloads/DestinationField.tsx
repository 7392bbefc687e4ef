import { useId } from 'react';
import { Field } from '../watches/Field.tsx';

/**
 * Where downloads land: on the desktop, a folder the person picks (only a picked folder is
 * accepted); in a browser, a path on the agent's machine, under the roots its operator allowed.
 */
export function DestinationField({ desktop, value, onChange, onPick }: { desktop: boolean; value: string; onChange(value: string): void; onPick(): void }) {
  const id = useId();
  if (desktop) {
    return (
      <div className="field">
        <span id={id}>Download into</span>
        <div className="download-folder">
          <output aria-labelledby={id}>{value || 'No folder chosen yet'}</output>
          <button type="button" onClick={onPick}>
            Choose folder…
          </button>
        </div>
      </div>
    );
  }
  return (
    <Field label="Folder on the agent’s machine" hint="The agent saves files on its own machine, in a folder its operator allowed.">
      {(described) => <input required value={value} placeholder="/Volumes/RAID/Dailies" onChange={(e) => onChange(e.target.value)} {...described} />}
    </Field>
  );
}
