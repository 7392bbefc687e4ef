import { randomUUID } from 'node:crypto';
import { account, file, type AccountAccess } from '../access.ts';
import { forbidden, invalid, notFound } from '../http.ts';
import { parseIncludes, presentUser, type Includes } from '../present.ts';
import type { CommentRecord, FileRecord } from '../store/records.ts';
import { fileRate, frameToTimecode, timecodeToFrame } from '../timecode.ts';
import type { World } from '../world.ts';
import { bodyData, listReply, noContent, ok, sortBy, stamp } from './common.ts';
import type { HandlerTable, RequestContext } from './types.ts';

interface CommentInput {
  text?: string;
  timestamp?: string | number | null;
  duration?: number | null;
  annotation?: string | null;
  page?: number | null;
  completed?: boolean | null;
}

const asTimecode = (ctx: RequestContext) => ctx.query.get('timestamp_as_timecode') === 'true';

function presentComment(world: World, comment: CommentRecord, timecode: boolean) {
  return {
    id: comment.id,
    file_id: comment.file_id,
    text: comment.text,
    annotation: comment.annotation,
    page: comment.page,
    timestamp: comment.timestamp === null ? null : timecode ? frameToTimecode(comment.timestamp, rateOf(world, comment.file_id)) : comment.timestamp,
    duration: comment.duration,
    text_edited_at: comment.text_edited_at,
    text_review_annotation: null,
    completed_at: comment.completed_at,
    completer_id: comment.completer_id,
    attachments: [],
    mentions: [],
    links: [],
    created_at: comment.created_at,
    updated_at: comment.updated_at,
  };
}

function presentWithIncludes(world: World, comment: CommentRecord, timecode: boolean, includes: Includes) {
  const owner = includes.has('owner') ? world.store.get('user', comment.owner_id) : undefined;
  return {
    ...presentComment(world, comment, timecode),
    ...(owner ? { owner: presentUser(owner) } : {}),
    ...(includes.has('replies')
      ? { replies: world.store.list('comment', comment.file_id).filter((c) => c.parent_id === comment.id).map((c) => presentComment(world, c, timecode)) }
      : {}),
  };
}

function rateOf(world: World, fileId: string) {
  return fileRate(world.store.get('asset', fileId) as FileRecord);
}

/**
 * A body's timestamp as the frame number stored. A timecode string is taken with or without
 * `timestamp_as_timecode`, which the spec says only "enables display of timestamp as timecode".
 */
function frameOf(target: FileRecord, timestamp: string | number | null | undefined): number | null | undefined {
  return typeof timestamp === 'string' ? timecodeToFrame(timestamp, fileRate(target)) : timestamp;
}

function checkAnnotation(annotation: string | null | undefined): void {
  if (typeof annotation !== 'string') return;
  try {
    JSON.parse(annotation);
  } catch {
    throw invalid('annotation must be a JSON string of drawing geometry', '/data/annotation');
  }
}

/**
 * Where a comment may sit, in the spec's words: `page` "only allowed when file type is a pdf
 * document", `timestamp` "only allowed when file type is 'audio', 'stream', or 'video'". Frame.io's
 * file type is not the media type (an MXF is video to it), so only the case the media type settles
 * is refused: a timestamp on a PDF.
 */
function checkPlace(target: FileRecord, data: CommentInput): void {
  const document = target.media_type === 'application/pdf';
  if (data.page !== undefined && data.page !== null && !document) throw invalid('page is only allowed on a PDF document', '/data/page');
  if (data.timestamp !== undefined && data.timestamp !== null && document) throw invalid('timestamp is only allowed on audio, video or stream files; comment on a page of a PDF document with page', '/data/timestamp');
}

function findComment(ctx: RequestContext, access: AccountAccess): CommentRecord {
  const id = ctx.params.comment_id!;
  const comment = ctx.world.store.get('comment', id);
  if (!comment || comment.account_id !== access.account.id) throw notFound(`Comment ${id} not found`);
  file(ctx, comment.file_id, access);
  return comment;
}

function emitCommentEvent(ctx: RequestContext, target: FileRecord, comment: CommentRecord, type: string): void {
  const project = ctx.world.store.get('project', target.project_id);
  if (project) ctx.world.events.emit({ type, accountId: target.account_id, workspaceId: project.workspace_id, projectId: project.id, resource: { id: comment.id, type: 'comment' }, userId: ctx.user.id });
}

const mayEdit = (ctx: RequestContext, access: AccountAccess, comment: CommentRecord) => comment.owner_id === ctx.user.id || access.role === 'owner' || access.role === 'admin';

export const commentHandlers: HandlerTable = {
  'comments.index': (ctx) => {
    const target = file(ctx, ctx.params.file_id!);
    const includes = parseIncludes(ctx.query);
    const topLevel = ctx.world.store.list('comment', target.id).filter((c) => c.parent_id === null);
    const ownerName = (c: CommentRecord) => ctx.world.store.get('user', c.owner_id)?.name;
    const sorted = sortBy(topLevel, ctx.query.get('sort'), 'created_at_asc', { owner: ownerName, completed_at: (c) => c.completed_at, created_at: (c) => c.created_at });
    return listReply(ctx, sorted.map((c) => presentWithIncludes(ctx.world, c, asTimecode(ctx), includes)));
  },

  'comments.show': (ctx) => ok(presentWithIncludes(ctx.world, findComment(ctx, account(ctx)), asTimecode(ctx), parseIncludes(ctx.query))),

  'comments.create': (ctx) => {
    const access = account(ctx);
    const target = file(ctx, ctx.params.file_id!, access);
    const data = bodyData<CommentInput & { text: string }>(ctx);
    checkAnnotation(data.annotation);
    checkPlace(target, data);
    const now = stamp(ctx);
    const comment = ctx.world.store.put('comment', {
      id: randomUUID(),
      account_id: access.account.id,
      file_id: target.id,
      parent_id: null,
      owner_id: ctx.user.id,
      text: data.text,
      timestamp: frameOf(target, data.timestamp) ?? null,
      duration: data.duration ?? null,
      annotation: data.annotation ?? null,
      page: data.page ?? null,
      text_edited_at: null,
      completed_at: data.completed ? now : null,
      completer_id: data.completed ? ctx.user.id : null,
      created_at: now,
      updated_at: now,
    });
    emitCommentEvent(ctx, target, comment, 'comment.created');
    return ok(presentComment(ctx.world, comment, asTimecode(ctx)), 201);
  },

  'comments.update': (ctx) => {
    const access = account(ctx);
    const comment = findComment(ctx, access);
    const data = bodyData<CommentInput>(ctx);
    const editsContent = ['text', 'timestamp', 'duration', 'annotation', 'page'].some((k) => k in data);
    if (editsContent && !mayEdit(ctx, access, comment)) throw forbidden('Only the comment\'s author or an account admin can edit it');
    checkAnnotation(data.annotation);
    const target = ctx.world.store.get('asset', comment.file_id) as FileRecord;
    checkPlace(target, data);
    const now = stamp(ctx);
    const timestamp = frameOf(target, data.timestamp);
    const completion =
      data.completed === undefined || data.completed === null
        ? {}
        : data.completed
          ? { completed_at: comment.completed_at ?? now, completer_id: comment.completer_id ?? ctx.user.id }
          : { completed_at: null, completer_id: null };
    const updated = ctx.world.store.put('comment', {
      ...comment,
      ...(data.text !== undefined && data.text !== comment.text ? { text: data.text, text_edited_at: now } : {}),
      ...(timestamp !== undefined ? { timestamp } : {}),
      ...(data.duration !== undefined ? { duration: data.duration } : {}),
      ...(data.annotation !== undefined ? { annotation: data.annotation } : {}),
      ...(data.page !== undefined ? { page: data.page } : {}),
      ...completion,
      updated_at: now,
    });
    const completedNow = updated.completed_at !== null && comment.completed_at === null;
    const reopened = updated.completed_at === null && comment.completed_at !== null;
    emitCommentEvent(ctx, target, updated, completedNow ? 'comment.completed' : reopened ? 'comment.uncompleted' : 'comment.updated');
    return ok(presentComment(ctx.world, updated, asTimecode(ctx)));
  },

  'comments.delete': (ctx) => {
    const access = account(ctx);
    const comment = findComment(ctx, access);
    if (!mayEdit(ctx, access, comment)) throw forbidden('Only the comment\'s author or an account admin can delete it');
    for (const reply of ctx.world.store.list('comment', comment.file_id).filter((c) => c.parent_id === comment.id)) ctx.world.store.delete(reply.id);
    ctx.world.store.delete(comment.id);
    emitCommentEvent(ctx, ctx.world.store.get('asset', comment.file_id) as FileRecord, comment, 'comment.deleted');
    return noContent;
  },
};
