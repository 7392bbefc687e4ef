import { randomUUID } from 'node:crypto';
import { folder, writableAccount, type AccountAccess } from '../access.ts';
import { children, copyTree, deleteTree, emitAssetEvent, isWithin } from '../assets.ts';
import { conflict, invalid } from '../http.ts';
import { parseIncludes, presentAsset, presentFolder } from '../present.ts';
import type { AssetRecord, FolderRecord } from '../store/records.ts';
import { bodyData, listReply, noContent, ok, requireField, sortBy, stamp } from './common.ts';
import type { HandlerTable, RequestContext } from './types.ts';

const ASSET_SORT_KEYS = {
  name: (a: AssetRecord) => a.name,
  created_at: (a: AssetRecord) => a.created_at,
  updated_at: (a: AssetRecord) => a.updated_at,
  file_size: (a: AssetRecord) => (a.type === 'file' ? a.file_size : null),
};

/** Children of a folder, filtered by `type` (comma-separated asset types) and sorted. */
export function listChildren(ctx: RequestContext, parentId: string, types: ReadonlySet<string>) {
  const items = children(ctx.world, parentId).filter((a) => types.has(a.type));
  const includes = parseIncludes(ctx.query);
  return listReply(ctx, sortBy(items, ctx.query.get('sort'), 'created_at_asc', ASSET_SORT_KEYS), (a) => presentAsset(ctx.world, a, includes));
}

const ALL_TYPES = new Set(['file', 'folder', 'version_stack']);

function childTypes(ctx: RequestContext): Set<string> {
  const raw = ctx.query.get('type');
  if (raw === null) return ALL_TYPES;
  const types = new Set(raw.split(',').map((t) => t.trim()));
  for (const type of types) if (!ALL_TYPES.has(type)) throw invalid(`Unknown asset type "${type}"; expected file, folder or version_stack`, '/type');
  return types;
}

/** A destination folder for a move or copy, by the body's `parent_id`. */
function destinationFolder(ctx: RequestContext, access: AccountAccess, parentId: string): FolderRecord {
  const target = ctx.world.store.get('asset', parentId);
  if (!target || target.account_id !== access.account.id) throw invalid(`Folder ${parentId} not found`, '/data/parent_id');
  if (target.type !== 'folder') throw invalid('The destination must be a folder', '/data/parent_id');
  return folder(ctx, parentId, access);
}

function assertNotRoot(record: FolderRecord, action: string): void {
  if (record.parent_id === null) throw conflict(`A project's root folder cannot be ${action}`);
}

/** Re-homes a subtree in another project after a move across projects. */
function setProject(ctx: RequestContext, node: AssetRecord, projectId: string): void {
  if (node.project_id !== projectId) ctx.world.store.put('asset', { ...node, project_id: projectId });
  for (const child of children(ctx.world, node.id)) setProject(ctx, child, projectId);
}

export const folderHandlers: HandlerTable = {
  'folders.show': (ctx) => ok(presentFolder(ctx.world, folder(ctx, ctx.params.folder_id!), parseIncludes(ctx.query))),

  'folders.index': (ctx) => listChildren(ctx, folder(ctx, ctx.params.folder_id!).id, childTypes(ctx)),

  'folders.list': (ctx) => listChildren(ctx, folder(ctx, ctx.params.folder_id!).id, new Set(['folder'])),

  'folders.create': (ctx) => {
    const access = writableAccount(ctx);
    const parent = folder(ctx, ctx.params.folder_id!, access);
    const name = requireField(bodyData<{ name?: string }>(ctx).name, 'name');
    const now = stamp(ctx);
    const record = ctx.world.store.put('asset', {
      id: randomUUID(),
      type: 'folder',
      account_id: access.account.id,
      project_id: parent.project_id,
      parent_id: parent.id,
      name,
      creator_id: ctx.user.id,
      created_at: now,
      updated_at: now,
      cover_file_id: null,
    });
    emitAssetEvent(ctx.world, record, 'folder.created', ctx.user.id);
    return ok(presentFolder(ctx.world, record), 201);
  },

  'folders.update': (ctx) => {
    const access = writableAccount(ctx);
    const record = folder(ctx, ctx.params.folder_id!, access);
    const { name } = bodyData<{ name?: string }>(ctx);
    if (name !== undefined) assertNotRoot(record, 'renamed');
    const updated = ctx.world.store.put('asset', { ...record, name: name ?? record.name, updated_at: stamp(ctx) });
    emitAssetEvent(ctx.world, updated, 'folder.updated', ctx.user.id);
    return ok(presentFolder(ctx.world, updated));
  },

  'folders.move': (ctx) => {
    const access = writableAccount(ctx);
    const record = folder(ctx, ctx.params.folder_id!, access);
    assertNotRoot(record, 'moved');
    const target = destinationFolder(ctx, access, requireField(bodyData<{ parent_id?: string }>(ctx).parent_id, 'parent_id'));
    if (isWithin(ctx.world, target, record.id)) throw conflict('A folder cannot be moved into itself or one of its subfolders', '/data/parent_id');
    const moved = ctx.world.store.transaction(() => {
      const updated = ctx.world.store.put('asset', { ...record, parent_id: target.id, updated_at: stamp(ctx) });
      setProject(ctx, updated, target.project_id);
      return ctx.world.store.get('asset', record.id) as FolderRecord;
    });
    emitAssetEvent(ctx.world, moved, 'folder.updated', ctx.user.id);
    return ok(presentFolder(ctx.world, moved));
  },

  'folders.copy': (ctx) => {
    const access = writableAccount(ctx);
    const record = folder(ctx, ctx.params.folder_id!, access);
    assertNotRoot(record, 'copied');
    const parentId = bodyData<{ parent_id?: string }>(ctx).parent_id ?? record.parent_id!;
    const target = destinationFolder(ctx, access, parentId);
    if (isWithin(ctx.world, target, record.id)) throw conflict('A folder cannot be copied into itself or one of its subfolders', '/data/parent_id');
    const copy = copyTree(ctx.world, record, target, { creatorId: ctx.user.id, copyMetadata: ctx.query.get('copy_metadata') === 'true' }) as FolderRecord;
    emitAssetEvent(ctx.world, copy, 'folder.copied', ctx.user.id);
    return ok(presentFolder(ctx.world, copy));
  },

  'folders.delete': (ctx) => {
    const access = writableAccount(ctx);
    const record = folder(ctx, ctx.params.folder_id!, access);
    assertNotRoot(record, 'deleted');
    deleteTree(ctx.world, record);
    emitAssetEvent(ctx.world, record, 'folder.deleted', ctx.user.id);
    return noContent;
  },
};
