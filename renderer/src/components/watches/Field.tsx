import { useId, type ReactNode } from 'react';

/** What a control needs so that its hint and its error are read out with it. */
export interface Described {
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/** A labelled control with an optional hint and, after a failed check, the reason beside it. */
export function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string; children(described: Described): ReactNode }) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label>
        {label}
        {children({ 'aria-describedby': describedBy || undefined, 'aria-invalid': error ? true : undefined })}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
