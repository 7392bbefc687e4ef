// Frame.io lists a share's assets as one flat list: its members and, below each shared folder or
// version stack, every descendant. Its shape comes back from the parent ids: a member is an asset
// whose parent is not in the list.
import type { Asset } from '../api/types.ts';

export interface ShareNode {
  asset: Asset;
  /** what the list holds directly inside a folder or version stack, in the list's order */
  children: ShareNode[];
}

export function shareTree(assets: Iterable<Asset>): ShareNode[] {
  const nodes = new Map<string, ShareNode>();
  for (const asset of assets) if (!nodes.has(asset.id)) nodes.set(asset.id, { asset, children: [] });
  const members: ShareNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.asset.parent_id === null ? undefined : nodes.get(node.asset.parent_id);
    (parent ? parent.children : members).push(node);
  }
  return members;
}
