import { randomUUID } from 'node:crypto';
import { folder, versionStack, writableAccount, type AccountAccess } from '../access.ts';
import { copyTree, emitAssetEvent } from '../assets.ts';
import { invalid } from '../http.ts';
import { parseIncludes, presentAsset, presentVersionStack, stackVersions } from '../present.ts';
import type { FolderRecord, VersionStackRecord } from '../store/records.ts';
import { bodyData, listReply, ok, requireField, sortBy, stamp } from './common.ts';
import { listChildren } from './folders.ts';
import type { HandlerTable, RequestContext } from './types.ts';

function destinationFolder(ctx: RequestContext, access: AccountAccess, parentId: string): FolderRecord {
  const target = ctx.world.store.get('asset', parentId);
  if (!target || target.account_id !== access.account.id || target.type !== 'folder') throw invalid(`Folder ${parentId} not found`, '/data/parent_id');
  return folder(ctx, parentId, access);
}

export const versionStackHandlers: HandlerTable = {
  'version_stacks.create': (ctx) => {
    const access = writableAccount(ctx);
    const parent = folder(ctx, ctx.params.folder_id!, access);
    const fileIds = bodyData<{ file_ids: string[] }>(ctx).file_ids;
    const files = fileIds.map((id, index) => {
      const candidate = ctx.world.store.get('asset', id);
      if (candidate?.type !== 'file' || candidate.account_id !== access.account.id) throw invalid(`File ${id} not found`, `/data/file_ids/${index}`);
      if (candidate.parent_id !== parent.id) throw invalid(`File ${id} is not in folder ${parent.id}`, `/data/file_ids/${index}`);
      return candidate;
    });
    const now = stamp(ctx);
    const stack: VersionStackRecord = {
      id: randomUUID(),
      type: 'version_stack',
      account_id: access.account.id,
      project_id: parent.project_id,
      parent_id: parent.id,
      name: files.at(-1)!.name,
      creator_id: ctx.user.id,
      created_at: now,
      updated_at: now,
    };
    ctx.world.store.transaction(() => {
      ctx.world.store.put('asset', stack);
      files.forEach((file, index) => ctx.world.store.put('asset', { ...file, parent_id: stack.id, version: index + 1, updated_at: now }));
    });
    for (const file of files) emitAssetEvent(ctx.world, file, 'file.versioned', ctx.user.id);
    return ok(presentVersionStack(ctx.world, stack), 201);
  },

  'version_stacks.list': (ctx) => listChildren(ctx, folder(ctx, ctx.params.folder_id!).id, new Set(['version_stack'])),

  'version_stacks.show': (ctx) => ok(presentVersionStack(ctx.world, versionStack(ctx, ctx.params.version_stack_id!), parseIncludes(ctx.query))),

  /** Versions newest first, the head version leading, unless a sort is asked for. */
  'version_stacks.index': (ctx) => {
    const stack = versionStack(ctx, ctx.params.version_stack_id!);
    const newestFirst = stackVersions(ctx.world, stack.id).reverse();
    const sorted = ctx.query.get('sort')
      ? sortBy(newestFirst, ctx.query.get('sort'), 'name_asc', {
          name: (f) => f.name,
          file_size: (f) => f.file_size,
          created_at: (f) => f.created_at,
          updated_at: (f) => f.updated_at,
        })
      : newestFirst;
    const includes = parseIncludes(ctx.query);
    return listReply(ctx, sorted.map((f) => presentAsset(ctx.world, f, includes)));
  },

  'version_stacks.move': (ctx) => {
    const access = writableAccount(ctx);
    const stack = versionStack(ctx, ctx.params.version_stack_id!, access);
    const target = destinationFolder(ctx, access, requireField(bodyData<{ parent_id?: string }>(ctx).parent_id, 'parent_id'));
    const moved = ctx.world.store.transaction(() => {
      for (const version of stackVersions(ctx.world, stack.id)) ctx.world.store.put('asset', { ...version, project_id: target.project_id });
      return ctx.world.store.put('asset', { ...stack, parent_id: target.id, project_id: target.project_id, updated_at: stamp(ctx) });
    });
    return ok(presentVersionStack(ctx.world, moved));
  },

  'version_stacks.copy': (ctx) => {
    const access = writableAccount(ctx);
    const stack = versionStack(ctx, ctx.params.version_stack_id!, access);
    const target = destinationFolder(ctx, access, bodyData<{ parent_id?: string }>(ctx).parent_id ?? stack.parent_id!);
    const copy = copyTree(ctx.world, stack, target, { creatorId: ctx.user.id, copyMetadata: ctx.query.get('copy_metadata') === 'true' }) as VersionStackRecord;
    return ok(presentVersionStack(ctx.world, copy));
  },
};
