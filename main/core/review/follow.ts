// Hears about new comments on the files a person follows (one by one, or every file of a project),
// by polling each file's comment list.
//
// Frame.io meters comments.index per account user (100 calls a minute, read from the spec), and
// the viewer and exports need that same budget. So the follower paces itself to a share of the
// documented limit, polls one file at a time, oldest-polled first, and asks only for what is new:
// newest first, one page, stopping at the first comment it has already seen.
import type { FrameioClient } from '../api/client.ts';
import { systemClock, type Clock } from '../api/clock.ts';
import { ApiError } from '../api/errors.ts';
import { operations } from '../../common/operations.generated.ts';
import { RateScheduler } from '../api/rate-scheduler.ts';
import type { RateLimit } from '../../common/spec-operations.ts';
import type { Asset, ListPage, Project } from '../api/types.ts';
import { toReviewComment, type ApiComment, type ReviewComment } from './comments.ts';

export interface FollowOptions {
  client: FrameioClient;
  accountId: string;
  clock?: Clock;
  /** the fraction of comments.index's documented limit the follower may spend (default a half) */
  share?: number;
  /** no file is polled more often than this (default 30 s) */
  minIntervalMs?: number;
  /** the longest a failing file waits before it is tried again (default 10 min) */
  maxBackoffMs?: number;
  /** how often a followed project's folders are read again for new files (default 10 min) */
  projectRefreshMs?: number;
}

export type FollowEvent =
  | { type: 'comment'; fileId: string; comment: ReviewComment }
  | { type: 'unread'; fileId: string; unread: number; totalUnread: number }
  /** a file that is gone or forbidden stops being followed; other failures are retried later */
  | { type: 'error'; fileId: string; error: Error; following: boolean }
  /** a project's folders could not be read; its files stay followed and the read is tried again later */
  | { type: 'project-error'; projectId: string; error: Error };

interface Followed {
  fileId: string;
  /** comments seen so far (to tell new from old when several share a creation time) */
  seen: Set<string>;
  /** the newest creation time seen; null until the first comment */
  newest: string | null;
  /** false until the first poll, which learns what is already there without calling it new */
  baselined: boolean;
  unread: number;
  dueAt: number;
  /** when its last poll began, counted in polls; breaks ties between files due at the same time */
  turn: number;
  failures: number;
  /** the project it is followed through, or null when followed on its own */
  via: string | null;
}

interface FollowedProject {
  projectId: string;
  dueAt: number;
  turn: number;
  failures: number;
}

const OPERATION = 'comments.index';
type Paced = typeof OPERATION | 'projects.show' | 'folders.index';

export class CommentFollower {
  private readonly client: FrameioClient;
  private readonly accountId: string;
  private readonly clock: Clock;
  private readonly share: number;
  private readonly pacer: RateScheduler;
  private readonly minIntervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly projectRefreshMs: number;
  private readonly files = new Map<string, Followed>();
  private readonly projects = new Map<string, FollowedProject>();
  private readonly listeners = new Set<(event: FollowEvent) => void>();
  private stopping: AbortController | undefined;
  private nap: AbortController | undefined;
  private running: Promise<void> | undefined;
  private turns = 0;

  constructor(options: FollowOptions) {
    this.client = options.client;
    this.accountId = options.accountId;
    this.clock = options.clock ?? systemClock;
    this.share = options.share ?? 0.5;
    if (!(this.share > 0 && this.share <= 1)) throw new RangeError(`share must be above 0 and at most 1, got ${this.share}`);
    this.pacer = new RateScheduler(this.clock);
    this.minIntervalMs = options.minIntervalMs ?? 30_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 600_000;
    this.projectRefreshMs = options.projectRefreshMs ?? 600_000;
  }

  /** The pace the follower keeps: at most this many comment-list calls per window. */
  get limit(): RateLimit {
    return this.budget(OPERATION);
  }

  private budget(operation: Paced): RateLimit {
    const documented = operations[operation].limit;
    return { calls: Math.max(1, Math.floor(documented.calls * this.share)), windowMs: documented.windowMs };
  }

  subscribe(listener: (event: FollowEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts following a file; the comments it already has are not new. */
  follow(fileId: string): void {
    this.add(fileId, null);
  }

  unfollow(fileId: string): void {
    if (this.files.delete(fileId)) this.emit({ type: 'unread', fileId, unread: 0, totalUnread: this.totalUnread() });
  }

  /** Follows every file in a project's folders (a version stack by its head version), and files added later. */
  followProject(projectId: string): void {
    if (this.projects.has(projectId)) return;
    this.projects.set(projectId, { projectId, dueAt: this.clock.now(), turn: 0, failures: 0 });
    this.nap?.abort();
  }

  /** Stops following a project, and the files followed only through it. */
  unfollowProject(projectId: string): void {
    if (!this.projects.delete(projectId)) return;
    for (const file of [...this.files.values()]) if (file.via === projectId) this.unfollow(file.fileId);
  }

  private add(fileId: string, via: string | null): void {
    const known = this.files.get(fileId);
    if (known) {
      if (via === null) known.via = null;
      return;
    }
    this.files.set(fileId, { fileId, seen: new Set(), newest: null, baselined: false, unread: 0, dueAt: this.clock.now(), turn: 0, failures: 0, via });
    this.nap?.abort();
  }

  following(): string[] {
    return [...this.files.keys()];
  }

  /** New comments on a file since it was last read, or on every followed file. */
  unread(fileId?: string): number {
    return fileId === undefined ? this.totalUnread() : (this.files.get(fileId)?.unread ?? 0);
  }

  markRead(fileId: string): void {
    const file = this.files.get(fileId);
    if (!file || file.unread === 0) return;
    file.unread = 0;
    this.emit({ type: 'unread', fileId, unread: 0, totalUnread: this.totalUnread() });
  }

  start(): void {
    if (this.running) return;
    this.stopping = new AbortController();
    this.running = this.run(this.stopping.signal);
  }

  async stop(): Promise<void> {
    this.stopping?.abort();
    this.nap?.abort();
    await this.running;
    this.running = undefined;
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const project = earliest(this.projects.values());
      const file = earliest(this.files.values());
      const next = project && (!file || project.dueAt <= file.dueAt) ? project : file;
      const wait = next ? next.dueAt - this.clock.now() : Infinity;
      if (wait > 0) {
        await this.sleep(wait, signal);
        continue;
      }
      try {
        if (next === project) await this.walk(project!, signal);
        else await this.poll(file!, signal);
      } catch (error) {
        if (signal.aborted) return;
        if (next === project) this.walkFailed(project!, error);
        else this.failed(file!, error);
      }
    }
  }

  /** One call, within the follower's share of the operation's documented limit. */
  private async paced<T>(operation: Paced, call: () => Promise<T>, signal: AbortSignal): Promise<T> {
    await this.pacer.acquire(operation, this.budget(operation), signal);
    return call();
  }

  /** Reads a project's folders and follows the files in them. */
  private async walk(project: FollowedProject, signal: AbortSignal): Promise<void> {
    project.dueAt = this.clock.now() + this.projectRefreshMs;
    project.turn = ++this.turns;
    const params = { account_id: this.accountId, project_id: project.projectId };
    const shown = await this.paced('projects.show', () => this.client.call<{ data: Project }>('projects.show', { params, signal }), signal);
    const found: string[] = [];
    const folders = [shown.data.root_folder_id];
    for (let folderId = folders.pop(); folderId !== undefined; folderId = folders.pop()) {
      let after: string | undefined;
      do {
        const query = { page_size: 100, after };
        const page = await this.paced('folders.index', () => this.client.call<ListPage<Asset>>('folders.index', { params: { account_id: this.accountId, folder_id: folderId! }, query, signal }), signal);
        for (const asset of page.data) {
          if (asset.type === 'folder') folders.push(asset.id);
          else if (asset.type === 'file') found.push(asset.id);
          else if (asset.head_version) found.push(asset.head_version.id);
        }
        after = cursor(page.links.next);
      } while (after !== undefined);
    }
    if (!this.projects.has(project.projectId)) return;
    project.failures = 0;
    for (const fileId of found) this.add(fileId, project.projectId);
  }

  private walkFailed(project: FollowedProject, error: unknown): void {
    project.dueAt = this.clock.now() + Math.min(this.maxBackoffMs, this.minIntervalMs * 2 ** ++project.failures);
    this.emit({ type: 'project-error', projectId: project.projectId, error: error instanceof Error ? error : new Error(String(error)) });
  }

  /** Sleeps until the time comes, a file is followed, or the follower stops. */
  private async sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.nap = new AbortController();
    const wake = AbortSignal.any([signal, this.nap.signal]);
    // An empty follow list waits for a follow(); the clock needs a finite time.
    await this.clock.sleep(Number.isFinite(ms) ? ms : 3_600_000, wake).catch(() => undefined);
  }

  private async poll(file: Followed, signal: AbortSignal): Promise<void> {
    file.dueAt = this.clock.now() + this.minIntervalMs;
    file.turn = ++this.turns;
    const fresh: ApiComment[] = [];
    let after: string | undefined;
    for (;;) {
      const query = { include: 'owner', sort: 'created_at_desc', page_size: 100, after };
      const page = await this.paced(OPERATION, () => this.client.call<ListPage<ApiComment>>(OPERATION, { params: { account_id: this.accountId, file_id: file.fileId }, query, signal }), signal);
      const older = page.data.findIndex((c) => file.newest !== null && c.created_at < file.newest);
      fresh.push(...(older === -1 ? page.data : page.data.slice(0, older)).filter((c) => !file.seen.has(c.id)));
      // The first look only needs the newest comments; later looks read on until they reach known ground.
      after = !file.baselined || older !== -1 ? undefined : cursor(page.links.next);
      if (after === undefined) break;
    }
    if (!this.files.has(file.fileId)) return;
    file.failures = 0;
    for (const c of fresh) {
      file.seen.add(c.id);
      if (file.newest === null || c.created_at > file.newest) file.newest = c.created_at;
    }
    if (!file.baselined) {
      file.baselined = true;
      return;
    }
    if (fresh.length === 0) return;
    file.unread += fresh.length;
    for (const c of fresh.reverse()) this.emit({ type: 'comment', fileId: file.fileId, comment: toReviewComment(c) });
    this.emit({ type: 'unread', fileId: file.fileId, unread: file.unread, totalUnread: this.totalUnread() });
  }

  private failed(file: Followed, error: unknown): void {
    const gone = error instanceof ApiError && (error.kind === 'not-found' || error.kind === 'forbidden');
    if (gone) this.files.delete(file.fileId);
    else file.dueAt = this.clock.now() + Math.min(this.maxBackoffMs, this.minIntervalMs * 2 ** ++file.failures);
    this.emit({ type: 'error', fileId: file.fileId, error: error instanceof Error ? error : new Error(String(error)), following: !gone });
  }

  private totalUnread(): number {
    let total = 0;
    for (const file of this.files.values()) total += file.unread;
    return total;
  }

  private emit(event: FollowEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** The one due soonest; of those due together, the one whose turn came longest ago. */
function earliest<T extends { dueAt: number; turn: number }>(items: Iterable<T>): T | undefined {
  let next: T | undefined;
  for (const item of items) if (!next || item.dueAt < next.dueAt || (item.dueAt === next.dueAt && item.turn < next.turn)) next = item;
  return next;
}

/** The opaque `after` cursor of a `links.next`, sent back as it came. */
function cursor(next: string | null): string | undefined {
  return next ? (new URL(next, 'http://next').searchParams.get('after') ?? undefined) : undefined;
}
