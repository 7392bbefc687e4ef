// The review as JSON for scripts: every comment with its timecodes worked out.
import { placeComments, type ReviewExport } from './model.ts';

export function toJson(review: ReviewExport): string {
  const { file } = review;
  const comments = placeComments(review).map(({ number, comment, timecodeIn, timecodeOut }) => ({
    number,
    timestamp: comment.timestamp,
    timecodeIn: comment.timestamp === null ? null : timecodeIn,
    timecodeOut: comment.timestamp === null || !comment.durationFrames ? null : timecodeOut,
    page: comment.page,
    durationFrames: comment.durationFrames,
    author: comment.author,
    text: comment.text,
    completed: comment.completed,
    createdAt: comment.createdAt,
    replies: comment.replies,
  }));
  const summary = { name: file.name, frameRate: file.rate.name, startTimecode: file.startTimecode, durationFrames: file.durationFrames ?? null };
  return JSON.stringify({ file: summary, comments }, null, 2) + '\n';
}
