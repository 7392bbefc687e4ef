import type { WatchSettings } from '../../../../preload/contract.ts';

type UploadFirst = WatchSettings['uploadFirst'];

/** While several finished files wait for a free upload, which one goes next. */
export function UploadFirstField({ value, onChange }: { value: UploadFirst; onChange(value: UploadFirst): void }) {
  return (
    <label>
      When several files are waiting to upload
      <select value={value} onChange={(e) => onChange(e.target.value as UploadFirst)}>
        <option value="oldest">Upload the first finished first</option>
        <option value="newest">Upload the newest first</option>
      </select>
    </label>
  );
}
