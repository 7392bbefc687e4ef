// Which paths of a watched tree are never uploaded: temp and partial files, operating-system litter,
// and the caches and auto-saves editing applications keep next to media, plus the user's own globs.
// Matching ignores case: the volumes editors work on (APFS, NTFS, exFAT) mostly do too, and a rule
// for "*.tmp" must catch "RENDER.TMP".
import { globToRegExp } from './glob.ts';

/** Names (of a file or of any folder above it) that are never uploaded. */
export const DEFAULT_IGNORES: readonly string[] = [
  // partial and temporary files: still being written by someone
  '*.tmp',
  '*.temp',
  '*.part',
  '*.partial',
  '*.crdownload',
  '*.download',
  '*.lock',
  '~$*',
  '.~lock.*#',
  '*.swp',
  // operating-system litter
  '.DS_Store',
  '._*',
  'Thumbs.db',
  'desktop.ini',
  '.localized',
  '.Trash*',
  '$RECYCLE.BIN',
  'System Volume Information',
  '.Spotlight-V100',
  '.fseventsd',
  '.TemporaryItems',
  '.DocumentRevisions-V100',
  // editing applications' caches, previews and auto-saves
  'Adobe Premiere Pro Auto-Save',
  'Adobe Premiere Pro Preview Files',
  'Adobe After Effects Auto-Save',
  'Media Cache',
  'Media Cache Files',
  'Peak Files',
  'CacheClip',
  'OptimizedMedia',
  '.gallery',
  'Render Files',
  'Analysis Files',
];

export interface RuleOptions {
  /** extra globs to ignore; one without "/" matches a name at any depth, one with "/" the path from the watched folder */
  ignore?: readonly string[];
  /** when given, only files matching one of these are uploaded (ignore rules still win) */
  include?: readonly string[];
  /** false drops DEFAULT_IGNORES (the user's globs still apply) */
  defaults?: boolean;
  /** folders (relative to the watched folder) ignored with everything inside, at that place only */
  ignorePaths?: readonly string[];
}

interface Rule {
  glob: string;
  pattern: RegExp;
  /** a glob with "/" is matched against the path, one without against each name in it */
  anchored: boolean;
}

function compile(globs: readonly string[]): Rule[] {
  return globs
    .map((g) => g.trim().replace(/^\.\//, '').replace(/\/+$/, ''))
    .filter((g) => g !== '')
    .map((g) => ({ glob: g, pattern: globToRegExp(g), anchored: g.includes('/') }));
}

export class WatchRules {
  private readonly nameRules: Rule[];
  private readonly pathRules: Rule[];
  private readonly includes: Rule[];
  private readonly paths: string[];
  /** every name rule in one expression: most paths match none, and one test per name says so */
  private readonly anyName: RegExp | undefined;

  constructor(options: RuleOptions = {}) {
    const ignores = compile([...(options.defaults === false ? [] : DEFAULT_IGNORES), ...(options.ignore ?? [])]);
    this.nameRules = ignores.filter((r) => !r.anchored);
    this.pathRules = ignores.filter((r) => r.anchored);
    this.includes = compile(options.include ?? []);
    this.anyName = this.nameRules.length > 0 ? new RegExp(this.nameRules.map((r) => `(?:${r.pattern.source})`).join('|'), 'i') : undefined;
    this.paths = (options.ignorePaths ?? []).map((p) => p.replace(/^\.\//, '').replace(/\/+$/, '').toLowerCase()).filter((p) => p !== '');
  }

  /**
   * The ignore rule that excludes a path (relative to the watched folder, "/"-separated), if any.
   * Every folder above the path is tested too, so a file inside "Media Cache" is ignored wherever
   * it is reported from.
   */
  ignoredBy(relPath: string): string | undefined {
    const lower = relPath.toLowerCase();
    const inside = this.paths.find((p) => lower === p || lower.startsWith(p + '/'));
    if (inside) return inside;
    const segments = relPath.split('/');
    if (this.anyName && segments.some((name) => this.anyName!.test(name))) {
      return this.nameRules.find((rule) => segments.some((name) => rule.pattern.test(name)))!.glob;
    }
    for (const rule of this.pathRules) {
      for (let i = 1; i <= segments.length; i++) if (rule.pattern.test(segments.slice(0, i).join('/'))) return rule.glob;
    }
    return undefined;
  }

  /** Whether a file passes the include globs (always, when there are none). */
  included(relPath: string): boolean {
    if (this.includes.length === 0) return true;
    const name = relPath.slice(relPath.lastIndexOf('/') + 1);
    return this.includes.some((rule) => rule.pattern.test(rule.anchored ? relPath : name));
  }

  /** Whether a file is one to upload. */
  accepts(relPath: string): boolean {
    return this.ignoredBy(relPath) === undefined && this.included(relPath);
  }
}
