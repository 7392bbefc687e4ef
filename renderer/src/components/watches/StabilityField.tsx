import { Field } from './Field.tsx';
import { MAX_STABLE_SECONDS } from './settings-draft.ts';

export function StabilityField({ value, error, onChange }: { value: string; error?: string; onChange(value: string): void }) {
  return (
    <Field label="Finished after unchanged for (seconds)" error={error}>
      {(described) => <input type="number" min={0} max={MAX_STABLE_SECONDS} value={value} onChange={(e) => onChange(e.target.value)} {...described} />}
    </Field>
  );
}
