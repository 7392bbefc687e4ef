// The files a person follows, across their accounts: one paced follower per account, started on
// the first follow, each reporting new comments and unread counts through one listener.
import type { FrameioClient } from '../api/client.ts';
import { CommentFollower, type FollowEvent } from './follow.ts';

export interface FollowingListener {
  comment(accountId: string, fileId: string, comment: { id: string; text: string; author: string | null }): void;
  unread(accountId: string, fileId: string, unread: number, total: number): void;
}

export class Following {
  private readonly client: FrameioClient;
  private readonly listener: FollowingListener;
  private readonly followers = new Map<string, CommentFollower>();
  private readonly checkEveryMs: () => number;

  /** `checkEveryMs` is read when an account's first file is followed. */
  constructor(client: FrameioClient, listener: FollowingListener, checkEveryMs: () => number) {
    this.client = client;
    this.listener = listener;
    this.checkEveryMs = checkEveryMs;
  }

  follow(accountId: string, fileId: string): void {
    this.follower(accountId).follow(fileId);
  }

  unfollow(accountId: string, fileId: string): void {
    this.followers.get(accountId)?.unfollow(fileId);
  }

  markRead(accountId: string, fileId: string): void {
    this.followers.get(accountId)?.markRead(fileId);
  }

  /** Every followed file with its unread count. */
  list(): Array<{ accountId: string; fileId: string; unread: number }> {
    return [...this.followers].flatMap(([accountId, follower]) => follower.following().map((fileId) => ({ accountId, fileId, unread: follower.unread(fileId) })));
  }

  total(): number {
    return [...this.followers.values()].reduce((sum, follower) => sum + follower.unread(), 0);
  }

  async close(): Promise<void> {
    await Promise.all([...this.followers.values()].map((follower) => follower.stop()));
  }

  private follower(accountId: string): CommentFollower {
    let follower = this.followers.get(accountId);
    if (!follower) {
      follower = new CommentFollower({ client: this.client, accountId, minIntervalMs: this.checkEveryMs() });
      follower.subscribe((event: FollowEvent) => {
        if (event.type === 'comment') {
          const { comment } = event;
          this.listener.comment(accountId, event.fileId, { id: comment.id, text: comment.text, author: comment.author?.name ?? null });
        } else if (event.type === 'unread') {
          this.listener.unread(accountId, event.fileId, event.unread, this.total());
        }
      });
      follower.start();
      this.followers.set(accountId, follower);
    }
    return follower;
  }
}
