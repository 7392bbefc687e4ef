// One look through a followed folder tree: every folder listed once (its sub-folders, files and
// version stacks, three calls on a paced turn), and what is new since the follow last looked: files
// it has not queued, and stacks whose newest version changed, told folder by folder as each is
// listed, so what is new can come down before the look has been everywhere. Nothing on the disk is
// read here.
import { join } from 'node:path';
import { ApiError } from '../api/errors.ts';
import type { AccountApi } from '../api/resources.ts';
import type { FrameioFile, VersionStack } from '../api/types.ts';
import { versioned } from '../transfers/download/plan.ts';
import { safeName } from '../transfers/download/safe-names.ts';
import type { SeenStack, VersionsPolicy } from './journal.ts';
import type { FolderPace } from './pace.ts';

/** Folders listed at once: enough to keep the pace's turns taken while answers are on their way. */
const LISTING_AT_ONCE = 4;

export interface Found {
  file: FrameioFile;
  /** where it comes down, relative to the follow's folder */
  relPath: string;
  /** a newer version taking the place of the stack's file on the disk */
  replaces: boolean;
}

/** What one folder's listing found. */
export interface Listed {
  /** the local folder, relative to the follow's folder */
  relDir: string;
  found: Found[];
  /** stacks whose newest version this look saw for the first time */
  stacks: Map<string, SeenStack>;
}

export interface PassInput {
  api: AccountApi;
  folderId: string;
  /** the top local folder, relative to the follow's folder */
  top: string;
  versions: VersionsPolicy;
  queued: Set<string>;
  stacks: Map<string, SeenStack>;
  /** where a file this follow queued before went on the disk */
  pathOf: (remoteId: string) => string | undefined;
  pace: FolderPace;
  signal?: AbortSignal;
  /** each folder as it is listed */
  listed(folder: Listed): void;
}

/** Looks through the whole tree; resolves with how many folders it listed. */
export async function lookThrough(input: PassInput): Promise<number> {
  let count = 0;
  const pending: Array<{ id: string; relDir: string; top: boolean }> = [{ id: input.folderId, relDir: input.top, top: true }];
  const visit = async (folder: (typeof pending)[number]) => {
    await input.pace.turn(input.signal);
    let listed;
    try {
      listed = await Promise.all([
        Array.fromAsync(input.api.listFolders(folder.id, input.signal)),
        Array.fromAsync(input.api.listFiles(folder.id, input.signal)),
        Array.fromAsync(input.api.listVersionStacks(folder.id, input.signal)),
      ]);
    } catch (error) {
      // A sub-folder deleted while the pass went on is simply gone; the followed folder itself is not.
      if (!folder.top && error instanceof ApiError && error.kind === 'not-found') return;
      throw error;
    }
    const [folders, files, stacks] = listed;
    const here: Listed = { relDir: folder.relDir, found: [], stacks: new Map() };
    for (const sub of folders) pending.push({ id: sub.id, relDir: join(folder.relDir, safeName(sub.name)), top: false });
    for (const file of files) {
      if (complete(file) && !input.queued.has(file.id)) here.found.push({ file, relPath: join(folder.relDir, safeName(file.name)), replaces: false });
    }
    for (const stack of stacks) await lookAtStack(input, here, stack, folder.relDir);
    count++;
    input.listed(here);
  };

  const running = new Set<Promise<void>>();
  while (pending.length > 0 || running.size > 0) {
    while (pending.length > 0 && running.size < LISTING_AT_ONCE) {
      const work: Promise<void> = visit(pending.shift()!).finally(() => running.delete(work));
      running.add(work);
    }
    await Promise.race(running);
  }
  return count;
}

async function lookAtStack(input: PassInput, pass: Listed, stack: VersionStack, relDir: string): Promise<void> {
  const head = stack.head_version;
  const seen = input.stacks.get(stack.id);
  if (!head || seen?.headId === head.id || !complete(head)) return;
  if (input.versions === 'replace') {
    // A file queued before it was stacked keeps its place: the stack's newer versions replace it.
    const inherited = seen?.relPath ?? (input.queued.size > 0 ? await placeOfEarlierVersion(input, stack) : undefined);
    const relPath = inherited ?? join(relDir, safeName(head.name));
    if (!input.queued.has(head.id)) pass.found.push({ file: head, relPath, replaces: inherited !== undefined });
    pass.stacks.set(stack.id, { headId: head.id, relPath });
    return;
  }
  // Frame.io lists a stack's versions newest first.
  const versions = (await Array.fromAsync(input.api.listVersions(stack.id, input.signal))).reverse();
  // A version still uploading is left for a later pass, which sees the head as new again.
  if (!versions.every(complete)) return;
  versions.forEach((version, i) => {
    if (!input.queued.has(version.id)) pass.found.push({ file: version, relPath: join(relDir, safeName(versioned(version.name, i + 1))), replaces: false });
  });
  pass.stacks.set(stack.id, { headId: head.id, relPath: join(relDir, safeName(versioned(head.name, versions.length))) });
}

async function placeOfEarlierVersion(input: PassInput, stack: VersionStack): Promise<string | undefined> {
  for await (const version of input.api.listVersions(stack.id, input.signal)) {
    const path = input.pathOf(version.id);
    if (path !== undefined) return path;
  }
  return undefined;
}

/** A file whose upload has finished: it has an original to download. */
function complete(file: FrameioFile): boolean {
  return file.status !== 'created';
}
