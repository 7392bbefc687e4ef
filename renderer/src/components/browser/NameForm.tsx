import { useState, type FormEvent } from 'react';

/** A one-field form for naming something new or renaming it; closes when the action succeeds. */
export function NameForm({ label, initial = '', submitLabel, onSubmit, onCancel }: { label: string; initial?: string; submitLabel: string; onSubmit(name: string): Promise<boolean>; onCancel(): void }) {
  const [name, setName] = useState(initial);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && (await onSubmit(name.trim()))) onCancel();
  };
  return (
    <form className="inline-form name-form" onSubmit={(e) => void submit(e)}>
      <input autoFocus aria-label={label} value={name} maxLength={255} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && onCancel()} />
      <button type="submit" disabled={!name.trim()}>
        {submitLabel}
      </button>
    </form>
  );
}
