import { useId, useRef, useState, type FormEvent } from 'react';
import { fitName, NAME_CUT_NOTE, nameProblem } from '../../lib/names.ts';

interface Props {
  label: string;
  /** what is being named, for the words beside the field: "folder", "project" */
  what: string;
  initial?: string;
  submitLabel: string;
  /** shows a Cancel button beside the submit one */
  cancelButton?: boolean;
  onSubmit(name: string): Promise<boolean>;
  onCancel(): void;
}

/**
 * A one-field form for naming something new or renaming it; closes when the action succeeds and
 * stays open, with the name kept, when it fails. A name that cannot be sent, and one cut to
 * Frame.io's limit, are said beside the field.
 */
export function NameForm({ label, what, initial = '', submitLabel, cancelButton = false, onSubmit, onCancel }: Props) {
  const id = useId();
  const [name, setName] = useState(initial);
  const [cut, setCut] = useState(false);
  const [refused, setRefused] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = nameProblem(name, what);
    if (problem) {
      setRefused(problem);
      input.current?.focus();
      return;
    }
    if (await onSubmit(name.trim())) onCancel();
  };
  const message = refused ?? (cut ? NAME_CUT_NOTE : undefined);
  return (
    <form className="inline-form name-form" onSubmit={(e) => void submit(e)}>
      <input
        ref={input}
        autoFocus
        aria-label={label}
        value={name}
        aria-invalid={refused ? true : undefined}
        aria-describedby={`${id}-message`}
        onChange={(e) => {
          const fitted = fitName(e.target.value);
          setName(fitted.name);
          setCut(fitted.cut);
          setRefused(undefined);
        }}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      />
      <button type="submit">{submitLabel}</button>
      {cancelButton && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
      <p id={`${id}-message`} role="status" className={refused ? 'field-error' : 'field-hint'}>
        {message}
      </p>
    </form>
  );
}
