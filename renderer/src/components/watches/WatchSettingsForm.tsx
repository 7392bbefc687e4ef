import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Watch } from '../../../../preload/contract.ts';
import { useBrowse } from '../../store/browse.ts';
import { useWatches } from '../../store/watches.ts';
import { WatchSettingsFields } from './WatchSettingsFields.tsx';
import { changedSettings, checkDraft, draftOf, type DraftErrors } from './settings-draft.ts';

/**
 * Edits a watch's settings in place. Saving restarts the watch with them; a refusal from the service
 * shows in the view's problem banner and leaves the edits here to fix. Closing discards the draft.
 */
export function WatchSettingsForm({ id, watch, onClose }: { id: string; watch: Watch; onClose(): void }) {
  const update = useWatches((s) => s.update);
  // Edits are compared with what the form opened with, so a save changes only what was edited here.
  const [opened] = useState(watch.settings);
  const [draft, setDraft] = useState(() => draftOf(opened));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [saving, setSaving] = useState(false);
  const [moveTo, setMoveTo] = useState<string>();
  const form = useRef<HTMLFormElement>(null);
  // Another destination is the Frame.io folder open in Projects, as when the watch was added.
  const { accountId, path } = useBrowse();
  const open = path.at(-1);
  const offered = accountId === watch.accountId && open?.kind === 'folder' && open.id !== watch.folderId ? { id: open.id, name: path.map((c) => c.name).join(' › ') } : undefined;

  useEffect(() => form.current?.querySelector<HTMLElement>('input, select, textarea')?.focus(), []);
  useEffect(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), [errors]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    const changes = changedSettings(opened, checked.settings);
    if (Object.keys(changes).length > 0 || moveTo) {
      setSaving(true);
      const saved = await update(watch.id, changes, moveTo);
      setSaving(false);
      if (!saved) return;
    }
    onClose();
  };

  return (
    <form
      ref={form}
      id={id}
      className="watch-settings"
      aria-label={`Settings of ${watch.dir}`}
      noValidate
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <fieldset className="watch-move">
        <legend>Destination in Frame.io</legend>
        {offered ? (
          <label>
            <input type="checkbox" checked={moveTo === offered.id} onChange={(e) => setMoveTo(e.target.checked ? offered.id : undefined)} />
            Upload new files into {offered.name}
          </label>
        ) : (
          <p className="field-hint">To send new files elsewhere, open that Frame.io folder in Projects, then come back to these settings.</p>
        )}
        {moveTo && <p className="field-hint">What was uploaded already stays where it is.</p>}
      </fieldset>
      <WatchSettingsFields draft={draft} errors={errors} onChange={(patch) => setDraft({ ...draft, ...patch })} />
      <p className="field-hint">
        {watch.paused ? 'The watch is paused: the new settings apply when it resumes.' : 'Saving restarts the watch: it looks through the folder again with the new settings.'}
      </p>
      <div className="job-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save settings'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
