// What a download brings home, worked out from Frame.io before the first byte: a file, a folder
// with its whole tree, a version stack (its newest version, or every version with v1, v2…
// suffixes), or a share's assets in a folder named after the share, its shared folders as trees. Every file gets its local path here, its name made safe for the disk, so a resumed
// job writes exactly where the first run meant to.
import { extname, join } from 'node:path';
import { ApiError } from '../../api/errors.ts';
import type { AccountApi, ShareSummary } from '../../api/resources.ts';
import type { FrameioFile, VersionStack } from '../../api/types.ts';
import { shareTree, type ShareNode } from '../../shares/share-tree.ts';
import { FileFailure } from '../errors.ts';
import type { NewFile } from '../journal.ts';
import { safeName } from './safe-names.ts';

export interface DownloadPlan {
  /** what the person asked for, named as Frame.io names it */
  label: string;
  files: NewFile[];
  /** every local folder of the tree, '' for the top, empty ones included */
  folders: string[];
}

type Found = { type: 'file'; file: FrameioFile } | { type: 'folder'; name: string } | { type: 'version_stack'; stack: VersionStack } | { type: 'share'; share: ShareSummary };

export async function planDownload(api: AccountApi, assetId: string, to: string, allVersions: boolean, signal?: AbortSignal): Promise<DownloadPlan> {
  const found = await findAsset(api, assetId, signal);
  const plan: DownloadPlan = { label: '', files: [], folders: [''] };
  const taken = new Set<string>();
  const add = (file: FrameioFile, relDir: string, localName: string) => {
    // Frame.io lets two files of one folder (or two shared from different folders) share a name;
    // on the disk the later one sits beside as `name (2)`.
    let source = join(to, relDir, localName);
    for (let n = 2; taken.has(source); n++) source = join(to, relDir, beside(localName, n));
    taken.add(source);
    plan.files.push({ source, relDir, name: file.name, size: file.file_size, mtimeMs: Date.parse(file.created_at), remoteId: file.id });
  };
  const addStack = async (stack: VersionStack, relDir: string) => {
    if (!allVersions) {
      if (stack.head_version) add(stack.head_version, relDir, safeName(stack.head_version.name));
      return;
    }
    // Frame.io lists a stack's versions newest first.
    const versions = (await Array.fromAsync(api.listVersions(stack.id, signal))).reverse();
    versions.forEach((version, i) => add(version, relDir, safeName(versioned(version.name, i + 1))));
  };
  const walk = async (folderId: string, relDir: string): Promise<void> => {
    for await (const asset of api.listChildren(folderId, signal)) {
      if (asset.type === 'folder') {
        const sub = join(relDir, safeName(asset.name));
        plan.folders.push(sub);
        await walk(asset.id, sub);
      } else if (asset.type === 'version_stack') {
        await addStack(asset, relDir);
      } else {
        add(asset, relDir, safeName(asset.name));
      }
    }
  };

  const placeShared = async (node: ShareNode, relDir: string): Promise<void> => {
    const { asset } = node;
    if (asset.type === 'file') return add(asset, relDir, safeName(asset.name));
    if (asset.type === 'version_stack') {
      // Its versions, listed below it, come down as any stack's do: the head, or every version in order.
      // A listing that left out the head is asked for it.
      return addStack(asset.head_version === undefined ? await api.showVersionStack(asset.id, signal) : asset, relDir);
    }
    const sub = join(relDir, safeName(asset.name));
    plan.folders.push(sub);
    for (const child of node.children) await placeShared(child, sub);
  };

  if (found.type === 'share') {
    plan.label = found.share.name;
    const top = safeName(found.share.name);
    plan.folders.push(top);
    const members = shareTree(await Array.fromAsync(api.listShareAssets(assetId, signal)));
    for (const member of members) await placeShared(member, top);
  } else if (found.type === 'file') {
    plan.label = found.file.name;
    add(found.file, '', safeName(found.file.name));
  } else if (found.type === 'version_stack') {
    plan.label = found.stack.name;
    await addStack(found.stack, '');
  } else {
    plan.label = found.name;
    const top = safeName(found.name);
    plan.folders.push(top);
    await walk(assetId, top);
  }
  return plan;
}

/** `take.mov`, 2 → `take v2.mov` */
export function versioned(name: string, version: number): string {
  const extension = extname(name);
  return `${name.slice(0, name.length - extension.length)} v${version}${extension}`;
}

/** `take.mov`, 2 → `take (2).mov` */
function beside(name: string, n: number): string {
  const extension = extname(name);
  return `${name.slice(0, name.length - extension.length)} (${n})${extension}`;
}

/** Which kind of asset (or a share) an id names: Frame.io has one show call per kind. */
async function findAsset(api: AccountApi, assetId: string, signal?: AbortSignal): Promise<Found> {
  const attempts: Array<() => Promise<Found>> = [
    async () => ({ type: 'file', file: await api.showFile(assetId, undefined, signal) }),
    async () => ({ type: 'folder', name: (await api.showFolder(assetId, signal)).name }),
    async () => ({ type: 'version_stack', stack: await api.showVersionStack(assetId, signal) }),
    async () => ({ type: 'share', share: await api.showShare(assetId, signal) }),
  ];
  for (const attempt of attempts) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ApiError && (error.kind === 'not-found' || error.kind === 'bad-request' || error.kind === 'invalid'))) throw error;
    }
  }
  throw new FileFailure(`Frame.io has no file, folder, version stack or share ${assetId} that this sign-in can see.`, 'Check the id (`slate ls` lists file and folder ids) and the account.');
}
