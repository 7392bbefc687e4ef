// Which file already in Frame.io a new render is the next version of. Renders are named
// "shot_v002.mov" after "shot_v001.mov", so by default names that differ only by a version suffix
// ("_v2", "-v03", " v12", ".v4", any case) belong to one stack, and so does the unsuffixed name;
// with exact names only the identical name does.

const VERSION_SUFFIX = /^(.+?)[ _.-]v(\d+)$/i;

export interface VersionedName {
  /** the name without its version suffix, lower-cased, with its extension: what versions share */
  key: string;
  /** the number in the suffix; undefined for a name without one */
  version: number | undefined;
}

export function parseVersionedName(name: string): VersionedName {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  const match = VERSION_SUFFIX.exec(stem);
  const base = match ? match[1]! : stem;
  return { key: (base + ext).toLowerCase(), version: match ? Number(match[2]) : undefined };
}

/** Whether two names are versions of one shot under the given naming rule. */
export function sameShot(a: string, b: string, exactNames: boolean): boolean {
  if (a === b) return true;
  return !exactNames && parseVersionedName(a).key === parseVersionedName(b).key;
}

/** Something in the target folder a new version can be stacked onto. */
export interface StackCandidate {
  /** the file's id, or the version stack's */
  id: string;
  kind: 'file' | 'stack';
  /** the file's name, or the name of the stack's newest version */
  name: string;
  /** the file a new version is added to: the file itself, or the stack's newest version */
  fileId: string;
}

/**
 * The item a file named `name` becomes the newest version of, if any: the identical name first,
 * then (unless exact names) the highest-numbered version of the same shot. A stack wins over a loose
 * file of the same rank, so a shot keeps growing one stack instead of starting another.
 */
export function findStackTarget(name: string, candidates: readonly StackCandidate[], exactNames: boolean): StackCandidate | undefined {
  const rank = (c: StackCandidate) => (c.kind === 'stack' ? 1 : 0);
  const exact = candidates.filter((c) => c.name === name).sort((a, b) => rank(b) - rank(a));
  if (exact.length > 0 || exactNames) return exact[0];
  const { key } = parseVersionedName(name);
  let best: { candidate: StackCandidate; version: number } | undefined;
  for (const candidate of candidates) {
    const parsed = parseVersionedName(candidate.name);
    if (parsed.key !== key) continue;
    const version = parsed.version ?? 0;
    if (!best || version > best.version || (version === best.version && rank(candidate) > rank(best.candidate))) best = { candidate, version };
  }
  return best?.candidate;
}
