import { Field } from './Field.tsx';
import { WATCH_LIMITS } from '../../../../preload/contract.ts';

export function StabilityField({ value, error, onChange }: { value: string; error?: string; onChange(value: string): void }) {
  return (
    <Field label="Finished after unchanged for (seconds)" error={error}>
      {(described) => <input type="number" min={0} max={WATCH_LIMITS.maxStableSeconds} value={value} onChange={(e) => onChange(e.target.value)} {...described} />}
    </Field>
  );
}
