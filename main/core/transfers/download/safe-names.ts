// Names Frame.io allows but a local file system does not (a slash, a reserved Windows name, a
// trailing dot) are made safe by percent-escaping the characters at fault, so the original is
// always recoverable: `restoreName(safeName(x)) === x`. A `%` is escaped only where it would
// otherwise read as an escape (followed by two hex digits), so ordinary names keep their `%`.

export type NamePlatform = 'posix' | 'win32';

const WINDOWS_FORBIDDEN = /[<>:"/\\|?*]/;
const POSIX_FORBIDDEN = /\//;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
/** The longest name most file systems take, in UTF-8 bytes. */
const MAX_NAME_BYTES = 255;

const escape = (char: string) => `%${char.codePointAt(0)!.toString(16).toUpperCase().padStart(2, '0')}`;

export function currentPlatform(): NamePlatform {
  return process.platform === 'win32' ? 'win32' : 'posix';
}

/** A local name for `name`, equal to it whenever the platform allows it as it is. */
export function safeName(name: string, platform: NamePlatform = currentPlatform()): string {
  const forbidden = platform === 'win32' ? WINDOWS_FORBIDDEN : POSIX_FORBIDDEN;
  // NUL nowhere, and on Windows no control character either.
  const lowest = platform === 'win32' ? 0x20 : 0x01;
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const char = name[i]!;
    if (forbidden.test(char) || char.charCodeAt(0) < lowest || (char === '%' && /^[0-9A-Fa-f]{2}$/.test(name.slice(i + 1, i + 3)))) out += escape(char);
    else out += char;
  }
  if (out === '') return '%00';
  if (out === '.' || out === '..') return out.replace(/\./g, escape('.'));
  if (platform === 'win32') {
    // Windows drops trailing dots and spaces, and keeps device names for itself.
    out = out.replace(/[. ]+$/, (tail) => [...tail].map(escape).join(''));
    if (WINDOWS_RESERVED.test(out)) out = escape(out[0]!) + out.slice(1);
  }
  return fitLength(out);
}

/** The Frame.io name a safe local name came from. */
export function restoreName(local: string): string {
  return local.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

/**
 * A name too long for the disk keeps its start and its extension; it cannot be restored by
 * itself, which the report of changed names says.
 */
function fitLength(name: string): string {
  if (Buffer.byteLength(name) <= MAX_NAME_BYTES) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  let stem = name.slice(0, name.length - extension.length);
  while (Buffer.byteLength(stem + '…' + extension) > MAX_NAME_BYTES) stem = [...stem].slice(0, -1).join('');
  return `${stem}…${extension}`;
}
