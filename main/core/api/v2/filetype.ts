// The `filetype` a V2 file is created with, and so the Content-Type its parts are PUT with. V2 asks
// the client for it; for a name not listed here Slate leaves it out and PUTs with the type Frame.io
// answers.
const TYPES: Record<string, string> = {
  mov: 'video/quicktime',
  mp4: 'video/mp4',
  m4v: 'video/x-m4v',
  mxf: 'application/mxf',
  webm: 'video/webm',
  avi: 'video/x-msvideo',
  mkv: 'video/x-matroska',
  wav: 'audio/wav',
  aif: 'audio/aiff',
  aiff: 'audio/aiff',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  exr: 'image/x-exr',
  pdf: 'application/pdf',
  txt: 'text/plain',
};

export function filetypeFor(name: string): string | undefined {
  const extension = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : TYPES[extension];
}
