// Shared by the transfer and CLI tests: deterministic source trees, an engine wired to a sandbox,
// and a walk of what arrived in Frame.io, hashed from media_links.original.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FrameioClient, staticToken } from '../../main/core/api/client.ts';
import { AccountApi } from '../../main/core/api/resources.ts';
import type { FrameioFile } from '../../main/core/api/types.ts';
import { openDatabase } from '../../main/core/db.ts';
import { TransferEngine, type EngineOptions } from '../../main/core/transfers/engine.ts';
import type { CheckedSandbox } from '../support/sandbox.ts';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `slate-${prefix}-`));
}

/** Bytes that differ per file and per seed, so a misplaced part can never hash the same. */
export function content(seed: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(seed).digest();
  for (let offset = 0; offset < size; offset += block.length) {
    block.copy(out, offset);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

/** Writes files given as relative path → size under a fresh folder; returns its path. */
export function makeTree(files: Record<string, number>, root = tempDir('src')): string {
  for (const [rel, size] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content(rel, size));
  }
  return root;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function sha256File(path: string): string {
  return sha256(readFileSync(path));
}

export function clientFor(sandbox: CheckedSandbox): FrameioClient {
  return new FrameioClient({ baseUrl: sandbox.url, tokens: staticToken(sandbox.token) });
}

export function engineFor(sandbox: CheckedSandbox, options: Partial<EngineOptions> = {}, dataDir = ':memory:'): TransferEngine {
  return new TransferEngine({ client: clientFor(sandbox), db: openDatabase(dataDir), ...options });
}

export interface RemoteEntry {
  file: FrameioFile;
  sha256: string;
}

/** Every file under a Frame.io folder by relative path, each downloaded and hashed. */
export async function remoteTree(sandbox: CheckedSandbox, folderId: string, prefix = ''): Promise<Map<string, RemoteEntry[]>> {
  const api = new AccountApi(clientFor(sandbox), sandbox.accountId);
  const tree = new Map<string, RemoteEntry[]>();
  for await (const asset of api.listChildren(folderId)) {
    const path = prefix + asset.name;
    if (asset.type === 'folder') {
      for (const [sub, entries] of await remoteTree(sandbox, asset.id, `${path}/`)) tree.set(sub, [...(tree.get(sub) ?? []), ...entries]);
      continue;
    }
    const files = asset.type === 'file' ? [asset] : await Array.fromAsync(api.listVersions(asset.id));
    for (const listed of files) {
      const file = await api.showFile(listed.id, 'media_links.original');
      const url = file.media_links?.original?.download_url;
      if (!url) throw new Error(`${path} has no original to download (status ${file.status})`);
      const response = await fetch(new URL(url, sandbox.url));
      if (!response.ok) throw new Error(`downloading ${path}: HTTP ${response.status}`);
      const entry = { file, sha256: sha256(Buffer.from(await response.arrayBuffer())) };
      tree.set(path, [...(tree.get(path) ?? []), entry]);
    }
  }
  return tree;
}
