import type { Asset } from '../../../../preload/contract.ts';
import { statusWords } from '../../lib/file-status.ts';

export function StatusPill({ status }: { status: Asset['status'] }) {
  const words = statusWords(status);
  if (!words) return <>—</>;
  return (
    <span className={`status status-${words.tone}`} title={words.hint}>
      {words.label}
    </span>
  );
}
