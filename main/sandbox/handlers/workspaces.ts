import { randomUUID } from 'node:crypto';
import { account, adminAccount, memberId, workspace, writableAccount } from '../access.ts';
import { deleteTree } from '../assets.ts';
import { conflict } from '../http.ts';
import { parseIncludes, presentWorkspace } from '../present.ts';
import type { RequestContext } from './types.ts';
import { bodyData, listReply, noContent, ok, requireField, sortBy, stamp } from './common.ts';
import type { HandlerTable } from './types.ts';

function assertUniqueName(ctx: RequestContext, accountId: string, name: string, exceptId?: string): void {
  if (ctx.world.store.list('workspace', accountId).some((w) => w.name === name && w.id !== exceptId)) {
    throw conflict(`A workspace named "${name}" already exists in this account`, '/data/name');
  }
}

export const workspaceHandlers: HandlerTable = {
  'workspaces.index': (ctx) => {
    const { account: acc } = account(ctx);
    const includes = parseIncludes(ctx.query);
    const items = sortBy(ctx.world.store.list('workspace', acc.id), ctx.query.get('sort'), 'created_at_asc', { name: (w) => w.name, created_at: (w) => w.created_at });
    return listReply(ctx, items.map((w) => presentWorkspace(ctx.world, w, includes)));
  },

  'workspaces.show': (ctx) => ok(presentWorkspace(ctx.world, workspace(ctx, ctx.params.workspace_id!), parseIncludes(ctx.query))),

  'workspaces.create': (ctx) => {
    const { account: acc } = writableAccount(ctx);
    const name = requireField(bodyData<{ name?: string }>(ctx).name, 'name');
    assertUniqueName(ctx, acc.id, name);
    const now = stamp(ctx);
    const record = ctx.world.store.put('workspace', { id: randomUUID(), account_id: acc.id, name, image: null, creator_id: ctx.user.id, created_at: now, updated_at: now });
    ctx.world.store.put('workspace_member', { id: memberId(record.id, ctx.user.id), scope_id: record.id, user_id: ctx.user.id, role: 'workspace_admin' });
    return ok(presentWorkspace(ctx.world, record), 201);
  },

  'workspaces.update': (ctx) => {
    const access = writableAccount(ctx);
    const record = workspace(ctx, ctx.params.workspace_id!, access.account.id);
    const { name } = bodyData<{ name?: string }>(ctx);
    if (name !== undefined) assertUniqueName(ctx, access.account.id, name, record.id);
    const updated = ctx.world.store.put('workspace', { ...record, name: name ?? record.name, updated_at: stamp(ctx) });
    return ok(presentWorkspace(ctx.world, updated));
  },

  'workspaces.delete': (ctx) => {
    const access = adminAccount(ctx);
    const record = workspace(ctx, ctx.params.workspace_id!, access.account.id);
    for (const project of ctx.world.store.list('project', record.id)) {
      const root = ctx.world.store.get('asset', project.root_folder_id);
      if (root) deleteTree(ctx.world, root);
      ctx.world.store.delete(project.id);
    }
    for (const webhook of ctx.world.store.list('webhook', record.id)) ctx.world.store.delete(webhook.id);
    ctx.world.store.delete(record.id);
    return noContent;
  },
};
