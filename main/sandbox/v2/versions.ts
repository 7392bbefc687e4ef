// POST /v2/assets/{asset_id}/version {next_asset_id}: "Add an asset to a version stack, or create
// one if one doesn't already exist". `next_asset_id` becomes the newest version.
import { randomUUID } from 'node:crypto';
import { emitAssetEvent } from '../assets.ts';
import { stackVersions } from '../present.ts';
import type { VersionStackRecord } from '../store/records.ts';
import { ok, requireObject, writableAsset, type V2Context, type V2Handler } from './context.ts';
import { badRequest } from './errors.ts';
import { presentAsset } from './present.ts';

/** The stack `asset_id` names: itself, the stack a file is in, or a new one made around the file. */
function stackFor(ctx: V2Context, assetId: string): { stack: VersionStackRecord; created: boolean } {
  const target = writableAsset(ctx, assetId);
  if (target.type === 'version_stack') return { stack: target, created: false };
  if (target.type === 'folder') throw badRequest(`Asset ${target.id} is a folder: only files and version stacks take versions`);
  const parent = target.parent_id ? ctx.world.store.get('asset', target.parent_id) : undefined;
  if (parent?.type === 'version_stack') return { stack: parent, created: false };
  const now = ctx.world.now().toISOString();
  const stack: VersionStackRecord = {
    id: randomUUID(),
    type: 'version_stack',
    account_id: target.account_id,
    project_id: target.project_id,
    parent_id: target.parent_id,
    name: target.name,
    creator_id: ctx.user.id,
    created_at: now,
    updated_at: now,
  };
  ctx.world.store.transaction(() => {
    ctx.world.store.put('asset', stack);
    ctx.world.store.put('asset', { ...target, parent_id: stack.id, version: 1, updated_at: now });
  });
  return { stack, created: true };
}

export const addVersion: V2Handler = (ctx) => {
  const body = requireObject(ctx.body);
  if (typeof body.next_asset_id !== 'string') throw badRequest('next_asset_id is required');
  const next = writableAsset(ctx, body.next_asset_id);
  if (next.type !== 'file') throw badRequest(`next_asset_id ${next.id} is a ${next.type.replace('_', ' ')}: only a file can be a version`);
  if (next.id === ctx.params.asset_id) throw badRequest('An asset cannot be a version of itself');
  const { stack } = stackFor(ctx, ctx.params.asset_id!);
  if (next.account_id !== stack.account_id) throw badRequest('next_asset_id is in another account');
  if (next.parent_id === stack.id) return ok(presentAsset(ctx.world, stack));
  const now = ctx.world.now().toISOString();
  const version = (stackVersions(ctx.world, stack.id).at(-1)?.version ?? 0) + 1;
  const formerParent = next.parent_id ? ctx.world.store.get('asset', next.parent_id) : undefined;
  ctx.world.store.transaction(() => {
    ctx.world.store.put('asset', { ...next, parent_id: stack.id, project_id: stack.project_id, version, updated_at: now });
    ctx.world.store.put('asset', { ...stack, updated_at: now });
    // A stack that gave up its last version goes with it, as in V4.
    if (formerParent?.type === 'version_stack' && ctx.world.store.list('asset', formerParent.id).length === 0) ctx.world.store.delete(formerParent.id);
  });
  emitAssetEvent(ctx.world, next, 'file.versioned', ctx.user.id);
  return ok(presentAsset(ctx.world, ctx.world.store.get('asset', stack.id)!));
};
