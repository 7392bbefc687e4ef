import { useId } from 'react';

/** "Upload while it grows": a render goes up as it is written, through Frame.io's real-time upload (legacy V2 accounts only). */
export function LiveField({ value, onChange }: { value: boolean; onChange(value: boolean): void }) {
  const hint = useId();
  return (
    <div className="field">
      <label className="check">
        <input type="checkbox" checked={value} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint} />
        Upload while it grows
      </label>
      <p id={hint} className="field-hint">
        A render or recording goes up as it is written and is in Frame.io seconds after its last write, finished once unchanged for the time above. Needs a
        legacy (V2) account: elsewhere the watch waits for files to finish, then uploads them.
      </p>
    </div>
  );
}
