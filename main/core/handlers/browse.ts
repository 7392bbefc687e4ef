import type { FrameioClient } from '../api/client.ts';
import { Browser } from '../browse/browse.ts';
import { readOriginal } from '../browse/original.ts';
import { Places } from '../browse/places.ts';
import type { HandlerGroup } from './types.ts';

const deleted = { deleted: true as const };

export function browseHandlers(api: FrameioClient): HandlerGroup<'workspaces' | 'projects' | 'folder' | 'asset' | 'file' | 'stack'> {
  const browser = new Browser(api);
  const places = new Places(api);
  return {
    'workspaces:list': ({ accountId }) => places.workspaces(accountId),
    'workspaces:create': ({ accountId, name }) => places.createWorkspace(accountId, name),
    'workspaces:rename': ({ accountId, workspaceId, name }) => places.renameWorkspace(accountId, workspaceId, name),
    'workspaces:delete': async ({ accountId, workspaceId }) => (await places.deleteWorkspace(accountId, workspaceId), deleted),
    'projects:list': ({ accountId, workspaceId }) => places.projects(accountId, workspaceId),
    'projects:create': ({ accountId, workspaceId, name }) => places.createProject(accountId, workspaceId, name),
    'projects:rename': ({ accountId, projectId, name }) => places.renameProject(accountId, projectId, name),
    'projects:delete': async ({ accountId, projectId }) => (await places.deleteProject(accountId, projectId), deleted),
    'folder:list': ({ accountId, folderId, cursor }) => browser.folder(accountId, folderId, cursor),
    'folder:create': ({ accountId, parentId, name }) => browser.createFolder(accountId, parentId, name),
    'folder:rename': ({ accountId, folderId, name }) => browser.renameFolder(accountId, folderId, name),
    'asset:delete': async ({ accountId, assetId, type }) => (await browser.delete(accountId, assetId, type), deleted),
    'file:show': ({ accountId, fileId, playable }) => browser.file(accountId, fileId, playable ?? false),
    'file:original': ({ accountId, fileId }) => readOriginal(api, accountId, fileId),
    'stack:versions': ({ accountId, stackId }) => browser.versions(accountId, stackId),
  };
}
