// Frame.io derives a file's media type from its name; the client never sends one.
const BY_EXTENSION: Record<string, string> = {
  aac: 'audio/aac',
  aif: 'audio/aiff',
  aiff: 'audio/aiff',
  ari: 'image/x-arriraw',
  avi: 'video/x-msvideo',
  braw: 'video/x-blackmagic-raw',
  cr2: 'image/x-canon-cr2',
  dng: 'image/x-adobe-dng',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  exr: 'image/x-exr',
  gif: 'image/gif',
  heic: 'image/heic',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  json: 'application/json',
  m4a: 'audio/mp4',
  m4v: 'video/x-m4v',
  mkv: 'video/x-matroska',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  mxf: 'application/mxf',
  pdf: 'application/pdf',
  png: 'image/png',
  psd: 'image/vnd.adobe.photoshop',
  r3d: 'video/x-red-r3d',
  srt: 'application/x-subrip',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  txt: 'text/plain',
  wav: 'audio/wav',
  webm: 'video/webm',
  webp: 'image/webp',
  zip: 'application/zip',
};

export function mediaTypeFor(name: string): string {
  const extension = /\.([^./]+)$/.exec(name)?.[1]?.toLowerCase();
  return (extension && BY_EXTENSION[extension]) || 'application/octet-stream';
}

/** Images small enough that the original can stand in as its own thumbnail. */
export const THUMBNAIL_SOURCE_LIMIT = 20 * 1024 * 1024;

export const isImage = (mediaType: string) => ['image/png', 'image/jpeg', 'image/gif', 'image/webp'].includes(mediaType);
