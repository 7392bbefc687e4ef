import { randomUUID } from 'node:crypto';
import { file, folder, writableAccount, type AccountAccess } from '../access.ts';
import { children, copyTree, deleteTree, emitAssetEvent } from '../assets.ts';
import { invalid } from '../http.ts';
import { parseIncludes, presentFile, stackVersions } from '../present.ts';
import type { FileRecord, FolderRecord, VersionStackRecord } from '../store/records.ts';
import { createFileRecord, uploadUrls } from '../uploads/lifecycle.ts';
import { fetchRemote } from '../uploads/remote.ts';
import { bodyData, noContent, ok, requireField, stamp } from './common.ts';
import { listChildren } from './folders.ts';
import type { HandlerTable, Reply, RequestContext } from './types.ts';

/** A folder or version stack that a file may be put into, by the body's `parent_id`. */
function destination(ctx: RequestContext, access: AccountAccess, parentId: string): FolderRecord | VersionStackRecord {
  const target = ctx.world.store.get('asset', parentId);
  if (!target || target.account_id !== access.account.id || target.type === 'file') throw invalid(`Folder or version stack ${parentId} not found`, '/data/parent_id');
  return target;
}

const nextVersion = (ctx: RequestContext, stackId: string) => (stackVersions(ctx.world, stackId).at(-1)?.version ?? 0) + 1;

/** A stack that lost its last version goes with it. */
function dropEmptyStack(ctx: RequestContext, parentId: string | null): void {
  const parent = parentId ? ctx.world.store.get('asset', parentId) : undefined;
  if (parent?.type === 'version_stack' && children(ctx.world, parent.id).length === 0) ctx.world.store.delete(parent.id);
}

function assertRemoteSource(sourceUrl: string): void {
  let protocol: string;
  try {
    protocol = new URL(sourceUrl).protocol;
  } catch {
    throw invalid('source_url must be an absolute http or https URL', '/data/source_url');
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw invalid('source_url must be an absolute http or https URL', '/data/source_url');
}

function startLocalUpload(ctx: RequestContext, input: { name: string; fileSize: number; mediaType?: string }): Reply {
  const access = writableAccount(ctx);
  const parent = folder(ctx, ctx.params.folder_id!, access);
  const record = createFileRecord(ctx.world, { parent, name: input.name, fileSize: input.fileSize, mediaType: input.mediaType, creatorId: ctx.user.id, source: 'local' });
  emitAssetEvent(ctx.world, record, 'file.created', ctx.user.id);
  return ok({ ...presentFile(ctx.world, record), upload_urls: uploadUrls(ctx.world, record) }, 201);
}

function startRemoteUpload(ctx: RequestContext, input: { name: string; sourceUrl: string; mediaType?: string }): Reply {
  const access = writableAccount(ctx);
  const parent = folder(ctx, ctx.params.folder_id!, access);
  assertRemoteSource(input.sourceUrl);
  const record = createFileRecord(ctx.world, { parent, name: input.name, fileSize: 0, mediaType: input.mediaType, creatorId: ctx.user.id, source: 'remote' });
  emitAssetEvent(ctx.world, record, 'file.created', ctx.user.id);
  fetchRemote(ctx.world, record, input.sourceUrl);
  return { status: 202, body: { data: presentFile(ctx.world, record), links: { status: `/v4/accounts/${access.account.id}/files/${record.id}/status` } } };
}

export const fileHandlers: HandlerTable = {
  'files.show': (ctx) => ok(presentFile(ctx.world, file(ctx, ctx.params.file_id!), parseIncludes(ctx.query))),

  'files.list': (ctx) => listChildren(ctx, folder(ctx, ctx.params.folder_id!).id, new Set(['file'])),

  'files.create_local_upload': (ctx) => {
    const data = bodyData<{ name: string; file_size: number }>(ctx);
    return startLocalUpload(ctx, { name: data.name, fileSize: data.file_size });
  },

  'files.create_remote_upload': (ctx) => {
    const data = bodyData<{ name: string; source_url: string }>(ctx);
    return startRemoteUpload(ctx, { name: data.name, sourceUrl: data.source_url });
  },

  'files.create': (ctx) => {
    const data = bodyData<{ name: string; media_type: string; file_size: number; source_url?: string }>(ctx);
    return data.source_url === undefined
      ? startLocalUpload(ctx, { name: data.name, fileSize: data.file_size, mediaType: data.media_type })
      : startRemoteUpload(ctx, { name: data.name, sourceUrl: data.source_url, mediaType: data.media_type });
  },

  'files.show_file_upload_status': (ctx) => {
    const record = file(ctx, ctx.params.file_id!);
    return ok({
      id: record.id,
      filetype: record.media_type,
      upload_complete: record.status !== 'created',
      upload_failed: record.upload_failed,
      uploaded_at: record.uploaded_at,
      upload_completed_at: record.upload_completed_at,
    });
  },

  'files.update': (ctx) => {
    const access = writableAccount(ctx);
    const record = file(ctx, ctx.params.file_id!, access);
    const { name } = bodyData<{ name?: string }>(ctx);
    const updated = ctx.world.store.put('asset', { ...record, name: name ?? record.name, updated_at: stamp(ctx) });
    emitAssetEvent(ctx.world, updated, 'file.updated', ctx.user.id);
    return ok(presentFile(ctx.world, updated));
  },

  'files.move': (ctx) => {
    const access = writableAccount(ctx);
    const record = file(ctx, ctx.params.file_id!, access);
    const target = destination(ctx, access, requireField(bodyData<{ parent_id?: string }>(ctx).parent_id, 'parent_id'));
    if (target.id === record.parent_id) return ok(presentFile(ctx.world, record));
    const moved = ctx.world.store.transaction(() => {
      const updated = ctx.world.store.put('asset', {
        ...record,
        parent_id: target.id,
        project_id: target.project_id,
        version: target.type === 'version_stack' ? nextVersion(ctx, target.id) : null,
        updated_at: stamp(ctx),
      });
      dropEmptyStack(ctx, record.parent_id);
      return updated;
    });
    emitAssetEvent(ctx.world, moved, target.type === 'version_stack' ? 'file.versioned' : 'file.updated', ctx.user.id);
    return ok(presentFile(ctx.world, moved));
  },

  'files.copy': (ctx) => {
    const access = writableAccount(ctx);
    const record = file(ctx, ctx.params.file_id!, access);
    const target = destination(ctx, access, bodyData<{ parent_id?: string }>(ctx).parent_id ?? record.parent_id!);
    const copy = copyTree(ctx.world, record, target, { creatorId: ctx.user.id, copyMetadata: ctx.query.get('copy_metadata') === 'true' }) as FileRecord;
    const positioned = ctx.world.store.put('asset', { ...copy, version: target.type === 'version_stack' ? nextVersion(ctx, target.id) : null });
    copyComments(ctx, record, positioned, ctx.query.get('copy_comments') ?? 'none');
    emitAssetEvent(ctx.world, positioned, 'file.copied', ctx.user.id);
    return ok(presentFile(ctx.world, positioned));
  },

  'files.delete': (ctx) => {
    const access = writableAccount(ctx);
    const record = file(ctx, ctx.params.file_id!, access);
    deleteTree(ctx.world, record);
    dropEmptyStack(ctx, record.parent_id);
    emitAssetEvent(ctx.world, record, 'file.deleted', ctx.user.id);
    return noContent;
  },
};

/** The sandbox has no private comments, so `internal`, `public` and `all` all copy every comment. */
function copyComments(ctx: RequestContext, from: FileRecord, to: FileRecord, mode: string): void {
  if (mode === 'none') return;
  const ids = new Map<string, string>();
  for (const comment of ctx.world.store.list('comment', from.id)) {
    const id = randomUUID();
    ids.set(comment.id, id);
    ctx.world.store.put('comment', { ...comment, id, file_id: to.id, parent_id: comment.parent_id ? (ids.get(comment.parent_id) ?? null) : null });
  }
}
