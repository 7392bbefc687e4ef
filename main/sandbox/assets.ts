// Operations on the asset tree that several handlers share: walking, deleting and copying a
// folder or version stack together with everything inside it.
import { randomUUID } from 'node:crypto';
import type { AssetRecord, FileRecord, FolderRecord, VersionStackRecord } from './store/records.ts';
import type { World } from './world.ts';

export function children(world: World, parentId: string): AssetRecord[] {
  return world.store.list('asset', parentId);
}

/** Whether `candidate` is `ancestor` or lies somewhere below it. */
export function isWithin(world: World, candidate: AssetRecord, ancestorId: string): boolean {
  for (let current: AssetRecord | undefined = candidate; current; current = current.parent_id ? world.store.get('asset', current.parent_id) : undefined) {
    if (current.id === ancestorId) return true;
  }
  return false;
}

/** Deletes an asset and everything below it, with their comments. Returns the deleted ids. */
export function deleteTree(world: World, asset: AssetRecord): string[] {
  const deleted: string[] = [];
  const visit = (node: AssetRecord) => {
    for (const child of children(world, node.id)) visit(child);
    for (const comment of world.store.list('comment', node.id)) world.store.delete(comment.id);
    world.store.delete(node.id);
    deleted.push(node.id);
  };
  world.store.transaction(() => visit(asset));
  return deleted;
}

export interface CopyOptions {
  creatorId: string;
  copyMetadata: boolean;
}

/** Copies an asset (and its contents) under `parent`. File bytes are shared, never duplicated. */
export function copyTree(world: World, asset: AssetRecord, parent: FolderRecord | VersionStackRecord, options: CopyOptions): AssetRecord {
  const now = world.now().toISOString();
  const copyOne = (node: AssetRecord, parentId: string, projectId: string): AssetRecord => {
    const base = { id: randomUUID(), parent_id: parentId, project_id: projectId, creator_id: options.creatorId, created_at: now, updated_at: now };
    const copy: AssetRecord =
      node.type === 'file'
        ? ({ ...node, ...base, metadata: options.copyMetadata ? node.metadata : {} } satisfies FileRecord)
        : node.type === 'folder'
          ? { ...node, ...base, cover_file_id: null }
          : { ...node, ...base };
    world.store.put('asset', copy);
    for (const child of children(world, node.id)) copyOne(child, copy.id, projectId);
    return copy;
  };
  return world.store.transaction(() => copyOne(asset, parent.id, parent.project_id));
}

/** Tells the workspace's webhooks about a change to an asset. */
export function emitAssetEvent(world: World, asset: AssetRecord, type: string, userId: string): void {
  const project = world.store.get('project', asset.project_id);
  if (!project) return;
  world.events.emit({ type, accountId: asset.account_id, workspaceId: project.workspace_id, projectId: project.id, resource: { id: asset.id, type: asset.type }, userId });
}
