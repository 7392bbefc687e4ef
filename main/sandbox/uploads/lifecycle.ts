// A file's life after it is created: parts arrive (any order, any number of times), the file
// becomes `uploaded` the moment the last missing part lands, and `transcoded` a configurable
// while later, once its technical metadata has been read from its bytes. Frame.io has no "complete" call; neither does the sandbox.
import { randomUUID } from 'node:crypto';
import { emitAssetEvent } from '../assets.ts';
import { describeMedia } from '../media/technical.ts';
import { makePoster } from '../media/poster.ts';
import { makeScrubSheet } from '../media/scrub-sheet.ts';
import type { FileRecord, FolderRecord, VersionStackRecord } from '../store/records.ts';
import type { World } from '../world.ts';
import { mediaTypeFor } from './media-types.ts';
import { planParts } from './part-plan.ts';

export interface NewFile {
  parent: FolderRecord | VersionStackRecord;
  name: string;
  fileSize: number;
  mediaType?: string;
  creatorId: string;
  source: FileRecord['upload_source'];
}

export function createFileRecord(world: World, input: NewFile): FileRecord {
  const now = world.now().toISOString();
  return world.store.put('asset', {
    id: randomUUID(),
    type: 'file',
    account_id: input.parent.account_id,
    project_id: input.parent.project_id,
    parent_id: input.parent.id,
    name: input.name,
    creator_id: input.creatorId,
    created_at: now,
    updated_at: now,
    file_size: input.fileSize,
    media_type: input.mediaType ?? mediaTypeFor(input.name),
    status: 'created',
    blob_id: randomUUID(),
    part_sizes: input.fileSize > 0 ? planParts(input.fileSize, world.settings.partSize) : [],
    upload_source: input.source,
    uploaded_at: null,
    upload_completed_at: null,
    upload_failed: false,
    upload_error: null,
    transcode_due_at: null,
    version: null,
    metadata: {},
  });
}

/** Presigned PUT URLs for the file's parts, in part order. */
export function uploadUrls(world: World, file: FileRecord): Array<{ url: string; size: number }> {
  const expiresAt = world.now().getTime() + world.settings.uploadUrlTtlMs;
  return file.part_sizes.map((size, index) => ({
    url:
      world.baseUrl +
      world.signer.sign('PUT', `/objects/upload/${file.blob_id}`, { partNumber: String(index + 1), uploadId: file.id }, expiresAt, {
        'content-type': file.media_type,
        'x-amz-acl': 'private',
      }),
    size,
  }));
}

/** Records a part that arrived whole; completes the upload when it was the last one missing. */
export function partReceived(world: World, file: FileRecord, partNumber: number, size: number, etag: string): void {
  world.store.recordPart(file.blob_id, { part_number: partNumber, size, etag });
  const current = world.store.get('asset', file.id);
  if (current?.type !== 'file' || current.status !== 'created') return;
  if (world.store.parts(current.blob_id).length === current.part_sizes.length) markUploaded(world, current);
}

export function markUploaded(world: World, file: FileRecord): void {
  const now = world.now();
  const due = new Date(now.getTime() + world.settings.transcodeDelayMs);
  world.store.put('asset', { ...file, status: 'uploaded', uploaded_at: now.toISOString(), upload_completed_at: now.toISOString(), transcode_due_at: due.toISOString(), updated_at: now.toISOString() });
  emitAssetEvent(world, file, 'file.upload.completed', file.creator_id);
  scheduleTranscode(world, file.id, due);
}

function scheduleTranscode(world: World, fileId: string, due: Date): void {
  world.later(Math.max(0, due.getTime() - world.now().getTime()), async () => {
    const uploaded = world.store.get('asset', fileId);
    if (uploaded?.type !== 'file' || uploaded.status !== 'uploaded') return;
    await describeMedia(world, uploaded);
    const described = world.store.get('asset', fileId);
    if (described?.type === 'file') {
      await makePoster(world, described);
      await makeScrubSheet(world, described);
    }
    const file = world.store.get('asset', fileId);
    if (file?.type !== 'file' || file.status !== 'uploaded') return;
    world.store.put('asset', { ...file, status: 'transcoded', updated_at: world.now().toISOString() });
    emitAssetEvent(world, file, 'file.ready', file.creator_id);
  });
}

/** After a restart, finishes the transcodes that were still pending when the sandbox stopped. */
export function resumeTranscodes(world: World): void {
  for (const asset of world.store.list('asset')) {
    if (asset.type === 'file' && asset.status === 'uploaded' && asset.transcode_due_at) scheduleTranscode(world, asset.id, new Date(asset.transcode_due_at));
  }
}

export function markFailed(world: World, file: FileRecord, reason: string): void {
  world.store.put('asset', { ...file, upload_failed: true, upload_error: reason, updated_at: world.now().toISOString() });
}
