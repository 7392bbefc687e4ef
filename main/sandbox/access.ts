// Who may see and change what. Membership of the account is the door: outsiders get 403 on
// anything inside it; reviewers may read and comment but not change assets; owners and admins
// alone manage people. A record from another account is answered as missing (404), never leaked.
import { forbidden, notFound } from './http.ts';
import type { AccountRecord, AccountRole, AssetRecord, FileRecord, FolderRecord, ProjectRecord, VersionStackRecord, WorkspaceRecord } from './store/records.ts';
import type { RequestContext } from './handlers/types.ts';

export interface AccountAccess {
  account: AccountRecord;
  role: AccountRole;
}

export const memberId = (scopeId: string, userId: string) => `${scopeId}:${userId}`;

export function account(ctx: RequestContext): AccountAccess {
  const id = ctx.params.account_id ?? '';
  const record = ctx.world.store.get('account', id);
  if (!record) throw notFound(`Account ${id} not found`);
  const member = ctx.world.store.get('account_member', memberId(id, ctx.user.id));
  if (!member) throw forbidden('You are not a member of this account');
  return { account: record, role: member.role as AccountRole };
}

/** The account, for a caller allowed to change its contents (not a reviewer). */
export function writableAccount(ctx: RequestContext): AccountAccess {
  const access = account(ctx);
  if (access.role === 'reviewer') throw forbidden('Reviewers cannot change assets in this account');
  return access;
}

export function adminAccount(ctx: RequestContext): AccountAccess {
  const access = account(ctx);
  if (access.role !== 'owner' && access.role !== 'admin') throw forbidden('Only account owners and admins can do this');
  return access;
}

export function workspace(ctx: RequestContext, id: string, accountId = account(ctx).account.id): WorkspaceRecord {
  const record = ctx.world.store.get('workspace', id);
  if (!record || record.account_id !== accountId) throw notFound(`Workspace ${id} not found`);
  return record;
}

export function project(ctx: RequestContext, id: string, access = account(ctx)): ProjectRecord {
  const record = ctx.world.store.get('project', id);
  if (!record || record.account_id !== access.account.id) throw notFound(`Project ${id} not found`);
  // A restricted project is visible to its own members and to account owners and admins.
  if (record.restricted && access.role !== 'owner' && access.role !== 'admin' && !ctx.world.store.get('project_member', memberId(record.id, ctx.user.id))) {
    throw forbidden('This project is restricted to its members');
  }
  return record;
}

const LABEL = { file: 'File', folder: 'Folder', version_stack: 'Version stack' } as const;

export function asset(ctx: RequestContext, id: string, access = account(ctx)): AssetRecord {
  const record = ctx.world.store.get('asset', id);
  if (!record || record.account_id !== access.account.id) throw notFound(`Asset ${id} not found`);
  project(ctx, record.project_id, access);
  return record;
}

function typed<T extends AssetRecord['type']>(ctx: RequestContext, id: string, type: T, access: AccountAccess): Extract<AssetRecord, { type: T }> {
  const record = ctx.world.store.get('asset', id);
  if (!record || record.account_id !== access.account.id || record.type !== type) throw notFound(`${LABEL[type]} ${id} not found`);
  project(ctx, record.project_id, access);
  return record as Extract<AssetRecord, { type: T }>;
}

export const file = (ctx: RequestContext, id: string, access = account(ctx)): FileRecord => typed(ctx, id, 'file', access);
export const folder = (ctx: RequestContext, id: string, access = account(ctx)): FolderRecord => typed(ctx, id, 'folder', access);
export const versionStack = (ctx: RequestContext, id: string, access = account(ctx)): VersionStackRecord => typed(ctx, id, 'version_stack', access);
