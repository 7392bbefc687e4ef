// From the browser to the viewer: a file opens on its own, or among its stack's versions when the
// browser is inside a stack; a stack opens at its newest version.
import type { Asset } from '../../../preload/contract.ts';
import { useBrowse } from './browse.ts';
import { useReview } from './review.ts';

export function openViewer(asset: Asset): Promise<void> {
  const { accountId, path } = useBrowse.getState();
  if (!accountId || asset.type === 'folder') return Promise.resolve();
  const review = useReview.getState();
  if (asset.type === 'version_stack') return review.openStack(accountId, asset.id);
  const here = path.at(-1);
  return review.open(accountId, asset.id, here?.kind === 'stack' ? here.id : undefined);
}
