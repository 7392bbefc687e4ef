// Seeds a fresh sandbox. `minimal` is one user in one account with a workspace and an empty
// project to upload into, the starting point of most tests; `demo` adds what a new user explores
// before signing in (see seed-demo.ts) and a second person, so permission checks have someone to
// refuse.
import { randomUUID } from 'node:crypto';
import { memberId } from './access.ts';
import { createProject } from './handlers/projects.ts';
import { ensureTechnicalFields } from './media/technical.ts';
import type { AccountRole, UserRecord } from './store/records.ts';
import type { World } from './world.ts';

export type SeedName = 'demo' | 'minimal';

export interface Seeded {
  token: string;
  accountId: string;
  userId: string;
  workspaceId: string;
  projectId: string;
  rootFolderId: string;
  /** the demo's folder of playable media with comments, where Slate's first run opens */
  demo?: { accountId: string; workspaceId: string; projectId: string; folderIds: string[] };
}

export function addUser(world: World, name: string, email: string): UserRecord {
  return world.store.put('user', { id: randomUUID(), name, email, avatar_url: null });
}

export function addAccount(world: World, displayName: string, createdAt: string): string {
  const id = randomUUID();
  world.store.put('account', { id, display_name: displayName, adobe_id: null, image: null, storage_limit: null, storage_usage: 0, created_at: createdAt, updated_at: createdAt, v4_migrated_at: createdAt });
  ensureTechnicalFields(world, id);
  return id;
}

export function addAccountMember(world: World, accountId: string, userId: string, role: AccountRole): void {
  world.store.put('account_member', { id: memberId(accountId, userId), scope_id: accountId, user_id: userId, role });
}

export function addWorkspace(world: World, accountId: string, name: string, creatorId: string, createdAt: string): string {
  const id = randomUUID();
  world.store.put('workspace', { id, account_id: accountId, name, image: null, creator_id: creatorId, created_at: createdAt, updated_at: createdAt });
  world.store.put('workspace_member', { id: memberId(id, creatorId), scope_id: id, user_id: creatorId, role: 'workspace_admin' });
  return id;
}

export function seedMinimal(world: World, token?: string): Seeded {
  const user = addUser(world, 'Rosa Alvarez', 'rosa@northlight.example');
  const created = '2024-03-04T09:30:00.000Z';
  const accountId = addAccount(world, 'Northlight Pictures', created);
  addAccountMember(world, accountId, user.id, 'owner');
  const workspaceId = addWorkspace(world, accountId, 'Northlight', user.id, created);
  const project = createProject({ world }, { accountId, workspaceId, name: 'Sandbox', restricted: false, ownerId: user.id });
  return {
    token: world.store.issueToken(user.id, 'static', { token }),
    accountId,
    userId: user.id,
    workspaceId,
    projectId: project.id,
    rootFolderId: project.root_folder_id,
  };
}
