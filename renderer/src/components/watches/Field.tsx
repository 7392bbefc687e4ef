import { useId, type ReactNode } from 'react';

/** What a control needs so that its hint and its error are read out with it. */
export interface Described {
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

interface Props {
  label: string;
  hint?: string;
  /** what happened to the value as it was typed (a name cut to the limit), read out as it changes; given, its place is kept */
  note?: string;
  error?: string;
  children(described: Described): ReactNode;
}

/** A labelled control with an optional hint and, after a failed check, the reason beside it. */
export function Field({ label, hint, note, error, children }: Props) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, note && `${id}-note`, error && `${id}-error`].filter(Boolean).join(' ');
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
      {note !== undefined && (
        <p id={`${id}-note`} role="status" className="field-hint">
          {note}
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
