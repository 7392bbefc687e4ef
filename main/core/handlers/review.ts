import type { Comment } from '../../../preload/contract.ts';
import type { FrameioClient } from '../api/client.ts';
import { AccountApi } from '../api/resources.ts';
import { parseAnnotation } from '../review/annotation.ts';
import { CommentService, toExportComment, type ReviewComment } from '../review/comments.ts';
import { EXPORT_FORMATS, renderExport } from '../review/exports/index.ts';
import { isDocument } from '../review/document.ts';
import { fileFrameRate, UnknownFrameRate } from '../review/file-rate.ts';
import { FRAME_RATES, frameRate } from '../review/timecode.ts';
import type { Following } from '../review/following.ts';
import type { HandlerGroup } from './types.ts';

function present(comment: ReviewComment): Comment {
  const fields = (c: ReviewComment) => ({
    id: c.id,
    text: c.text,
    timestamp: c.timestamp,
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
      present(await comments(accountId).create(fileId, { text, timestamp, annotation: shapes?.length ? shapes : undefined, page })),
    'comments:edit': async ({ accountId, commentId, text }) => present(await comments(accountId).edit(commentId, { text })),
    'comments:complete': async ({ accountId, commentId, completed }) => present(await comments(accountId).setCompleted(commentId, completed)),
    'comments:delete': async ({ accountId, commentId }) => {
      await comments(accountId).remove(commentId);
      return { deleted: true as const };
    },
    'comments:frameRate': async ({ accountId, fileId }) => {
      const service = comments(accountId);
      const read = await fileFrameRate(service, fileId, await service.list(fileId, { replies: false })).catch((error: unknown) => {
        // Timecodes no rate explains (a start offset, say) still leave the viewer usable at 24.
        if (error instanceof UnknownFrameRate) return { rate: frameRate('24'), probed: false };
        throw error;
      });
      const { rate, probed } = read;
      const alternatives = probed ? FRAME_RATES.filter((r) => r.timebase === rate.timebase && r.dropFrame === rate.dropFrame) : FRAME_RATES;
      return { ...rate, probed, alternatives: alternatives.map((r) => ({ ...r })) };
    },
    'comments:export': async ({ accountId, fileId, format, fps }) => {
      const service = comments(accountId);
      const [file, list] = await Promise.all([new AccountApi(client, accountId).showFile(fileId), service.list(fileId, { replies: true })]);
      const { rate } = fps ? { rate: frameRate(fps) } : await fileFrameRate(service, fileId, list);
      const startTimecode = rate.dropFrame ? '00:00:00;00' : '00:00:00:00';
      const text = renderExport(format, { file: { name: file.name, rate, startTimecode, document: isDocument(file.media_type) }, comments: list.map(toExportComment) });
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
