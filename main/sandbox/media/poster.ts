// Video thumbnails: where ffmpeg can run, a poster frame is taken from an uploaded video while it
// is processed and served as its media_links.thumbnail; where it cannot, video has no thumbnail,
// as on Frame.io while a file is still processing. The demo's clips bring theirs
// (assets/sandbox/thumbnails/, made by scripts/make-demo-thumbnails.sh), so no run needs ffmpeg.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { FileRecord } from '../store/records.ts';
import type { World } from '../world.ts';

/** Thumbnails no wider than this, Frame.io's list thumbnails being about this size. */
const POSTER_WIDTH = 640;
/** A poster larger than this is not a thumbnail; ffmpeg misread something. */
const POSTER_LIMIT = 4 * 1024 * 1024;

export const isVideo = (mediaType: string) => mediaType.startsWith('video/');

/** Keeps `jpeg` as the file's poster. */
export async function keepPoster(world: World, file: FileRecord, jpeg: Readable, size: number): Promise<void> {
  const blobId = randomUUID();
  const { etag } = await world.blobs.writePart(blobId, 1, jpeg, size);
  world.store.recordPart(blobId, { part_number: 1, size, etag });
  const current = world.store.get('asset', file.id);
  if (current?.type === 'file') world.store.put('asset', { ...current, poster: { blob_id: blobId, size } });
}

/** Gives a committed image to a demo file as its poster. */
export function keepPosterFile(world: World, file: FileRecord, path: string): Promise<void> {
  return keepPoster(world, file, createReadStream(path), statSync(path).size);
}

/** ffmpeg runs for one poster at a time: a catch-up of a thousand clips must not start a thousand. */
let posters: Promise<unknown> = Promise.resolve();

/**
 * Makes a video's poster with ffmpeg, a tenth of the way in. Bytes MediaInfo found no picture in,
 * a video ffmpeg cannot read, or no ffmpeg, leave it without.
 */
export function makePoster(world: World, file: FileRecord): Promise<void> {
  if (!isVideo(file.media_type) || file.part_sizes.length === 0 || file.technical?.width === undefined) return Promise.resolve();
  const made = posters.then(() => posterOf(world, file));
  posters = made.catch(() => undefined);
  return made;
}

async function posterOf(world: World, file: FileRecord): Promise<void> {
  const paths = world.blobs.partPaths(file.blob_id, file.part_sizes.length);
  // The concat protocol reads the parts as one seekable file, which a QuickTime with its index at the end needs.
  const input = paths.length === 1 ? paths[0]! : `concat:${paths.join('|')}`;
  const at = Math.min(1, (file.technical?.durationSeconds ?? 0) / 10);
  const jpeg = await runFfmpeg(world.settings.ffmpeg, ['-hide_banner', '-loglevel', 'error', '-ss', String(at), '-i', input, '-frames:v', '1', '-vf', `scale='min(${POSTER_WIDTH},iw)':-2`, '-q:v', '5', '-f', 'mjpeg', 'pipe:1']);
  if (jpeg && jpeg.length > 0) await keepPoster(world, file, Readable.from([jpeg]), jpeg.length);
}

function runFfmpeg(command: string, args: string[]): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > POSTER_LIMIT) child.kill();
      else chunks.push(chunk);
    });
    // No ffmpeg, or a video it cannot read, is no thumbnail: what Frame.io shows for media it cannot decode.
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve(code === 0 && size <= POSTER_LIMIT ? Buffer.concat(chunks) : undefined));
  });
}
