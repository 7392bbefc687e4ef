// Reading the tree: who I am, my teams, their projects, an asset and its children.
import { stackVersions } from '../present.ts';
import { account, asset, homeAccountId, ok, team, visible, type V2Context, type V2Handler, type V2Reply } from './context.ts';
import { badRequest } from './errors.ts';
import { presentAsset, presentMe, presentProject, presentTeam } from './present.ts';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

/** V2 lists page by number (`page` from 1, `page_size`), telling the totals in headers. */
export function paged(ctx: V2Context, items: unknown[]): V2Reply {
  const page = ctx.query.has('page') ? Number(ctx.query.get('page')) : 1;
  const size = ctx.query.has('page_size') ? Number(ctx.query.get('page_size')) : DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(page) || page < 1) throw badRequest('page must be a whole number from 1');
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw badRequest(`page_size must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  const totalPages = Math.max(1, Math.ceil(items.length / size));
  return {
    status: 200,
    body: items.slice((page - 1) * size, page * size),
    headers: { page: String(page), 'per-page': String(size), total: String(items.length), 'total-pages': String(totalPages) },
  };
}

export const me: V2Handler = (ctx) => ok(presentMe(ctx.user, homeAccountId(ctx.world, ctx.user.id)));

export const teams: V2Handler = (ctx) => {
  const record = account(ctx, ctx.params.account_id!);
  return paged(ctx, ctx.world.store.list('workspace', record.id).map(presentTeam));
};

export const projects: V2Handler = (ctx) => {
  const record = team(ctx, ctx.params.team_id!);
  const shown = ctx.world.store.list('project', record.id).filter((p) => visible(ctx, p));
  return paged(ctx, shown.map(presentProject));
};

export const showAsset: V2Handler = (ctx) => ok(presentAsset(ctx.world, asset(ctx, ctx.params.asset_id!)));

/** A folder's contents in creation order; a version stack's versions newest first. */
export const children: V2Handler = (ctx) => {
  const parent = asset(ctx, ctx.params.asset_id!);
  if (parent.type === 'file') return paged(ctx, []);
  const items = parent.type === 'version_stack' ? stackVersions(ctx.world, parent.id).reverse() : ctx.world.store.list('asset', parent.id);
  return paged(ctx, items.map((a) => presentAsset(ctx.world, a)));
};
