import { AfterUploadField } from './AfterUploadField.tsx';
import { Field } from './Field.tsx';
import { LiveField } from './LiveField.tsx';
import { SameNameField } from './SameNameField.tsx';
import { StabilityField } from './StabilityField.tsx';
import { UploadFirstField } from './UploadFirstField.tsx';
import { WATCH_LIMITS } from '../../../../preload/contract.ts';
import type { DraftErrors, SettingsDraft } from './settings-draft.ts';

/** Every setting of a watch, bound to a draft; checking the draft is the form's business. */
export function WatchSettingsFields({ draft, errors, onChange }: { draft: SettingsDraft; errors: DraftErrors; onChange(patch: Partial<SettingsDraft>): void }) {
  return (
    <div className="watch-settings-fields">
      <StabilityField value={draft.stableSeconds} error={errors.stableSeconds} onChange={(stableSeconds) => onChange({ stableSeconds })} />
      <LiveField value={draft.live} onChange={(live) => onChange({ live })} />
      <Field
        label="Full look at the folder every (seconds)"
        hint={`For network shares, which send no events for what other machines write. 0: never; otherwise ${WATCH_LIMITS.minRescanSeconds} or more.`}
        error={errors.rescanSeconds}
      >
        {(described) => (
          <input type="number" min={0} max={WATCH_LIMITS.maxRescanSeconds} value={draft.rescanSeconds} onChange={(e) => onChange({ rescanSeconds: e.target.value })} {...described} />
        )}
      </Field>
      <Field label="Ignore (globs, one per line)" hint="*.wav ignores a name anywhere; Proxies/** a path from the watched folder." error={errors.ignore}>
        {(described) => <textarea rows={3} spellCheck={false} value={draft.ignore} onChange={(e) => onChange({ ignore: e.target.value })} {...described} />}
      </Field>
      <Field label="Only upload (globs, one per line)" hint="Empty: every file. Ignore rules still win." error={errors.include}>
        {(described) => <textarea rows={3} spellCheck={false} value={draft.include} onChange={(e) => onChange({ include: e.target.value })} {...described} />}
      </Field>
      <label className="check">
        <input type="checkbox" checked={draft.defaultIgnores} onChange={(e) => onChange({ defaultIgnores: e.target.checked })} />
        Also ignore temp files, caches and system litter (*.tmp, .DS_Store, Media Cache…)
      </label>
      <div className="same-name">
        <SameNameField value={draft.onSameName} onChange={(onSameName) => onChange({ onSameName })} />
        <label className="check">
          <input type="checkbox" checked={draft.exactNames} onChange={(e) => onChange({ exactNames: e.target.checked })} />
          “The same name” means exactly the same (otherwise shot_v002 counts as a new version of shot_v001)
        </label>
      </div>
      <UploadFirstField value={draft.uploadFirst} onChange={(uploadFirst) => onChange({ uploadFirst })} />
      <AfterUploadField draft={draft} errors={errors} onChange={onChange} />
    </div>
  );
}
