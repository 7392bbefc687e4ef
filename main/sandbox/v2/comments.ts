// Comments under /v2/assets/{asset_id}/comments: the same comments V4 shows on the file.
import { randomUUID } from 'node:crypto';
import type { CommentRecord } from '../store/records.ts';
import { asset, file, ok, requireObject, type V2Context, type V2Handler } from './context.ts';
import { badRequest, notFound } from './errors.ts';
import { paged } from './browse.ts';
import { presentComment, presentUser } from './present.ts';

/** A file, or a version stack's newest version: comments land on files. */
function commentedFile(ctx: V2Context) {
  const target = asset(ctx, ctx.params.asset_id!);
  if (target.type === 'folder') throw notFound(`Asset ${target.id} is a folder: comments are on files`);
  if (target.type === 'file') return target;
  const head = ctx.world.store
    .list('asset', target.id)
    .filter((a) => a.type === 'file')
    .sort((a, b) => (b.version ?? 0) - (a.version ?? 0))[0];
  if (!head) throw notFound(`Version stack ${target.id} has no versions`);
  return file(ctx, head.id);
}

/** Comments and replies in one flat list; `include=owner` adds each one's author. */
export const listComments: V2Handler = (ctx) => {
  const target = commentedFile(ctx);
  const owners = (ctx.query.get('include') ?? '').split(',').includes('owner');
  return paged(
    ctx,
    ctx.world.store.list('comment', target.id).map((comment) => {
      const owner = owners ? ctx.world.store.get('user', comment.owner_id) : undefined;
      return { ...presentComment(comment), ...(owner ? { owner: presentUser(owner) } : {}) };
    }),
  );
};

function optionalNumber(value: unknown, field: string, min: number): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw badRequest(`${field} must be a whole number from ${min}`);
  return value;
}

export const createComment: V2Handler = (ctx) => {
  const body = requireObject(ctx.body);
  const target = commentedFile(ctx);
  if (typeof body.text !== 'string' || body.text.trim() === '') throw badRequest('text is required');
  if (body.annotation !== undefined && body.annotation !== null && typeof body.annotation !== 'string') throw badRequest('annotation must be a JSON string');
  const now = ctx.world.now().toISOString();
  const comment: CommentRecord = {
    id: randomUUID(),
    account_id: target.account_id,
    file_id: target.id,
    parent_id: null,
    owner_id: ctx.user.id,
    text: body.text,
    timestamp: optionalNumber(body.timestamp, 'timestamp', 0),
    duration: optionalNumber(body.duration, 'duration', 0),
    annotation: (body.annotation as string | undefined) ?? null,
    page: optionalNumber(body.page, 'page', 1),
    text_edited_at: null,
    completed_at: null,
    completer_id: null,
    created_at: now,
    updated_at: now,
  };
  ctx.world.store.put('comment', comment);
  return ok(presentComment(comment));
};
