// Shared by the download benchmarks: a large file put into a sandbox running in its own process
// (sparse on this side, real bytes in the sandbox's store), and the environment `slate` runs in.
import { closeSync, ftruncateSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import { openDatabase } from '../../main/core/db.ts';
import { TransferEngine } from '../../main/core/transfers/engine.ts';
import type { SandboxProcess } from './_upload-support.ts';

/** Uploads `size` bytes as `name` into the sandbox's root folder and returns the Frame.io file id. */
export async function putLargeFile(sandbox: SandboxProcess, dir: string, name: string, size: number): Promise<string> {
  const source = join(dir, name);
  const fd = openSync(source, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
  const client = new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) });
  const api = new AccountApi(client, sandbox.accountId);
  const transfers = new TransferEngine({ client, db: openDatabase(':memory:') });
  try {
    const job = await transfers.settled((await transfers.upload({ accountId: sandbox.accountId, folderId: sandbox.rootFolderId, paths: [source] })).id);
    if (job.state !== 'done') throw new Error(`putting ${name} into the sandbox ended ${job.state}: ${job.error}`);
  } finally {
    await transfers.close();
    rmSync(source, { force: true });
  }
  for await (const asset of api.listChildren(sandbox.rootFolderId)) if (asset.name === name) return asset.id;
  throw new Error(`${name} is not in the sandbox's root folder after its upload`);
}

/** The file's `media_links.original` download URL, as `slate download` asks for it. */
export async function originalUrl(sandbox: SandboxProcess, fileId: string): Promise<string> {
  const api = new AccountApi(new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) }), sandbox.accountId);
  const url = (await api.showFile(fileId, 'media_links.original')).media_links?.original?.download_url;
  if (!url) throw new Error(`the sandbox gave no original download URL for ${fileId}`);
  return new URL(url, sandbox.url).href;
}

export function slateEnv(sandbox: SandboxProcess, dataDir: string): NodeJS.ProcessEnv {
  return { SLATE_API_URL: sandbox.url, SLATE_TOKEN: sandbox.token, SLATE_ACCOUNT_ID: sandbox.accountId, SLATE_DATA_DIR: dataDir };
}

export const round2 = (v: number): number => Math.round(v * 100) / 100;
export const range = (list: number[]): number[] => [Math.min(...list), Math.max(...list)].map(round2);
export function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
