// A legacy V2 account's review, in the same core model as V4's: V2 lists a file's comments and
// replies in one flat list (a reply names its parent), counts timestamps and durations in frames
// from 0 as V4 does, and keeps the drawing as the same JSON text. V2 reports no technical
// metadata, so nothing tells a file's frame rate: comments count at 24 unless the person says otherwise.
import type { V2Api } from '../api/v2/resources.ts';
import type { V2Comment } from '../api/v2/types.ts';
import { Refusal } from '../errors.ts';
import { newCommentFields, type NewComment, type ReviewComment } from './comments.ts';
import type { RateSource } from './file-rate.ts';
import type { ReviewFile, ReviewSource } from './source.ts';
import type { FileTimeline } from './technical.ts';
import { frameRate, type FrameRate } from '../../common/timecode.ts';

export class V2ReviewSource implements ReviewSource {
  private readonly api: V2Api;

  constructor(api: V2Api) {
    this.api = api;
  }

  async list(fileId: string, options: { replies?: boolean } = {}): Promise<ReviewComment[]> {
    const all = await Array.fromAsync(this.api.comments(fileId));
    const replies = new Map<string, ReviewComment[]>();
    for (const c of all) if (c.parent_id) replies.set(c.parent_id, [...(replies.get(c.parent_id) ?? []), fromV2(c, [])]);
    return all.filter((c) => !c.parent_id).map((c) => fromV2(c, options.replies === false ? [] : (replies.get(c.id) ?? [])));
  }

  async create(fileId: string, comment: NewComment): Promise<ReviewComment> {
    return fromV2(await this.api.createComment(fileId, newCommentFields(comment)), []);
  }

  /** A file, or a version stack (whose comments are its newest version's); a folder has no review. */
  async file(fileId: string): Promise<{ file: ReviewFile; timeline: FileTimeline }> {
    const asset = await this.api.asset(fileId);
    if (asset.type === 'folder') throw new Refusal('review:not-a-file', `${asset.name} is a folder: comments are on files.`, 'Give the id of a file or a version stack in it.');
    return { file: { id: asset.id, name: asset.name, mediaType: asset.filetype ?? null }, timeline: {} };
  }

  async frameRate(): Promise<{ rate: FrameRate; source: RateSource }> {
    return { rate: frameRate('24'), source: 'assumed' };
  }
}

function fromV2(c: V2Comment, replies: ReviewComment[]): ReviewComment {
  return {
    id: c.id,
    fileId: c.asset_id,
    text: c.text,
    timestamp: c.timestamp,
    durationFrames: c.duration,
    annotation: c.annotation ?? null,
    page: c.page,
    completed: c.completed,
    completedAt: c.completed_at ?? null,
    createdAt: c.inserted_at,
    updatedAt: c.updated_at ?? c.inserted_at,
    editedAt: null,
    author: c.owner ? { id: c.owner.id, name: c.owner.name ?? c.owner.email, email: c.owner.email, avatarUrl: c.owner.image_128 ?? null } : null,
    replies,
  };
}
