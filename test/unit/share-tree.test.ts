// A share's flat listing turned back into its shape: members are the assets whose parent is not
// listed; everything else hangs under its parent, in the listing's order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Asset } from '../../main/core/api/types.ts';
import { shareTree, type ShareNode } from '../../main/core/shares/share-tree.ts';

function asset(id: string, type: Asset['type'], parent: string | null): Asset {
  const common = { id, name: id, parent_id: parent, project_id: 'p', created_at: '', updated_at: '', view_url: '' };
  if (type === 'folder') return { ...common, type, cover_file_id: null };
  if (type === 'version_stack') return { ...common, type, head_version: null };
  return { ...common, type, file_size: 1, media_type: null, status: 'uploaded' } as Asset;
}

const shape = (nodes: ShareNode[]): unknown => nodes.map((n) => (n.children.length ? { [n.asset.id]: shape(n.children) } : n.asset.id));

test('members with their folders and stacks filled in from the flat list', () => {
  const listed = [
    asset('loose.mov', 'file', 'elsewhere'),
    asset('Selects', 'folder', 'root'),
    asset('take.mov', 'file', 'Scene'),
    asset('Scene', 'folder', 'Selects'),
    asset('stack', 'version_stack', 'root'),
    asset('v1', 'file', 'stack'),
    asset('v2', 'file', 'stack'),
  ];
  assert.deepEqual(shape(shareTree(listed)), ['loose.mov', { Selects: [{ Scene: ['take.mov'] }] }, { stack: ['v1', 'v2'] }]);
});

test('an asset listed twice counts once; one without a parent is a member', () => {
  const file = asset('a.mov', 'file', null);
  assert.deepEqual(shape(shareTree([file, file])), ['a.mov']);
  assert.deepEqual(shape(shareTree([])), []);
});
