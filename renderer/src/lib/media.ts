// Which of a file's media links the viewer plays. Frame.io's own transcodes play anywhere; the
// original may be a camera codec no browser decodes, so it is tried after them, and the tiny
// 180p proxy only when nothing else is left. A PDF is read from its original: Frame.io makes no
// rendition of a document that keeps its pages.
import type { FileDetails } from '../../../preload/contract.ts';

type MediaLink = FileDetails['mediaLinks'][number];

export type MediaKind = 'video' | 'audio' | 'image' | 'document' | 'other';

export function mediaKind(mediaType: string | null): MediaKind {
  if (mediaType === 'application/pdf') return 'document';
  const major = mediaType?.split('/')[0];
  return major === 'video' || major === 'audio' || major === 'image' ? major : 'other';
}

const PREFERENCE: Record<MediaKind, readonly string[]> = {
  video: ['high_quality', 'efficient', 'original', 'video_h264_180'],
  audio: ['high_quality', 'efficient', 'original'],
  image: ['original', 'thumbnail_high_quality', 'thumbnail'],
  document: ['original'],
  other: [],
};

/** The links to try, best first; the player moves to the next when one will not play. */
export function playbackUrls(kind: MediaKind, links: readonly MediaLink[]): string[] {
  const urls = PREFERENCE[kind].flatMap((wanted) => links.filter((link) => link.kind === wanted).map((link) => link.url));
  return [...new Set(urls)];
}
