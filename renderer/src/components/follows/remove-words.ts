// What removing a follow does, said before it happens: it stops looking, cancels the downloads it
// has not finished (their half-fetched files are deleted) and keeps what came down.
import type { Follow } from '../../../../preload/contract.ts';

export interface RemoveWords {
  title: string;
  stops: string;
  /** the downloads cancelled, when some are still to come */
  cancelled: string | undefined;
  kept: string;
}

const files = (n: number) => (n === 1 ? '1 file' : `${n.toLocaleString()} files`);

export function removeWords({ label, dir, counts }: Pick<Follow, 'label' | 'dir' | 'counts'>): RemoveWords {
  const { coming, done } = counts;
  return {
    title: `Stop following “${label}”?`,
    stops: `Slate stops looking for what lands in “${label}” in Frame.io. Nothing in Frame.io changes.`,
    cancelled:
      coming > 0
        ? `${files(coming)} still to come down ${coming === 1 ? 'is' : 'are'} cancelled, and what has arrived of ${coming === 1 ? 'it' : 'them'} is deleted.`
        : undefined,
    kept:
      done > 0
        ? `${files(done)} that came down ${done === 1 ? 'stays' : 'stay'} in “${label}” in ${dir}.`
        : `Nothing has come down yet; the folder “${label}” in ${dir} is left as it is.`,
  };
}
