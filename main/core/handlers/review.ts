import type { Comment } from '../../../preload/contract.ts';
import type { FrameioClient } from '../api/client.ts';
import { parseAnnotation } from '../review/annotation.ts';
import { CommentService, type ReviewComment } from '../review/comments.ts';
import { EXPORT_FORMATS } from '../review/exports/index.ts';
import { exportReview } from '../review/export-review.ts';
import { UnknownFrameRate, type RateSource } from '../review/file-rate.ts';
import { V2ReviewSource } from '../review/legacy-source.ts';
import { V4ReviewSource, type ReviewSource } from '../review/source.ts';
import { startTimecodeFor } from '../review/technical.ts';
import { apiTimestampToIndex, FRAME_RATES, frameRate, indexToApiTimestamp } from '../../common/timecode.ts';
import type { Following } from '../review/following.ts';
import { onLegacy, type LegacyApi } from './api-choice.ts';
import type { HandlerGroup } from './types.ts';

function present(comment: ReviewComment): Comment {
  const fields = (c: ReviewComment) => ({
    id: c.id,
    text: c.text,
    timestamp: c.timestamp === null ? null : apiTimestampToIndex(c.timestamp),
    durationFrames: c.durationFrames,
    shapes: parseAnnotation(c.annotation),
    page: c.page,
    completed: c.completed,
    createdAt: c.createdAt,
    author: c.author ? { name: c.author.name, email: c.author.email } : null,
  });
  return { ...fields(comment), replies: comment.replies.map(fields) };
}

/** Comments are read, added and exported through V2 on a legacy sign-in (what stays V4's is refused in api-choice.ts). */
export function reviewHandlers(client: FrameioClient, following: Following, legacy?: LegacyApi): HandlerGroup<'comments'> {
  const comments = (accountId: string) => new CommentService(client, accountId);
  const review = (accountId: string): ReviewSource => (onLegacy(legacy) ? new V2ReviewSource(legacy.v2) : new V4ReviewSource(client, accountId));
  return {
    'comments:list': async ({ accountId, fileId }) => (await review(accountId).list(fileId, { replies: true })).map(present),
    'comments:create': async ({ accountId, fileId, text, timestamp, shapes, page }) =>
      present(await review(accountId).create(fileId, { text, timestamp: timestamp === undefined ? undefined : indexToApiTimestamp(timestamp), annotation: shapes?.length ? shapes : undefined, page })),
    'comments:edit': async ({ accountId, commentId, text }) => present(await comments(accountId).edit(commentId, { text })),
    'comments:complete': async ({ accountId, commentId, completed }) => present(await comments(accountId).setCompleted(commentId, completed)),
    'comments:delete': async ({ accountId, commentId }) => {
      await comments(accountId).remove(commentId);
      return { deleted: true as const };
    },
    'comments:frameRate': async ({ accountId, fileId }) => {
      const source = review(accountId);
      const [{ timeline }, list] = await Promise.all([source.file(fileId), source.list(fileId, { replies: false })]);
      const read = await source.frameRate(fileId, list, timeline).catch((error: unknown) => {
        // Timecodes no rate explains (a start offset, say) still leave the viewer usable at 24.
        if (error instanceof UnknownFrameRate) return { rate: frameRate('24'), source: 'assumed' as RateSource };
        throw error;
      });
      const { rate, source: from } = read;
      // Timecodes cannot tell 23.976 from 24; metadata can, so any other rate is an override.
      const alternatives = from === 'timecodes' ? FRAME_RATES.filter((r) => r.timebase === rate.timebase && r.dropFrame === rate.dropFrame) : FRAME_RATES;
      return { ...rate, source: from, alternatives: alternatives.map((r) => ({ ...r })), startTimecode: startTimecodeFor(rate, undefined, timeline) };
    },
    'comments:export': async ({ accountId, fileId, format, fps, startTimecode }) => {
      const { file, rate, text } = await exportReview(review(accountId), fileId, format, { rate: fps ? frameRate(fps) : undefined, startTimecode });
      const { extension, mediaType } = EXPORT_FORMATS[format];
      const base = file.name.replace(/\.[^.]+$/, '');
      return { filename: `${base} comments.${extension}`, mediaType, text, frameRate: rate.name };
    },
    'comments:follow': async ({ accountId, fileId, follow }) => {
      if (follow) following.follow(accountId, fileId);
      else following.unfollow(accountId, fileId);
      return { following: follow };
    },
    'comments:following': async () => ({ files: following.list(), total: following.total() }),
    'comments:markRead': async ({ accountId, fileId }) => {
      following.markRead(accountId, fileId);
      return { total: following.total() };
    },
  };
}
