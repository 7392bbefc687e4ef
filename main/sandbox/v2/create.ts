// POST /v2/assets/{asset_id}/children: a folder, a file uploaded the ordinary way (presigned PUT
// URLs for equal parts, the last smaller), or a real-time file whose parts are registered as it grows.
import { randomUUID } from 'node:crypto';
import { emitAssetEvent } from '../assets.ts';
import type { FolderRecord } from '../store/records.ts';
import { createFileRecord, uploadUrls } from '../uploads/lifecycle.ts';
import { planParts } from '../uploads/part-plan.ts';
import { ok, requireObject, writableAsset, type V2Context, type V2Handler } from './context.ts';
import { badRequest } from './errors.ts';
import { presentAsset } from './present.ts';
import { defaultName, openRealtime } from './realtime.ts';

const MAX_FILE_SIZE = 5 * 1024 ** 4;

/**
 * V2 clients cut a file into `upload_urls.length` parts of ceil(size / count) bytes, the last taking
 * what is left, so the sandbox plans parts that way: as many as Frame.io's plan (or `--part-size`)
 * would give, each the size a V2 client will send.
 */
export function equalParts(fileSize: number, forcedPartSize?: number): number[] {
  const count = planParts(fileSize, forcedPartSize).length;
  const size = Math.ceil(fileSize / count);
  const sizes: number[] = [];
  for (let offset = 0; offset < fileSize; offset += size) sizes.push(Math.min(size, fileSize - offset));
  return sizes;
}

function text(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${field} must be a non-empty string`);
  return value;
}

const extensionOf = (name: string) => /(\.[^./\\]+)$/.exec(name)?.[1];

function parentFolder(ctx: V2Context): FolderRecord {
  const parent = writableAsset(ctx, ctx.params.asset_id!);
  if (parent.type !== 'folder') throw badRequest(`Assets can only be created inside a folder; ${parent.id} is a ${parent.type.replace('_', ' ')}`);
  return parent;
}

export const createChild: V2Handler = (ctx) => {
  const body = requireObject(ctx.body);
  const parent = parentFolder(ctx);
  const realtime = body.is_realtime_upload === true;
  if (body.is_realtime_upload !== undefined && typeof body.is_realtime_upload !== 'boolean') throw badRequest('is_realtime_upload must be true or false');
  if (body.type === 'folder' && !realtime) return createFolder(ctx, parent, text(body.name, 'name'));
  if (body.type !== 'file') throw badRequest(realtime ? 'type must be file if is_realtime_upload is true' : 'type must be file or folder');
  return realtime ? createRealtimeFile(ctx, parent, body) : createFile(ctx, parent, body);
};

function createFolder(ctx: V2Context, parent: FolderRecord, name: string | undefined) {
  if (!name) throw badRequest('name is required');
  const now = ctx.world.now().toISOString();
  const folder: FolderRecord = {
    id: randomUUID(),
    type: 'folder',
    account_id: parent.account_id,
    project_id: parent.project_id,
    parent_id: parent.id,
    name,
    creator_id: ctx.user.id,
    created_at: now,
    updated_at: now,
    cover_file_id: null,
  };
  ctx.world.store.put('asset', folder);
  emitAssetEvent(ctx.world, folder, 'folder.created', ctx.user.id);
  return ok(presentAsset(ctx.world, folder));
}

function createFile(ctx: V2Context, parent: FolderRecord, body: Record<string, unknown>) {
  const name = text(body.name, 'name');
  if (!name) throw badRequest('name is required if is_realtime_upload is not true');
  const size = body.filesize;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_FILE_SIZE) {
    throw badRequest('filesize is required if is_realtime_upload is not true: a whole number of bytes from 1 to 5 TiB');
  }
  const created = createFileRecord(ctx.world, { parent, name, fileSize: size, mediaType: text(body.filetype, 'filetype'), creatorId: ctx.user.id, source: 'local' });
  const record = ctx.world.store.put('asset', { ...created, part_sizes: equalParts(size, ctx.world.settings.partSize) });
  emitAssetEvent(ctx.world, record, 'file.created', ctx.user.id);
  return ok({ ...presentAsset(ctx.world, record), upload_urls: uploadUrls(ctx.world, record).map((u) => u.url) });
}

function createRealtimeFile(ctx: V2Context, parent: FolderRecord, body: Record<string, unknown>) {
  const filetype = text(body.filetype, 'filetype');
  if (!filetype) throw badRequest('filetype is required if is_realtime_upload is true');
  if (body.filesize !== undefined && body.filesize !== null) throw badRequest('filesize must be omitted or null if is_realtime_upload is true');
  const name = text(body.name, 'name');
  const extension = text(body.extension, 'extension');
  if (extension !== undefined && !/^\.[^./\\]+$/.test(extension)) throw badRequest("extension must be in the form '.ext'");
  if (name === undefined && extension === undefined) throw badRequest('name with an extension, or extension, is required if is_realtime_upload is true');
  if (name !== undefined && extensionOf(name) === undefined) throw badRequest('name must contain a valid extension in the form ".[ext]" if is_realtime_upload is true');
  if (name !== undefined && extension !== undefined && extensionOf(name)!.toLowerCase() !== extension.toLowerCase()) throw badRequest('extension must match the extension of name');
  const record = createFileRecord(ctx.world, { parent, name: name ?? defaultName(extension!), fileSize: 0, mediaType: filetype, creatorId: ctx.user.id, source: 'local' });
  openRealtime(ctx.world, record.id);
  emitAssetEvent(ctx.world, record, 'file.created', ctx.user.id);
  // The guide: "The response for real-time assets is simplified": only the id and name.
  return ok({ id: record.id, name: record.name });
}
