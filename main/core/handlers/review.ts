import type { Comment } from '../../../preload/contract.ts';
import type { FrameioClient } from '../api/client.ts';
import { parseAnnotation } from '../review/annotation.ts';
import { CommentService, toExportComment, type ReviewComment } from '../review/comments.ts';
import { EXPORT_FORMATS, renderExport } from '../review/exports/index.ts';
import { isDocument } from '../review/document.ts';
import { fileFrameRate, UnknownFrameRate, type RateSource } from '../review/file-rate.ts';
import { durationFramesAt, showFileTimeline, startTimecodeFor } from '../review/technical.ts';
import { apiTimestampToIndex, FRAME_RATES, frameRate, indexToApiTimestamp } from '../../common/timecode.ts';
import type { Following } from '../review/following.ts';
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

export function reviewHandlers(client: FrameioClient, following: Following): HandlerGroup<'comments'> {
  const comments = (accountId: string) => new CommentService(client, accountId);
  return {
    'comments:list': async ({ accountId, fileId }) => (await comments(accountId).list(fileId, { replies: true })).map(present),
    'comments:create': async ({ accountId, fileId, text, timestamp, shapes, page }) =>
      present(await comments(accountId).create(fileId, { text, timestamp: timestamp === undefined ? undefined : indexToApiTimestamp(timestamp), annotation: shapes?.length ? shapes : undefined, page })),
    'comments:edit': async ({ accountId, commentId, text }) => present(await comments(accountId).edit(commentId, { text })),
    'comments:complete': async ({ accountId, commentId, completed }) => present(await comments(accountId).setCompleted(commentId, completed)),
    'comments:delete': async ({ accountId, commentId }) => {
      await comments(accountId).remove(commentId);
      return { deleted: true as const };
    },
    'comments:frameRate': async ({ accountId, fileId }) => {
      const service = comments(accountId);
      const [{ timeline }, list] = await Promise.all([showFileTimeline(client, accountId, fileId), service.list(fileId, { replies: false })]);
      const read = await fileFrameRate(service, fileId, list, timeline).catch((error: unknown) => {
        // Timecodes no rate explains (a start offset, say) still leave the viewer usable at 24.
        if (error instanceof UnknownFrameRate) return { rate: frameRate('24'), source: 'assumed' as RateSource };
        throw error;
      });
      const { rate, source } = read;
      // Timecodes cannot tell 23.976 from 24; metadata can, so any other rate is an override.
      const alternatives = source === 'timecodes' ? FRAME_RATES.filter((r) => r.timebase === rate.timebase && r.dropFrame === rate.dropFrame) : FRAME_RATES;
      return { ...rate, source, alternatives: alternatives.map((r) => ({ ...r })), startTimecode: startTimecodeFor(rate, undefined, timeline) };
    },
    'comments:export': async ({ accountId, fileId, format, fps, startTimecode }) => {
      const service = comments(accountId);
      const [{ file, timeline }, list] = await Promise.all([showFileTimeline(client, accountId, fileId), service.list(fileId, { replies: true })]);
      const { rate } = fps ? { rate: frameRate(fps) } : await fileFrameRate(service, fileId, list, timeline);
      const start = startTimecodeFor(rate, startTimecode, timeline);
      const text = renderExport(format, { file: { name: file.name, rate, startTimecode: start, durationFrames: durationFramesAt(rate, timeline), document: isDocument(file.media_type) }, comments: list.map(toExportComment) });
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
