// Which folder a dropped or picked file stands for. The page says where the file sits inside what
// was dropped (`Day 1/A001/clip.mov`); the page may lie, so the claim is checked against the file's
// real path: only a path that really ends with it gives the folder, never a prefix the page chose.
// Pure, with no Electron, so it is tested in plain Node.

/** No drop is deeper than this; a longer claim is not believed. */
export const MAX_RELATIVE_DEPTH = 64;

/**
 * The top folder of `relative` as it lies on disk, when `absolute` really ends with `relative`;
 * `absolute` itself when there is no claim; undefined when the claim does not hold.
 */
export function rootOf(absolute: string, relative: string): string | undefined {
  if (!relative) return absolute;
  // Windows paths use backslashes; the page always uses slashes.
  const separator = /^[A-Za-z]:\\|^\\\\/.test(absolute) ? '\\' : '/';
  const claimed = relative.split('/');
  if (claimed.length > MAX_RELATIVE_DEPTH || claimed.some((part) => part === '' || part === '.' || part === '..' || part.includes(separator))) return undefined;
  const actual = absolute.split(separator);
  // Posix paths split with an empty first part: the claim can never take in the file system's root.
  if (actual.length < claimed.length + 1) return undefined;
  const tail = actual.slice(actual.length - claimed.length);
  if (tail.some((part, index) => part !== claimed[index])) return undefined;
  return actual.slice(0, actual.length - claimed.length + 1).join(separator);
}
