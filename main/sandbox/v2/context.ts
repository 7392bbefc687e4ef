// What a V2 handler is given, and how it finds the records a V2 path names. V2 paths carry no
// account id: an asset, team or project is found by its id and then checked against the caller's
// memberships, and one the caller may not see is answered as missing, as V4 does across accounts.
import { memberId } from '../access.ts';
import type { AccountRecord, AssetRecord, FileRecord, ProjectRecord, UserRecord, WorkspaceRecord } from '../store/records.ts';
import type { World } from '../world.ts';
import { badRequest, forbidden, notFound } from './errors.ts';

export interface V2Context {
  world: World;
  user: UserRecord;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export interface V2Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type V2Handler = (ctx: V2Context) => V2Reply | Promise<V2Reply>;

export const ok = (body: unknown, status = 200): V2Reply => ({ status, body });

function role(ctx: V2Context, accountId: string): string | undefined {
  return ctx.world.store.get('account_member', memberId(accountId, ctx.user.id))?.role;
}

export function account(ctx: V2Context, id: string): AccountRecord {
  const record = ctx.world.store.get('account', id);
  if (!record || !role(ctx, id)) throw notFound(`Account ${id} not found`);
  return record;
}

export function team(ctx: V2Context, id: string): WorkspaceRecord {
  const record = ctx.world.store.get('workspace', id);
  if (!record || !role(ctx, record.account_id)) throw notFound(`Team ${id} not found`);
  return record;
}

/** Whether the caller sees the project: restricted ones only to their members and the account's owners and admins. */
export function visible(ctx: V2Context, project: ProjectRecord): boolean {
  const accountRole = role(ctx, project.account_id);
  if (!accountRole) return false;
  if (!project.restricted || accountRole === 'owner' || accountRole === 'admin') return true;
  return ctx.world.store.get('project_member', memberId(project.id, ctx.user.id)) !== undefined;
}

export function asset(ctx: V2Context, id: string): AssetRecord {
  const record = ctx.world.store.get('asset', id);
  const project = record ? ctx.world.store.get('project', record.project_id) : undefined;
  if (!record || !project || !visible(ctx, project)) throw notFound(`Asset ${id} not found`);
  return record;
}

export function file(ctx: V2Context, id: string): FileRecord {
  const record = asset(ctx, id);
  if (record.type !== 'file') throw notFound(`Asset ${id} is a ${record.type}, not a file`);
  return record;
}

/** The asset, for a caller allowed to change it (reviewers may not). */
export function writableAsset(ctx: V2Context, id: string): AssetRecord {
  const record = asset(ctx, id);
  if (role(ctx, record.account_id) === 'reviewer') throw forbidden('Reviewers cannot change assets in this account');
  return record;
}

/** The account a user's `/v2/me` names: the one they own, else the first they belong to. */
export function homeAccountId(world: World, userId: string): string | null {
  const memberships = world.store.list('account_member').filter((m) => m.user_id === userId);
  return (memberships.find((m) => m.role === 'owner') ?? memberships[0])?.scope_id ?? null;
}

export function requireObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object');
  return body as Record<string, unknown>;
}
