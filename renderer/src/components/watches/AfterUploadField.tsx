import { useId, useState } from 'react';
import { fitName, NAME_CUT_NOTE } from '../../lib/names.ts';
import { Field } from './Field.tsx';
import type { AfterUploadAction, DraftErrors, SettingsDraft } from './settings-draft.ts';

type Props = {
  draft: Pick<SettingsDraft, 'afterUpload' | 'uploadedFolder' | 'deleteConfirmed'>;
  errors: DraftErrors;
  onChange(patch: Partial<SettingsDraft>): void;
};

/** What happens to a local file once Frame.io has all of it. Deleting is a choice plus a second, explicit yes. */
export function AfterUploadField({ draft, errors, onChange }: Props) {
  const id = useId();
  const [cut, setCut] = useState(false);
  const choose = (afterUpload: AfterUploadAction) => onChange({ afterUpload, deleteConfirmed: false });
  return (
    <fieldset className="radio-row after-upload">
      <legend>After a file has uploaded</legend>
      <label>
        <input type="radio" name={`${id}-after`} checked={draft.afterUpload === 'leave'} onChange={() => choose('leave')} /> Leave it where it is
      </label>
      <label>
        <input type="radio" name={`${id}-after`} checked={draft.afterUpload === 'move'} onChange={() => choose('move')} /> Move it into a sub-folder of the watched folder
      </label>
      {draft.afterUpload === 'move' && (
        <Field label="Sub-folder name" hint="Created when needed; Slate never uploads what is in it." note={cut ? NAME_CUT_NOTE : ''} error={errors.uploadedFolder}>
          {(described) => (
            <input
              value={draft.uploadedFolder}
              onChange={(e) => {
                const fitted = fitName(e.target.value);
                setCut(fitted.cut);
                onChange({ uploadedFolder: fitted.name });
              }}
              {...described}
            />
          )}
        </Field>
      )}
      <label>
        <input type="radio" name={`${id}-after`} checked={draft.afterUpload === 'delete'} onChange={() => choose('delete')} /> Delete the local file once Frame.io has it
      </label>
      {draft.afterUpload === 'delete' && (
        <div className="delete-opt-in">
          <p id={`${id}-warning`}>
            Each file is deleted from this computer as soon as Frame.io has all of it, and does not go to the Trash or Recycle Bin. Keep another copy of
            camera originals.
          </p>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.deleteConfirmed}
              onChange={(e) => onChange({ deleteConfirmed: e.target.checked })}
              aria-describedby={errors.deleteConfirmed ? `${id}-warning ${id}-error` : `${id}-warning`}
              aria-invalid={errors.deleteConfirmed ? true : undefined}
            />
            Yes, delete uploaded files from this folder
          </label>
          {errors.deleteConfirmed && (
            <p id={`${id}-error`} className="field-error">
              {errors.deleteConfirmed}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
