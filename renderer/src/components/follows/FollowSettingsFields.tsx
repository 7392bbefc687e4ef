import type { FollowSettings } from '../../../../preload/contract.ts';

type Versions = FollowSettings['versions'];
type Conflict = FollowSettings['conflict'];

/** What a follow does with a new version of a stack, and with a different same-name file on the disk. */
export function FollowSettingsFields({ value, onChange }: { value: FollowSettings; onChange(value: FollowSettings): void }) {
  return (
    <>
      <label>
        When a stack gets a new version
        <select value={value.versions} onChange={(e) => onChange({ ...value, versions: e.target.value as Versions })}>
          <option value="replace">Replace the file on the disk</option>
          <option value="beside">Keep each version beside it (“name v2”)</option>
        </select>
      </label>
      <label>
        When a different file of the same name is already there
        <select value={value.conflict} onChange={(e) => onChange({ ...value, conflict: e.target.value as Conflict })}>
          <option value="rename">Keep both (the new one as “name (2)”)</option>
          <option value="overwrite">Replace the file on the disk</option>
          <option value="skip">Skip it</option>
        </select>
      </label>
    </>
  );
}
