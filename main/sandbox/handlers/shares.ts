import { randomBytes, randomUUID } from 'node:crypto';
import { children } from '../assets.ts';
import { account, project, writableAccount, type AccountAccess } from '../access.ts';
import { conflict, invalid, notFound } from '../http.ts';
import { parseIncludes, presentAsset, presentUser } from '../present.ts';
import type { AssetRecord, ShareRecord, UserRecord } from '../store/records.ts';
import type { World } from '../world.ts';
import { bodyData, listReply, noContent, ok, sortBy, stamp } from './common.ts';
import type { HandlerTable, RequestContext } from './types.ts';

/** Fields with a column of their own; everything else a client sets lands in `options`. */
const CORE_FIELDS = new Set(['type', 'name', 'access', 'passphrase', 'expiration', 'downloading_enabled', 'commenting_enabled', 'enabled', 'asset_ids']);

function presentShare(share: ShareRecord) {
  return {
    ...share.options,
    id: share.id,
    name: share.name,
    description: null,
    collection_id: share.collection_id,
    short_url: share.short_url,
    access: share.access,
    passphrase: share.passphrase,
    enabled: share.enabled,
    commenting_enabled: share.commenting_enabled,
    downloading_enabled: share.downloading_enabled,
    expiration: share.expiration,
    last_viewed_at: share.last_viewed_at,
    created_at: share.created_at,
    updated_at: share.updated_at,
  };
}

function findShare(ctx: RequestContext, access: AccountAccess): ShareRecord {
  const id = ctx.params.share_id!;
  const share = ctx.world.store.get('share', id);
  if (!share || share.account_id !== access.account.id) throw notFound(`Share ${id} not found`);
  project(ctx, share.project_id, access);
  return share;
}

function checkExpiration(ctx: RequestContext, expiration: string | null | undefined): void {
  if (expiration && Date.parse(expiration) <= ctx.world.now().getTime()) throw invalid('expiration must be in the future', '/data/expiration');
}

function shareableAsset(ctx: RequestContext, share: Pick<ShareRecord, 'project_id' | 'account_id'>, id: string, pointer: string): string {
  const asset = ctx.world.store.get('asset', id);
  if (!asset || asset.account_id !== share.account_id || asset.project_id !== share.project_id) throw invalid(`Asset ${id} not found in this project`, pointer);
  return asset.id;
}

function emitShareEvent(ctx: RequestContext, share: ShareRecord, type: string): void {
  const owner = ctx.world.store.get('project', share.project_id);
  if (owner) ctx.world.events.emit({ type, accountId: share.account_id, workspaceId: owner.workspace_id, projectId: owner.id, resource: { id: share.id, type: 'share' }, userId: ctx.user.id });
}

function options(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !CORE_FIELDS.has(key)));
}

interface Reviewers {
  emails?: string[];
  user_ids?: string[];
  adobe_user_ids?: string[];
  share_list_ids?: string[];
}

/** Reviewers by email become sandbox users if they are new, as an invitation creates an account. */
function reviewerIds(world: World, reviewers: Reviewers, create: boolean): string[] {
  const users = world.store.list('user');
  if (reviewers.adobe_user_ids || reviewers.share_list_ids) {
    const field = reviewers.adobe_user_ids ? 'adobe_user_ids' : 'share_list_ids';
    throw invalid('The sandbox knows no Adobe users or share lists; add reviewers by email or user id', `/data/reviewers/${field}`);
  }
  if (reviewers.user_ids) {
    return reviewers.user_ids.map((id, index) => {
      if (!users.some((u) => u.id === id)) throw invalid(`User ${id} not found`, `/data/reviewers/user_ids/${index}`);
      return id;
    });
  }
  return (reviewers.emails ?? []).flatMap((email) => {
    const known = users.find((u) => u.email.toLowerCase() === email.toLowerCase());
    if (known) return [known.id];
    if (!create) return [];
    const user: UserRecord = { id: randomUUID(), name: email.split('@')[0]!, email, avatar_url: null };
    world.store.put('user', user);
    return [user.id];
  });
}

/**
 * What a share holds as Frame.io lists it: a flat list of its members and every descendant of a
 * shared folder or version stack, each once (a member inside a shared folder is not listed twice).
 */
function sharedAssets(world: World, memberIds: string[]): AssetRecord[] {
  const seen = new Map<string, AssetRecord>();
  const visit = (asset: AssetRecord) => {
    if (seen.has(asset.id)) return;
    seen.set(asset.id, asset);
    if (asset.type !== 'file') for (const child of children(world, asset.id)) visit(child);
  };
  for (const id of memberIds) {
    const asset = world.store.get('asset', id);
    if (asset) visit(asset);
  }
  return [...seen.values()];
}

export const shareHandlers: HandlerTable = {
  'shares.index': (ctx) => {
    const owner = project(ctx, ctx.params.project_id!);
    const shares = sortBy(ctx.world.store.list('share', owner.id), ctx.query.get('sort'), 'created_at_asc', { name: (s) => s.name, created_at: (s) => s.created_at });
    return listReply(ctx, shares.map(presentShare));
  },

  'shares.show': (ctx) => ok(presentShare(findShare(ctx, account(ctx)))),

  'shares.create': (ctx) => {
    const access = writableAccount(ctx);
    const owner = project(ctx, ctx.params.project_id!, access);
    const data = bodyData<Record<string, unknown> & { name: string; access: 'public' | 'secure'; asset_ids?: string[]; passphrase?: string | null; expiration?: string | null; downloading_enabled?: boolean; commenting_enabled?: boolean; enabled?: boolean }>(ctx);
    checkExpiration(ctx, data.expiration);
    const scope = { account_id: access.account.id, project_id: owner.id };
    const assetIds = [...new Set((data.asset_ids ?? []).map((id, index) => shareableAsset(ctx, scope, id, `/data/asset_ids/${index}`)))];
    const now = stamp(ctx);
    const share = ctx.world.store.put('share', {
      id: randomUUID(),
      ...scope,
      collection_id: randomUUID(),
      name: data.name,
      access: data.access,
      passphrase: data.passphrase ?? null,
      expiration: data.expiration ?? null,
      downloading_enabled: data.downloading_enabled ?? true,
      commenting_enabled: data.commenting_enabled ?? true,
      enabled: data.enabled ?? true,
      short_url: `${ctx.world.baseUrl}/s/${randomBytes(5).toString('base64url')}`,
      asset_ids: assetIds,
      reviewer_ids: [],
      options: options(data),
      last_viewed_at: null,
      creator_id: ctx.user.id,
      created_at: now,
      updated_at: now,
    });
    emitShareEvent(ctx, share, 'share.created');
    return ok(presentShare(share), 201);
  },

  'shares.update': (ctx) => {
    const access = writableAccount(ctx);
    const share = findShare(ctx, access);
    const data = bodyData<Record<string, unknown> & Partial<Pick<ShareRecord, 'name' | 'access' | 'passphrase' | 'expiration' | 'downloading_enabled' | 'commenting_enabled' | 'enabled'>>>(ctx);
    checkExpiration(ctx, data.expiration);
    const updated = ctx.world.store.put('share', {
      ...share,
      name: data.name ?? share.name,
      access: data.access ?? share.access,
      passphrase: data.passphrase !== undefined ? data.passphrase : share.passphrase,
      expiration: data.expiration !== undefined ? data.expiration : share.expiration,
      downloading_enabled: data.downloading_enabled ?? share.downloading_enabled,
      commenting_enabled: data.commenting_enabled ?? share.commenting_enabled,
      enabled: data.enabled ?? share.enabled,
      options: { ...share.options, ...options(data) },
      updated_at: stamp(ctx),
    });
    emitShareEvent(ctx, updated, 'share.updated');
    return ok(presentShare(updated));
  },

  'shares.delete': (ctx) => {
    const share = findShare(ctx, writableAccount(ctx));
    ctx.world.store.delete(share.id);
    emitShareEvent(ctx, share, 'share.deleted');
    return noContent;
  },

  'shares.list_assets': (ctx) => {
    const share = findShare(ctx, account(ctx));
    const includes = parseIncludes(ctx.query);
    const sorted = sortBy(sharedAssets(ctx.world, share.asset_ids), ctx.query.get('sort'), 'created_at_asc', { name: (a) => a.name, created_at: (a) => a.created_at, updated_at: (a) => a.updated_at });
    return listReply(ctx, sorted.map((a) => presentAsset(ctx.world, a, includes)));
  },

  'shares.add_asset': (ctx) => {
    const share = findShare(ctx, writableAccount(ctx));
    const assetId = shareableAsset(ctx, share, bodyData<{ asset_id: string }>(ctx).asset_id, '/data/asset_id');
    if (share.asset_ids.includes(assetId)) throw conflict(`Asset ${assetId} is already in this share`, '/data/asset_id');
    const updated = ctx.world.store.put('share', { ...share, asset_ids: [...share.asset_ids, assetId], updated_at: stamp(ctx) });
    return ok({ ...presentShare(updated), asset_added: assetId });
  },

  'shares.remove_asset': (ctx) => {
    const share = findShare(ctx, writableAccount(ctx));
    const assetId = ctx.params.asset_id!;
    if (!share.asset_ids.includes(assetId)) throw notFound(`Asset ${assetId} is not in this share`);
    const updated = ctx.world.store.put('share', { ...share, asset_ids: share.asset_ids.filter((id) => id !== assetId), updated_at: stamp(ctx) });
    return ok({ ...presentShare(updated), asset_removed: assetId });
  },

  'shares.list_reviewers': (ctx) => {
    const share = findShare(ctx, account(ctx));
    const reviewers = share.reviewer_ids.flatMap((id) => {
      const user = ctx.world.store.get('user', id);
      return user ? [user] : [];
    });
    const sorted = sortBy(reviewers, ctx.query.get('sort'), 'name_asc', { name: (u) => u.name });
    return ok(sorted.map(presentUser));
  },

  'shares.add_reviewers': (ctx) => {
    const share = findShare(ctx, writableAccount(ctx));
    const ids = reviewerIds(ctx.world, bodyData<{ reviewers: Reviewers }>(ctx).reviewers, true);
    ctx.world.store.put('share', { ...share, reviewer_ids: [...new Set([...share.reviewer_ids, ...ids])], updated_at: stamp(ctx) });
    return noContent;
  },

  'shares.remove_reviewers': (ctx) => {
    const share = findShare(ctx, writableAccount(ctx));
    const ids = new Set(reviewerIds(ctx.world, bodyData<{ reviewers: Reviewers }>(ctx).reviewers, false));
    ctx.world.store.put('share', { ...share, reviewer_ids: share.reviewer_ids.filter((id) => !ids.has(id)), updated_at: stamp(ctx) });
    return noContent;
  },
};
