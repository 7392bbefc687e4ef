// Real-time upload (V2): the asset is created without a size, and parts are registered in order
// as the file grows, each answered with a presigned PUT URL; the part marked final carries the
// whole size. The file is complete once its final part is registered and every part has arrived.
// Rules the reference leaves to S3 or does not state are marked in FIDELITY.md.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PartSizeError } from '../objects/blobs.ts';
import { s3Error } from '../objects/routes.ts';
import type { FileRecord } from '../store/records.ts';
import { markUploaded } from '../uploads/lifecycle.ts';
import type { World } from '../world.ts';
import { file, ok, requireObject, type V2Handler } from './context.ts';
import { badRequest } from './errors.ts';

export const REALTIME_PART_PATH = '/objects/realtime/';
export const MIN_PART_SIZE = 5 * 1024 * 1024;
const MAX_PART_SIZE = 5 * 1024 ** 3;
const MAX_PARTS = 10_000;
const MAX_FILE_SIZE = 5 * 1024 ** 4;

interface RealtimeState {
  final: boolean;
}

/** The reference: an asset created from `extension` alone is named "[new file].extension" until `asset_name` names it. */
const NEW_FILE = '[new file]';
export const defaultName = (extension: string) => `${NEW_FILE}${extension}`;
const hasDefaultName = (name: string) => name.startsWith(NEW_FILE);

const key = (assetId: string) => `v2:realtime:${assetId}`;

function state(world: World, assetId: string): RealtimeState | undefined {
  const saved = world.store.setting(key(assetId));
  return saved === undefined ? undefined : (JSON.parse(saved) as RealtimeState);
}

export function openRealtime(world: World, assetId: string): void {
  world.store.setSetting(key(assetId), JSON.stringify({ final: false } satisfies RealtimeState));
}

interface PartRequest {
  number: number;
  size: number;
  isFinal: boolean;
}

function readParts(body: Record<string, unknown>): PartRequest[] {
  if (!Array.isArray(body.parts) || body.parts.length === 0) throw badRequest('parts must be a non-empty list of {number, size, is_final}');
  return body.parts.map((raw: unknown, index) => {
    const part = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const { number, size } = part;
    if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > MAX_PARTS) throw badRequest(`parts[${index}].number must be a whole number from 1 to ${MAX_PARTS}`);
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_PART_SIZE) throw badRequest(`parts[${index}].size must be a whole number of bytes from 1 to 5 GiB`);
    if (part.is_final !== undefined && typeof part.is_final !== 'boolean') throw badRequest(`parts[${index}].is_final must be true or false`);
    return { number, size, isFinal: part.is_final === true };
  });
}

/** Checks a registration against what is already registered; returns the part sizes after it. */
function register(current: number[], finalDone: boolean, parts: PartRequest[], assetFilesize: unknown): number[] {
  if (finalDone) throw badRequest('This upload already has its final part: no part can be registered after it');
  const sizes = [...current];
  parts.forEach((part, index) => {
    if (part.isFinal && index !== parts.length - 1) throw badRequest(`Part ${part.number} is marked final but is not the last part in the request; an upload has one final part`);
    const known = sizes[part.number - 1];
    if (known !== undefined && !part.isFinal) {
      // Asking again for a registered part (a lost answer, an expired URL) gets a new URL for the same bytes.
      if (known !== part.size) throw badRequest(`Part ${part.number} is already registered with ${known} bytes, not ${part.size}`);
      return;
    }
    if (part.number !== sizes.length + 1) throw badRequest(`Part ${part.number} is out of order: the next part of this upload is ${sizes.length + 1}`);
    if (!part.isFinal && part.size < MIN_PART_SIZE) throw badRequest(`Part ${part.number} is ${part.size} bytes: every part but the final one must be at least ${MIN_PART_SIZE} bytes (5 MiB)`);
    sizes.push(part.size);
  });
  if (!parts.at(-1)!.isFinal) return sizes;
  if (assetFilesize === undefined || assetFilesize === null) throw badRequest('asset_filesize is required when a part has is_final set to true');
  if (typeof assetFilesize !== 'number' || !Number.isInteger(assetFilesize) || assetFilesize < 1 || assetFilesize > MAX_FILE_SIZE) {
    throw badRequest('asset_filesize must be a whole number of bytes from 1 to 5 TiB');
  }
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (total !== assetFilesize) throw badRequest(`asset_filesize is ${assetFilesize} bytes but the registered parts add up to ${total}`);
  return sizes;
}

function partUrl(world: World, record: FileRecord, partNumber: number): string {
  const expiresAt = world.now().getTime() + world.settings.uploadUrlTtlMs;
  const headers = { 'content-type': record.media_type, 'x-amz-acl': 'private' };
  return world.baseUrl + world.signer.sign('PUT', `${REALTIME_PART_PATH}${record.blob_id}`, { partNumber: String(partNumber), uploadId: record.id }, expiresAt, headers);
}

export const registerParts: V2Handler = (ctx) => {
  const body = requireObject(ctx.body);
  const record = file(ctx, ctx.params.asset_id!);
  const current = state(ctx.world, record.id);
  if (!current) throw badRequest(`Asset ${record.id} was not created with is_realtime_upload: true`);
  const parts = readParts(body);
  const sizes = register(record.part_sizes, current.final, parts, body.asset_filesize);
  const final = parts.at(-1)!.isFinal;
  const name = typeof body.asset_name === 'string' && /\..+/.test(body.asset_name) && hasDefaultName(record.name) ? body.asset_name : record.name;
  ctx.world.store.transaction(() => {
    ctx.world.store.put('asset', { ...record, name, part_sizes: sizes, file_size: final ? (body.asset_filesize as number) : record.file_size, updated_at: ctx.world.now().toISOString() });
    if (final) ctx.world.store.setSetting(key(record.id), JSON.stringify({ final: true } satisfies RealtimeState));
  });
  return ok({ upload_urls: parts.map((p) => partUrl(ctx.world, record, p.number)) });
};

/** A real-time part's PUT: S3's answers, as for ordinary parts. */
export async function putRealtimePart(world: World, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const refuse = (status: number, code: string, message: string) => {
    req.resume();
    s3Error(res, status, code, message);
  };
  if (req.method !== 'PUT') return refuse(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource');
  const verdict = world.signer.verify('PUT', url, req.headers);
  if (!verdict.ok) return refuse(403, verdict.code, verdict.message);
  const blobId = url.pathname.slice(REALTIME_PART_PATH.length);
  const record = world.store.get('asset', url.searchParams.get('uploadId') ?? '');
  if (record?.type !== 'file' || record.blob_id !== blobId || record.status !== 'created') {
    return refuse(404, 'NoSuchUpload', 'The specified upload does not exist: it was completed, aborted or deleted');
  }
  const partNumber = Number(url.searchParams.get('partNumber'));
  const expected = record.part_sizes[partNumber - 1];
  if (expected === undefined) return refuse(400, 'InvalidPart', `Part ${partNumber} is not registered for this upload`);
  try {
    const { etag, size } = await world.blobs.writePart(blobId, partNumber, req, expected);
    world.store.recordPart(blobId, { part_number: partNumber, size, etag });
    completeIfWhole(world, record.id);
    res.writeHead(200, { etag, 'content-length': 0 });
    res.end();
  } catch (error) {
    if (error instanceof PartSizeError) return s3Error(res, 400, error.received < expected ? 'IncompleteBody' : 'EntityTooLarge', error.message);
    // The client went away mid-part: nothing was stored, and there is nobody to answer.
    res.destroy();
  }
}

function completeIfWhole(world: World, assetId: string): void {
  const record = world.store.get('asset', assetId);
  if (record?.type !== 'file' || record.status !== 'created' || !state(world, assetId)?.final) return;
  if (world.store.parts(record.blob_id).length === record.part_sizes.length) markUploaded(world, record);
}
