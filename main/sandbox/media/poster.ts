// Video thumbnails: a poster frame taken from an uploaded video while it is processed, served as
// its media_links.thumbnail. The demo's clips bring theirs (assets/sandbox/thumbnails/, made by
// scripts/make-demo-thumbnails.sh).
import type { FileRecord } from '../store/records.ts';
import type { World } from '../world.ts';
import { hasPicture, makePicture } from './ffmpeg.ts';

/** Thumbnails no wider than this, Frame.io's list thumbnails being about this size. */
const POSTER_WIDTH = 640;

/** Makes a video's poster a tenth of the way in; a video ffmpeg cannot read, or no ffmpeg, leaves it without. */
export function makePoster(world: World, file: FileRecord): Promise<void> {
  if (!hasPicture(file)) return Promise.resolve();
  const at = Math.min(1, (file.technical?.durationSeconds ?? 0) / 10);
  return makePicture(world, file, 'poster', (input) => ['-ss', String(at), '-i', input, '-frames:v', '1', '-vf', `scale='min(${POSTER_WIDTH},iw)':-2`, '-q:v', '5', '-f', 'mjpeg']);
}
