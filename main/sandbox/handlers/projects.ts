import { randomUUID } from 'node:crypto';
import { account, memberId, project, workspace, writableAccount } from '../access.ts';
import { deleteTree } from '../assets.ts';
import { conflict } from '../http.ts';
import { parseIncludes, presentProject } from '../present.ts';
import type { ProjectRecord } from '../store/records.ts';
import { bodyData, listReply, noContent, ok, requireField, sortBy, stamp } from './common.ts';
import type { HandlerTable, RequestContext } from './types.ts';

function assertUniqueName(ctx: RequestContext, workspaceId: string, name: string, exceptId?: string): void {
  if (ctx.world.store.list('project', workspaceId).some((p) => p.name === name && p.id !== exceptId)) {
    throw conflict(`A project named "${name}" already exists in this workspace`, '/data/name');
  }
}

/** A project and its root folder, created together as Frame.io does. */
export function createProject(ctx: Pick<RequestContext, 'world'>, input: { accountId: string; workspaceId: string; name: string; restricted: boolean; ownerId: string }): ProjectRecord {
  const now = ctx.world.now().toISOString();
  const projectId = randomUUID();
  const rootId = randomUUID();
  return ctx.world.store.transaction(() => {
    ctx.world.store.put('asset', { id: rootId, type: 'folder', account_id: input.accountId, project_id: projectId, parent_id: null, name: 'root', creator_id: input.ownerId, created_at: now, updated_at: now, cover_file_id: null });
    ctx.world.store.put('project_member', { id: memberId(projectId, input.ownerId), scope_id: projectId, user_id: input.ownerId, role: 'full_access' });
    return ctx.world.store.put('project', {
      id: projectId,
      account_id: input.accountId,
      workspace_id: input.workspaceId,
      name: input.name,
      description: null,
      restricted: input.restricted,
      status: 'active',
      root_folder_id: rootId,
      owner_id: input.ownerId,
      created_at: now,
      updated_at: now,
    });
  });
}

export const projectHandlers: HandlerTable = {
  'projects.index': (ctx) => {
    const access = account(ctx);
    const ws = workspace(ctx, ctx.params.workspace_id!, access.account.id);
    const includes = parseIncludes(ctx.query);
    const visible = ctx.world.store.list('project', ws.id).filter((p) => {
      try {
        return project(ctx, p.id, access) !== undefined;
      } catch {
        return false;
      }
    });
    const items = sortBy(visible, ctx.query.get('sort'), 'created_at_asc', { name: (p) => p.name, created_at: (p) => p.created_at });
    return listReply(ctx, items.map((p) => presentProject(ctx.world, p, includes)));
  },

  'projects.show': (ctx) => ok(presentProject(ctx.world, project(ctx, ctx.params.project_id!), parseIncludes(ctx.query))),

  'projects.create': (ctx) => {
    const access = writableAccount(ctx);
    const ws = workspace(ctx, ctx.params.workspace_id!, access.account.id);
    const data = bodyData<{ name?: string; restricted?: boolean }>(ctx);
    const name = requireField(data.name, 'name');
    assertUniqueName(ctx, ws.id, name);
    const record = createProject(ctx, { accountId: access.account.id, workspaceId: ws.id, name, restricted: data.restricted ?? false, ownerId: ctx.user.id });
    ctx.world.events.emit({ type: 'project.created', accountId: access.account.id, workspaceId: ws.id, projectId: record.id, resource: { id: record.id, type: 'project' }, userId: ctx.user.id });
    return ok(presentProject(ctx.world, record), 201);
  },

  'projects.update': (ctx) => {
    const access = writableAccount(ctx);
    const record = project(ctx, ctx.params.project_id!, access);
    const data = bodyData<{ name?: string; restricted?: boolean; status?: 'active' | 'inactive' }>(ctx);
    if (data.name !== undefined) assertUniqueName(ctx, record.workspace_id, data.name, record.id);
    const updated = ctx.world.store.put('project', {
      ...record,
      name: data.name ?? record.name,
      restricted: data.restricted ?? record.restricted,
      status: data.status ?? record.status,
      updated_at: stamp(ctx),
    });
    ctx.world.events.emit({ type: 'project.updated', accountId: access.account.id, workspaceId: record.workspace_id, projectId: record.id, resource: { id: record.id, type: 'project' }, userId: ctx.user.id });
    return ok(presentProject(ctx.world, updated));
  },

  'projects.delete': (ctx) => {
    const access = writableAccount(ctx);
    const record = project(ctx, ctx.params.project_id!, access);
    const root = ctx.world.store.get('asset', record.root_folder_id);
    if (root) deleteTree(ctx.world, root);
    for (const share of ctx.world.store.list('share', record.id)) ctx.world.store.delete(share.id);
    ctx.world.store.delete(record.id);
    ctx.world.events.emit({ type: 'project.deleted', accountId: access.account.id, workspaceId: record.workspace_id, projectId: record.id, resource: { id: record.id, type: 'project' }, userId: ctx.user.id });
    return noContent;
  },
};
