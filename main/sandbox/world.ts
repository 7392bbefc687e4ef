// Everything a handler may touch: the store, the blobs on disk, the URL signer, the sandbox's
// settings and the event bus. One per running sandbox.
import type { BlobStore } from './objects/blobs.ts';
import type { UrlSigner } from './objects/signing.ts';
import type { Events } from './events.ts';
import type { Store } from './store/store.ts';

export interface WorldSettings {
  /** forces fixed part sizes instead of Frame.io's plan (tests) */
  partSize?: number;
  /** how long presigned part URLs stay valid */
  uploadUrlTtlMs: number;
  /** how long presigned media links stay valid */
  mediaUrlTtlMs: number;
  /** time from "uploaded" to "transcoded" */
  transcodeDelayMs: number;
  /** whether media links answer with CORS headers */
  mediaCors: boolean;
  /** the ffmpeg that makes uploaded video's thumbnails; where it cannot run, video has none */
  ffmpeg: string;
}

export interface World {
  store: Store;
  blobs: BlobStore;
  signer: UrlSigner;
  events: Events;
  settings: WorldSettings;
  /** the sandbox's own origin, e.g. http://127.0.0.1:4100 */
  baseUrl: string;
  /** runs `work` after `delayMs` unless the sandbox closes first */
  later(delayMs: number, work: () => void | Promise<void>): void;
  now(): Date;
}
