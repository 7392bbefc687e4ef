// A file's comments through the Frame.io API: list (with authors and replies), create at a frame
// with an optional drawing, edit, delete, complete and reopen.
import type { FrameioClient } from '../api/client.ts';
import { serializeAnnotation } from './annotation.ts';
import type { ExportComment } from './exports/model.ts';
import { apiTimestampToIndex, indexToApiTimestamp, TimecodeError } from '../../common/timecode.ts';
import { Refusal } from '../errors.ts';

/** A comment in the API's own field names (the spec's Comment with its includes). */
export interface ApiComment {
  id: string;
  file_id: string;
  text: string;
  /** a frame number (see FIRST_API_FRAME), or HH:MM:SS:FF when asked for with timestamp_as_timecode */
  timestamp: number | string | null;
  duration: number | null;
  annotation: string | null;
  page: number | null;
  completed_at: string | null;
  completer_id: string | null;
  created_at: string;
  updated_at: string;
  text_edited_at: string | null;
  owner?: ApiUser;
  replies?: ApiComment[];
}

export interface ApiUser {
  id: string | null;
  name: string | null;
  email: string;
  avatar_url: string | null;
}

export interface CommentAuthor {
  id: string | null;
  name: string;
  email: string;
  avatarUrl: string | null;
}

export interface ReviewComment {
  id: string;
  fileId: string;
  text: string;
  /** the API's frame number (see FIRST_API_FRAME), or null for a comment on the whole file */
  timestamp: number | null;
  durationFrames: number | null;
  /** the drawing as the API stores it (a JSON string); parseAnnotation reads it */
  annotation: string | null;
  page: number | null;
  completed: boolean;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  editedAt: string | null;
  /** null where Frame.io does not say: replies, and a comment just created */
  author: CommentAuthor | null;
  replies: ReviewComment[];
}

export interface NewComment {
  text: string;
  /** the API's frame number (see FIRST_API_FRAME); leave out for a comment on the whole file */
  timestamp?: number;
  durationFrames?: number;
  /** shapes to draw on the frame, checked and serialized here */
  annotation?: unknown;
  /** PDF page, from 1 */
  page?: number;
  completed?: boolean;
}

export interface CommentEdit {
  text?: string;
  timestamp?: number | null;
  durationFrames?: number | null;
  /** new shapes, or null to remove the drawing */
  annotation?: unknown;
}

type Data<T> = { data: T };

export class CommentService {
  private readonly client: FrameioClient;
  private readonly accountId: string;

  constructor(client: FrameioClient, accountId: string) {
    this.client = client;
    this.accountId = accountId;
  }

  /**
   * Every comment on a file, oldest first, with its author and replies. The spec lets `include`
   * name one relation per call, so authors and replies take a pass each; `replies: false` saves
   * the second when only the comments are wanted.
   */
  async list(fileId: string, options: { replies?: boolean; signal?: AbortSignal } = {}): Promise<ReviewComment[]> {
    const withOwners = await this.all(fileId, 'owner', options.signal);
    if (options.replies === false) return withOwners.map((c) => toReviewComment(c));
    const repliesById = new Map((await this.all(fileId, 'replies', options.signal)).map((c) => [c.id, c.replies ?? []]));
    return withOwners.map((c) => toReviewComment({ ...c, replies: repliesById.get(c.id) ?? [] }));
  }

  /**
   * Each comment's timestamp as Frame.io writes it in timecode. Frame.io knows the file's frame
   * rate and does not otherwise say it; comparing these with the frame numbers reveals it.
   */
  async timecodes(fileId: string, signal?: AbortSignal): Promise<Map<string, string>> {
    const comments = await Array.fromAsync(
      this.client.list<ApiComment>('comments.index', { params: this.params({ file_id: fileId }), query: { timestamp_as_timecode: true, page_size: 100 }, signal }),
    );
    return new Map(comments.flatMap((c) => (typeof c.timestamp === 'string' ? [[c.id, c.timestamp] as const] : [])));
  }

  async create(fileId: string, comment: NewComment, signal?: AbortSignal): Promise<ReviewComment> {
    const data = { ...newCommentFields(comment), ...(comment.completed !== undefined ? { completed: comment.completed } : {}) };
    const answer = await this.client.call<Data<ApiComment>>('comments.create', { params: this.params({ file_id: fileId }), body: { data }, signal });
    return toReviewComment(answer.data);
  }

  async edit(commentId: string, edit: CommentEdit, signal?: AbortSignal): Promise<ReviewComment> {
    if (edit.text !== undefined && edit.text.trim() === '') throw new Refusal('comment:empty', 'A comment needs some text.', 'Type the comment, or delete it instead.');
    const data = {
      ...(edit.text !== undefined ? { text: edit.text } : {}),
      ...(edit.timestamp !== undefined ? { timestamp: edit.timestamp === null ? null : apiTimestamp(edit.timestamp) } : {}),
      ...(edit.durationFrames !== undefined ? { duration: edit.durationFrames === null ? null : frameCount(edit.durationFrames) } : {}),
      ...(edit.annotation !== undefined ? { annotation: edit.annotation === null ? null : serializeAnnotation(edit.annotation) } : {}),
    };
    return this.update(commentId, data, signal);
  }

  setCompleted(commentId: string, completed: boolean, signal?: AbortSignal): Promise<ReviewComment> {
    return this.update(commentId, { completed }, signal);
  }

  async remove(commentId: string, signal?: AbortSignal): Promise<void> {
    await this.client.call('comments.delete', { params: this.params({ comment_id: commentId }), signal });
  }

  private async update(commentId: string, data: Record<string, unknown>, signal?: AbortSignal): Promise<ReviewComment> {
    const answer = await this.client.call<Data<ApiComment>>('comments.update', { params: this.params({ comment_id: commentId }), body: { data }, signal });
    return toReviewComment(answer.data);
  }

  private all(fileId: string, include: 'owner' | 'replies', signal?: AbortSignal): Promise<ApiComment[]> {
    const query = { include, sort: 'created_at_asc', page_size: 100 };
    return Array.fromAsync(this.client.list<ApiComment>('comments.index', { params: this.params({ file_id: fileId }), query, signal }));
  }

  private params(extra: Record<string, string>): Record<string, string> {
    return { account_id: this.accountId, ...extra };
  }
}

/**
 * A new comment checked and in the API's field names, which V4 and legacy V2 share: the text, and
 * a frame (with a duration) or a document's page, and a drawing.
 */
export function newCommentFields(comment: NewComment): { text: string; timestamp?: number; duration?: number; annotation?: string; page?: number } {
  if (comment.text.trim() === '') throw new Refusal('comment:empty', 'A comment needs some text.', 'Type the comment, then send it.');
  if (comment.durationFrames !== undefined && comment.timestamp === undefined) {
    throw new Refusal('comment:invalid', 'A comment with a duration needs a timestamp to start from.', 'Give it a start timecode, or drop the duration.');
  }
  if (comment.page !== undefined && comment.timestamp !== undefined) {
    throw new Refusal('comment:invalid', 'A comment is either at a frame of media (timestamp) or on a page of a document (page), not both.', 'Give it one or the other.');
  }
  return {
    text: comment.text,
    ...(comment.timestamp !== undefined ? { timestamp: apiTimestamp(comment.timestamp) } : {}),
    ...(comment.durationFrames !== undefined ? { duration: frameCount(comment.durationFrames) } : {}),
    ...(comment.annotation !== undefined ? { annotation: serializeAnnotation(comment.annotation) } : {}),
    ...(comment.page !== undefined ? { page: pageNumber(comment.page) } : {}),
  };
}

function apiTimestamp(timestamp: number): number {
  return indexToApiTimestamp(apiTimestampToIndex(timestamp));
}

function pageNumber(page: number): number {
  if (!Number.isSafeInteger(page) || page < 1) throw new RangeError(`A comment page is a page number from 1 (the first page), got ${page}.`);
  return page;
}

function frameCount(frames: number): number {
  if (!Number.isSafeInteger(frames) || frames < 1) throw new TimecodeError(`A comment duration is a whole number of frames from 1, got ${frames}.`);
  return frames;
}

export function toReviewComment(c: ApiComment): ReviewComment {
  if (typeof c.timestamp === 'string') throw new TimecodeError('Comments are read with frame-number timestamps; this one came as timecode.');
  return {
    id: c.id,
    fileId: c.file_id,
    text: c.text,
    timestamp: c.timestamp,
    durationFrames: c.duration,
    annotation: c.annotation,
    page: c.page,
    completed: c.completed_at !== null,
    completedAt: c.completed_at,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    editedAt: c.text_edited_at,
    author: c.owner ? { id: c.owner.id, name: c.owner.name ?? c.owner.email, email: c.owner.email, avatarUrl: c.owner.avatar_url } : null,
    replies: (c.replies ?? []).map(toReviewComment),
  };
}

/** A comment as the exports take it. */
export function toExportComment(c: ReviewComment): ExportComment {
  return {
    text: c.text,
    author: c.author?.name ?? 'Unknown',
    timestamp: c.timestamp,
    durationFrames: c.durationFrames,
    page: c.page,
    completed: c.completed,
    createdAt: c.createdAt,
    replies: c.replies.map((r) => ({ text: r.text, author: r.author?.name ?? null, createdAt: r.createdAt })),
  };
}
