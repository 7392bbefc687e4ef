// Hears about new comments on the files a person follows, by polling each file's comment list.
//
// Frame.io meters comments.index per account user (100 calls a minute, read from the spec), and
// the viewer and exports need that same budget. So the follower paces itself to a share of the
// documented limit, polls one file at a time, oldest-polled first, and asks only for what is new:
// newest first, one page, stopping at the first comment it has already seen.
import type { FrameioClient } from '../api/client.ts';
import { systemClock, type Clock } from '../api/clock.ts';
import { ApiError } from '../api/errors.ts';
import { operations } from '../api/operations.generated.ts';
import { RateScheduler } from '../api/rate-scheduler.ts';
import type { RateLimit } from '../api/spec-operations.ts';
import type { ListPage } from '../api/types.ts';
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
}

export type FollowEvent =
  | { type: 'comment'; fileId: string; comment: ReviewComment }
  | { type: 'unread'; fileId: string; unread: number; totalUnread: number }
  /** a file that is gone or forbidden stops being followed; other failures are retried later */
  | { type: 'error'; fileId: string; error: Error; following: boolean };

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
}

const OPERATION = 'comments.index';

export class CommentFollower {
  private readonly client: FrameioClient;
  private readonly accountId: string;
  private readonly clock: Clock;
  private readonly budget: RateLimit;
  private readonly pacer: RateScheduler;
  private readonly minIntervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly files = new Map<string, Followed>();
  private readonly listeners = new Set<(event: FollowEvent) => void>();
  private stopping: AbortController | undefined;
  private nap: AbortController | undefined;
  private running: Promise<void> | undefined;
  private turns = 0;

  constructor(options: FollowOptions) {
    this.client = options.client;
    this.accountId = options.accountId;
    this.clock = options.clock ?? systemClock;
    const share = options.share ?? 0.5;
    if (!(share > 0 && share <= 1)) throw new RangeError(`share must be above 0 and at most 1, got ${share}`);
    const documented = operations[OPERATION].limit;
    this.budget = { calls: Math.max(1, Math.floor(documented.calls * share)), windowMs: documented.windowMs };
    this.pacer = new RateScheduler(this.clock);
    this.minIntervalMs = options.minIntervalMs ?? 30_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 600_000;
  }

  /** The pace the follower keeps: at most this many comment-list calls per window. */
  get limit(): RateLimit {
    return { ...this.budget };
  }

  subscribe(listener: (event: FollowEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts following a file; the comments it already has are not new. */
  follow(fileId: string): void {
    if (this.files.has(fileId)) return;
    this.files.set(fileId, { fileId, seen: new Set(), newest: null, baselined: false, unread: 0, dueAt: this.clock.now(), turn: 0, failures: 0 });
    this.nap?.abort();
  }

  unfollow(fileId: string): void {
    if (this.files.delete(fileId)) this.emit({ type: 'unread', fileId, unread: 0, totalUnread: this.totalUnread() });
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
      const next = this.nextDue();
      const wait = next ? next.dueAt - this.clock.now() : Infinity;
      if (wait > 0) {
        await this.sleep(wait, signal);
        continue;
      }
      try {
        await this.pacer.acquire(OPERATION, this.budget, signal);
        await this.poll(next!, signal);
      } catch (error) {
        if (signal.aborted) return;
        this.failed(next!, error);
      }
    }
  }

  /** Sleeps until the time comes, a file is followed, or the follower stops. */
  private async sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.nap = new AbortController();
    const wake = AbortSignal.any([signal, this.nap.signal]);
    // An empty follow list waits for a follow(); the clock needs a finite time.
    await this.clock.sleep(Number.isFinite(ms) ? ms : 3_600_000, wake).catch(() => undefined);
  }

  private nextDue(): Followed | undefined {
    let next: Followed | undefined;
    for (const file of this.files.values()) if (!next || file.dueAt < next.dueAt || (file.dueAt === next.dueAt && file.turn < next.turn)) next = file;
    return next;
  }

  private async poll(file: Followed, signal: AbortSignal): Promise<void> {
    file.dueAt = this.clock.now() + this.minIntervalMs;
    file.turn = ++this.turns;
    const fresh: ApiComment[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.client.call<ListPage<ApiComment>>(OPERATION, {
        params: { account_id: this.accountId, file_id: file.fileId },
        query: { include: 'owner', sort: 'created_at_desc', page_size: 100, after },
        signal,
      });
      const older = page.data.findIndex((c) => file.newest !== null && c.created_at < file.newest);
      fresh.push(...(older === -1 ? page.data : page.data.slice(0, older)).filter((c) => !file.seen.has(c.id)));
      // The first look only needs the newest comments; later looks read on until they reach known ground.
      after = !file.baselined || older !== -1 || !page.links.next ? undefined : (new URL(page.links.next, 'http://next').searchParams.get('after') ?? undefined);
      if (after === undefined) break;
      await this.pacer.acquire(OPERATION, this.budget, signal);
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
