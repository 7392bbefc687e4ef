import type { FrameioClient } from '../api/client.ts';
import { Browser } from '../browse/browse.ts';
import type { HandlerGroup } from './types.ts';

export function browseHandlers(api: FrameioClient): HandlerGroup<'workspaces' | 'projects' | 'folder' | 'asset' | 'file' | 'stack'> {
  const browser = new Browser(api);
  return {
    'workspaces:list': ({ accountId }) => browser.workspaces(accountId),
    'projects:list': ({ accountId, workspaceId }) => browser.projects(accountId, workspaceId),
    'folder:list': ({ accountId, folderId, cursor }) => browser.folder(accountId, folderId, cursor),
    'folder:create': ({ accountId, parentId, name }) => browser.createFolder(accountId, parentId, name),
    'folder:rename': ({ accountId, folderId, name }) => browser.renameFolder(accountId, folderId, name),
    'asset:delete': async ({ accountId, assetId, type }) => {
      await browser.delete(accountId, assetId, type);
      return { deleted: true as const };
    },
    'file:show': ({ accountId, fileId }) => browser.file(accountId, fileId),
    'stack:versions': ({ accountId, stackId }) => browser.versions(accountId, stackId),
  };
}
