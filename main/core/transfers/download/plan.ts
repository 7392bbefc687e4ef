// What a download brings home, worked out from Frame.io before the first byte: a file, a folder
// with its whole tree, or a version stack (its newest version, or every version with v1, v2…
// suffixes). Every file gets its local path here, its name made safe for the disk, so a resumed
// job writes exactly where the first run meant to.
import { extname, join } from 'node:path';
import { ApiError } from '../../api/errors.ts';
import type { AccountApi } from '../../api/resources.ts';
import type { FrameioFile, VersionStack } from '../../api/types.ts';
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

type Found = { type: 'file'; file: FrameioFile } | { type: 'folder'; name: string } | { type: 'version_stack'; stack: VersionStack };

export async function planDownload(api: AccountApi, assetId: string, to: string, allVersions: boolean, signal?: AbortSignal): Promise<DownloadPlan> {
  const found = await findAsset(api, assetId, signal);
  const plan: DownloadPlan = { label: '', files: [], folders: [''] };
  const add = (file: FrameioFile, relDir: string, localName: string) => {
    plan.files.push({ source: join(to, relDir, localName), relDir, name: file.name, size: file.file_size, mtimeMs: Date.parse(file.created_at), remoteId: file.id });
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

  if (found.type === 'file') {
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

/** Which kind of asset an id names: Frame.io has one show call per kind. */
async function findAsset(api: AccountApi, assetId: string, signal?: AbortSignal): Promise<Found> {
  const attempts: Array<() => Promise<Found>> = [
    async () => ({ type: 'file', file: await api.showFile(assetId, undefined, signal) }),
    async () => ({ type: 'folder', name: (await api.showFolder(assetId, signal)).name }),
    async () => ({ type: 'version_stack', stack: await api.showVersionStack(assetId, signal) }),
  ];
  for (const attempt of attempts) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ApiError && (error.kind === 'not-found' || error.kind === 'bad-request' || error.kind === 'invalid'))) throw error;
    }
  }
  throw new FileFailure(`Frame.io has no file, folder or version stack ${assetId} that this sign-in can see.`, 'Check the id (`slate ls` lists them) and the account.');
}
