// Where a file's review comes from. The viewer, the exports and `slate comments` read comments, add
// them and learn the file's timeline through this, whichever Frame.io API the sign-in speaks: V4
// here, a legacy V2 account in legacy-source.ts.
import type { FrameioClient } from '../api/client.ts';
import { CommentService, type NewComment, type ReviewComment } from './comments.ts';
import { fileFrameRate, type RateSource } from './file-rate.ts';
import { showFileTimeline, type FileTimeline } from './technical.ts';
import type { FrameRate } from '../../common/timecode.ts';

/** The file a review is of, as the exports name it. */
export interface ReviewFile {
  id: string;
  name: string;
  mediaType: string | null;
}

export interface ReviewSource {
  /** every comment on the file, oldest first, with authors and (unless `replies: false`) replies */
  list(fileId: string, options?: { replies?: boolean }): Promise<ReviewComment[]>;
  create(fileId: string, comment: NewComment): Promise<ReviewComment>;
  /** the file, and what its metadata says of its timeline */
  file(fileId: string): Promise<{ file: ReviewFile; timeline: FileTimeline }>;
  /** the rate its comments count at; throws UnknownFrameRate when nothing tells it */
  frameRate(fileId: string, comments: readonly ReviewComment[], timeline: FileTimeline): Promise<{ rate: FrameRate; source: RateSource }>;
}

export class V4ReviewSource implements ReviewSource {
  private readonly client: FrameioClient;
  private readonly accountId: string;
  private readonly comments: CommentService;

  constructor(client: FrameioClient, accountId: string) {
    this.client = client;
    this.accountId = accountId;
    this.comments = new CommentService(client, accountId);
  }

  list(fileId: string, options?: { replies?: boolean }): Promise<ReviewComment[]> {
    return this.comments.list(fileId, options);
  }

  create(fileId: string, comment: NewComment): Promise<ReviewComment> {
    return this.comments.create(fileId, comment);
  }

  async file(fileId: string): Promise<{ file: ReviewFile; timeline: FileTimeline }> {
    const { file, timeline } = await showFileTimeline(this.client, this.accountId, fileId);
    return { file: { id: file.id, name: file.name, mediaType: file.media_type ?? null }, timeline };
  }

  frameRate(fileId: string, comments: readonly ReviewComment[], timeline: FileTimeline): Promise<{ rate: FrameRate; source: RateSource }> {
    return fileFrameRate(this.comments, fileId, comments, timeline);
  }
}
