import type { WatchSettings } from '../../../../preload/contract.ts';

type SameName = WatchSettings['onSameName'];

export function SameNameField({ value, onChange }: { value: SameName; onChange(value: SameName): void }) {
  return (
    <label>
      When a file has the same name
      <select value={value} onChange={(e) => onChange(e.target.value as SameName)}>
        <option value="version">Add it as a new version</option>
        <option value="skip">Skip it</option>
        <option value="new">Upload it anyway</option>
      </select>
    </label>
  );
}
