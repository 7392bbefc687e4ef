import { useState } from 'react';
import type { Settings } from '../../../../preload/contract.ts';
import { toProblem } from '../../store/problem.ts';
import { useSettings } from '../../store/settings.ts';

/** What a setting's field says after a change: why it was refused, or that it was applied. */
export interface ApplyNote {
  error?: string;
  applied?: string;
}

/** Applies one field's change and keeps its outcome beside the field, never in place of the page. */
export function useApply(): { note: ApplyNote; apply(change: Partial<Settings>, applied?: string): Promise<void>; refuse(error: string): void } {
  const [note, setNote] = useState<ApplyNote>({});
  const update = useSettings((s) => s.update);
  return {
    note,
    refuse: (error) => setNote({ error }),
    async apply(change, applied = 'Saved.') {
      try {
        await update(change);
        setNote({ applied });
      } catch (error) {
        const problem = toProblem(error);
        setNote({ error: [problem.message, problem.action].filter(Boolean).join(' ') });
      }
    },
  };
}
