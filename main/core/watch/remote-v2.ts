// A watch's Frame.io side on a legacy V2 account, in the shapes the V4 account API answers. V2 has
// one listing for everything in a folder (assets told apart by `type`), and shows a version stack
// as its newest version: the stack's name is that version's, `cover_asset_id` that version's id.
import type { V2Api } from '../api/v2/resources.ts';
import { V2TransferApi } from '../api/v2/transfer-adapter.ts';
import type { WatchChild, WatchRemote } from './remote.ts';

export function v2WatchRemote(api: V2Api): WatchRemote {
  const folders = new V2TransferApi(api);
  return {
    showFolder: (folderId) => folders.showFolder(folderId),
    listFolders: (parentId) => folders.listFolders(parentId),
    createFolder: (parentId, name) => folders.createFolder(parentId, name),
    async *listChildren(folderId): AsyncGenerator<WatchChild> {
      for await (const asset of api.children(folderId)) {
        if (asset.type === 'folder') yield { type: 'folder', id: asset.id, name: asset.name };
        else if (asset.type === 'file') yield { type: 'file', id: asset.id, name: asset.name, status: asset.upload_completed_at ? 'uploaded' : 'created' };
        else yield { type: 'version_stack', id: asset.id, head_version: asset.cover_asset_id ? { id: asset.cover_asset_id, name: asset.name } : null };
      }
    },
  };
}
