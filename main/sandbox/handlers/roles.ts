import { account, adminAccount, memberId, project, workspace } from '../access.ts';
import { conflict, notFound } from '../http.ts';
import { presentUser } from '../present.ts';
import type { MemberRecord } from '../store/records.ts';
import { bodyData, listReply, noContent, ok, sortBy } from './common.ts';
import type { HandlerTable, RequestContext } from './types.ts';

type MemberKind = 'account_member' | 'workspace_member' | 'project_member';

function listMembers(ctx: RequestContext, kind: MemberKind, scopeId: string) {
  const rows = ctx.world.store.list(kind, scopeId).flatMap((member) => {
    const user = ctx.world.store.get('user', member.user_id);
    return user ? [{ role: member.role, user }] : [];
  });
  const sorted = sortBy(rows, ctx.query.get('sort'), 'name_asc', { role: (r) => r.role, name: (r) => r.user.name, email: (r) => r.user.email });
  return listReply(ctx, sorted.map((r) => ({ role: r.role, user: presentUser(r.user) })));
}

/** Someone must already belong to the account before they can be given a role inside it. */
function accountUser(ctx: RequestContext, accountId: string): string {
  const userId = ctx.params.user_id!;
  if (!ctx.world.store.get('account_member', memberId(accountId, userId))) throw notFound(`User ${userId} is not a member of this account`);
  return userId;
}

function setRole(ctx: RequestContext, kind: MemberKind, scopeId: string, userId: string, role: string): MemberRecord {
  return ctx.world.store.put(kind, { id: memberId(scopeId, userId), scope_id: scopeId, user_id: userId, role });
}

function removeMember(ctx: RequestContext, kind: MemberKind, scopeId: string, userId: string): void {
  const id = memberId(scopeId, userId);
  if (!ctx.world.store.get(kind, id)) throw notFound(`User ${userId} has no role here`);
  ctx.world.store.delete(id);
}

export const roleHandlers: HandlerTable = {
  'account_user_roles.index': (ctx) => listMembers(ctx, 'account_member', account(ctx).account.id),

  'account_user_roles.update': (ctx) => {
    const access = adminAccount(ctx);
    const userId = accountUser(ctx, access.account.id);
    if (ctx.world.store.get('account_member', memberId(access.account.id, userId))?.role === 'owner') throw conflict('The account owner\'s role cannot be changed');
    const { role } = bodyData<{ role: string }>(ctx);
    setRole(ctx, 'account_member', access.account.id, userId, role);
    return ok({ role });
  },

  'workspace_user_roles.index': (ctx) => listMembers(ctx, 'workspace_member', workspace(ctx, ctx.params.workspace_id!).id),

  'workspace_user_roles.update': (ctx) => {
    const access = adminAccount(ctx);
    const ws = workspace(ctx, ctx.params.workspace_id!, access.account.id);
    const { role } = bodyData<{ role: string }>(ctx);
    setRole(ctx, 'workspace_member', ws.id, accountUser(ctx, access.account.id), role);
    return ok({ role });
  },

  'workspace_user_roles.delete': (ctx) => {
    const access = adminAccount(ctx);
    removeMember(ctx, 'workspace_member', workspace(ctx, ctx.params.workspace_id!, access.account.id).id, ctx.params.user_id!);
    return noContent;
  },

  'project_user_roles.index': (ctx) => listMembers(ctx, 'project_member', project(ctx, ctx.params.project_id!).id),

  'project_user_roles.update': (ctx) => {
    const access = adminAccount(ctx);
    const owner = project(ctx, ctx.params.project_id!, access);
    const { role } = bodyData<{ role: string }>(ctx);
    setRole(ctx, 'project_member', owner.id, accountUser(ctx, access.account.id), role);
    return ok({ role });
  },

  'project_permissions.delete': (ctx) => {
    const access = adminAccount(ctx);
    const owner = project(ctx, ctx.params.project_id!, access);
    if (owner.owner_id === ctx.params.user_id) throw conflict('The project owner cannot be removed from the project');
    removeMember(ctx, 'project_member', owner.id, ctx.params.user_id!);
    return noContent;
  },
};
