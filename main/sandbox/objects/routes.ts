// The sandbox's object store: where presigned part URLs and media links point. It answers the way
// S3 does (XML error bodies, ETag on a part PUT), not the way the API does, because real clients
// meet S3 here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { partReceived } from '../uploads/lifecycle.ts';
import type { World } from '../world.ts';
import { PartSizeError } from './blobs.ts';

export function s3Error(res: ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message.replace(/[<>&]/g, '')}</Message></Error>`;
  if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
}

export async function handleObjectRequest(world: World, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const upload = /^\/objects\/upload\/([\w-]+)$/.exec(url.pathname);
  const download = /^\/objects\/download\/([\w-]+)$/.exec(url.pathname);
  if (upload && req.method === 'PUT') return putPart(world, req, res, url, upload[1]!);
  if (download && (req.method === 'GET' || req.method === 'HEAD')) return getObject(world, req, res, url, download[1]!);
  req.resume();
  s3Error(res, upload || download ? 405 : 404, upload || download ? 'MethodNotAllowed' : 'NoSuchKey', 'The specified method or key is not allowed');
}

/** A part PUT's upload and part, or why it is refused before any of its body is read. */
function checkPart(world: World, req: IncomingMessage, url: URL, blobId: string) {
  const verdict = world.signer.verify('PUT', url, req.headers);
  if (!verdict.ok) return { refused: { status: 403, code: verdict.code, message: verdict.message } };
  const file = world.store.get('asset', url.searchParams.get('uploadId') ?? '');
  if (file?.type !== 'file' || file.blob_id !== blobId || file.status !== 'created') {
    return { refused: { status: 404, code: 'NoSuchUpload', message: 'The specified upload does not exist: it was completed, aborted or deleted' } };
  }
  const partNumber = Number(url.searchParams.get('partNumber'));
  const expected = file.part_sizes[partNumber - 1];
  if (expected === undefined) return { refused: { status: 400, code: 'InvalidPart', message: `Part ${partNumber} is not part of this upload` } };
  return { file, partNumber, expected };
}

/**
 * For a request that says `Expect: 100-continue`: whether to tell it to send its body. As S3 does,
 * a part PUT that will be refused is not: its error goes back before the client sends a byte.
 */
export function continueBody(world: World, req: IncomingMessage, url: URL): boolean {
  const upload = /^\/objects\/upload\/([\w-]+)$/.exec(url.pathname);
  return !(upload && req.method === 'PUT' && checkPart(world, req, url, upload[1]!).refused);
}

async function putPart(world: World, req: IncomingMessage, res: ServerResponse, url: URL, blobId: string): Promise<void> {
  const check = checkPart(world, req, url, blobId);
  if (check.refused) {
    req.resume();
    return s3Error(res, check.refused.status, check.refused.code, check.refused.message);
  }
  const { file, partNumber, expected } = check;
  try {
    const { etag, size } = await world.blobs.writePart(blobId, partNumber, req, expected);
    partReceived(world, file, partNumber, size, etag);
    res.writeHead(200, { etag, 'content-length': 0 });
    res.end();
  } catch (error) {
    if (error instanceof PartSizeError) return s3Error(res, 400, error.received < expected ? 'IncompleteBody' : 'EntityTooLarge', error.message);
    // The client went away mid-part: nothing was stored, and there is nobody to answer.
    res.destroy();
  }
}

function getObject(world: World, req: IncomingMessage, res: ServerResponse, url: URL, blobId: string): void {
  // A page that reads media with fetch rather than an element (the viewer's pdf.js) is let through
  // only by CORS, as from an S3 bucket with a CORS rule; its failures too, so it can read their status.
  // Without it (mediaCors off) the sandbox is a CDN with no such rule, and the page must go round.
  if (world.settings.mediaCors) {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'accept-ranges, content-length, content-range');
  }
  const verdict = world.signer.verify('GET', url, req.headers);
  if (!verdict.ok) return s3Error(res, 403, verdict.code, verdict.message);
  const partCount = Number(url.searchParams.get('parts'));
  const parts = world.store.parts(blobId);
  if (parts.length !== partCount) return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
  const size = parts.reduce((sum, p) => sum + p.size, 0);
  const filename = url.searchParams.get('filename') ?? 'file';
  // Players seek with byte ranges, as they do against S3 and Frame.io's CDN.
  const range = byteRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'content-range': `bytes */${size}`, 'accept-ranges': 'bytes' }).end();
    return;
  }
  // Header values are Latin-1: an ASCII fallback plus the exact UTF-8 name (RFC 6266).
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  res.writeHead(range ? 206 : 200, {
    'content-type': url.searchParams.get('type') ?? 'application/octet-stream',
    'content-length': range ? range.end - range.start + 1 : size,
    'accept-ranges': 'bytes',
    ...(range ? { 'content-range': `bytes ${range.start}-${range.end}/${size}` } : {}),
    'content-disposition': `${url.searchParams.get('disposition') === 'attachment' ? 'attachment' : 'inline'}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const body = world.blobs.read(blobId, parts.map((p) => p.size), range);
  body.on('error', () => res.destroy());
  body.pipe(res);
}

/** One `bytes=` range (start-end, start-, or -suffix); several ranges are answered whole, as S3 does. */
function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [start, end] = match[1] === '' ? [Math.max(0, size - Number(match[2])), size - 1] : [Number(match[1]), match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)];
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}
