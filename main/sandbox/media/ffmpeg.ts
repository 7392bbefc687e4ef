// Where ffmpeg can run, the sandbox stands in for Frame.io's processing of uploaded video: a poster
// frame (poster.ts) and a scrub sheet (scrub-sheet.ts), kept as objects of the store beside the
// file. Where it cannot, video goes without them, as on Frame.io while a file is still processing.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { FileRecord } from '../store/records.ts';
import type { World } from '../world.ts';

/** A picture larger than this is not a thumbnail; ffmpeg misread something. */
const PICTURE_LIMIT = 4 * 1024 * 1024;

/** The pictures kept beside a file, by the field of its record that names them. */
export type VideoPicture = 'poster' | 'scrub_sheet';

/** Only bytes MediaInfo found a picture in are worth an ffmpeg: a `.mov` of anything else is not video. */
export const hasPicture = (file: FileRecord) => file.media_type.startsWith('video/') && file.part_sizes.length > 0 && file.technical?.width !== undefined;

/** ffmpeg runs once at a time: a catch-up of a thousand clips must not start a thousand. */
let turn: Promise<unknown> = Promise.resolve();

export function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = turn.then(work);
  turn = run.catch(() => undefined);
  return run;
}

/** The file's stored parts as one input; the concat protocol reads them as one seekable file, which a QuickTime with its index at the end needs. */
export function ffmpegInput(world: World, file: FileRecord): string {
  const paths = world.blobs.partPaths(file.blob_id, file.part_sizes.length);
  return paths.length === 1 ? paths[0]! : `concat:${paths.join('|')}`;
}

/** What ffmpeg wrote to its output; undefined where it is missing, cannot read the video, or wrote too much. */
export function runFfmpeg(command: string, args: string[]): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const child = spawn(command, ['-hide_banner', '-loglevel', 'error', ...args, 'pipe:1'], { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > PICTURE_LIMIT) child.kill();
      else chunks.push(chunk);
    });
    // No ffmpeg, or a video it cannot read, is no picture: what Frame.io shows for media it cannot decode.
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve(code === 0 && size > 0 && size <= PICTURE_LIMIT ? Buffer.concat(chunks) : undefined));
  });
}

/** Keeps `bytes` as the file's poster or scrub sheet. */
export async function keepPicture(world: World, file: FileRecord, picture: VideoPicture, bytes: Readable, size: number): Promise<void> {
  const blobId = randomUUID();
  const { etag } = await world.blobs.writePart(blobId, 1, bytes, size);
  world.store.recordPart(blobId, { part_number: 1, size, etag });
  const current = world.store.get('asset', file.id);
  if (current?.type === 'file') world.store.put('asset', { ...current, [picture]: { blob_id: blobId, size } });
}

/** Gives a committed picture to a demo file (assets/sandbox/thumbnails/), so no run needs ffmpeg. */
export function keepPictureFile(world: World, file: FileRecord, picture: VideoPicture, path: string): Promise<void> {
  return keepPicture(world, file, picture, createReadStream(path), statSync(path).size);
}

/** Makes one picture of the file with ffmpeg, in its turn, and keeps it; nothing where ffmpeg made none. */
export function makePicture(world: World, file: FileRecord, picture: VideoPicture, args: (input: string) => string[]): Promise<void> {
  return oneAtATime(async () => {
    const bytes = await runFfmpeg(world.settings.ffmpeg, args(ffmpegInput(world, file)));
    if (bytes) await keepPicture(world, file, picture, Readable.from([bytes]), bytes.length);
  });
}
