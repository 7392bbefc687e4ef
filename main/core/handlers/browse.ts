import type { FrameioClient } from '../api/client.ts';
import { Browser } from '../browse/browse.ts';
import { V2Browse } from '../browse/legacy.ts';
import { Places } from '../browse/places.ts';
import type { FolderReading, PlaceReading } from '../browse/source.ts';
import { onLegacy, type LegacyApi } from './api-choice.ts';
import type { HandlerGroup } from './types.ts';

const deleted = { deleted: true as const };

/** Browsing goes through V2 on a legacy sign-in (what stays V4's is refused in api-choice.ts). */
export function browseHandlers(api: FrameioClient, legacy?: LegacyApi): HandlerGroup<'workspaces' | 'projects' | 'folder' | 'asset' | 'file' | 'stack'> {
  const browser = new Browser(api);
  const places = new Places(api);
  const v2 = legacy && new V2Browse(legacy.v2);
  const where = (): PlaceReading => (onLegacy(legacy) && v2 ? v2 : places);
  const folders = (): FolderReading => (onLegacy(legacy) && v2 ? v2 : browser);
  return {
    'workspaces:list': ({ accountId }) => where().workspaces(accountId),
    'workspaces:create': ({ accountId, name }) => places.createWorkspace(accountId, name),
    'workspaces:rename': ({ accountId, workspaceId, name }) => places.renameWorkspace(accountId, workspaceId, name),
    'workspaces:delete': async ({ accountId, workspaceId }) => (await places.deleteWorkspace(accountId, workspaceId), deleted),
    'projects:list': ({ accountId, workspaceId }) => where().projects(accountId, workspaceId),
    'projects:create': ({ accountId, workspaceId, name }) => places.createProject(accountId, workspaceId, name),
    'projects:rename': ({ accountId, projectId, name }) => places.renameProject(accountId, projectId, name),
    'projects:delete': async ({ accountId, projectId }) => (await places.deleteProject(accountId, projectId), deleted),
    'folder:list': ({ accountId, folderId, cursor }) => folders().folder(accountId, folderId, cursor),
    'folder:create': ({ accountId, parentId, name }) => folders().createFolder(accountId, parentId, name),
    'folder:rename': ({ accountId, folderId, name }) => browser.renameFolder(accountId, folderId, name),
    'asset:delete': async ({ accountId, assetId, type }) => (await folders().delete(accountId, assetId, type), deleted),
    'file:show': ({ accountId, fileId, playable }) => folders().file(accountId, fileId, playable ?? false),
    'file:original': ({ accountId, fileId }) => folders().original(accountId, fileId),
    'stack:versions': ({ accountId, stackId }) => folders().versions(accountId, stackId),
  };
}
