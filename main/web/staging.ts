// Files dropped into a browser reach the agent's disk here, streamed, keeping their folder
// structure, before the transfer engine uploads them like any local file. The staged copies are
// the person's choice, so they are registered as chosen paths; staged-copies.ts deletes them once
// they are uploaded or given up.
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isBatchName } from './staging-guard.ts';

/** Disks count a name's length in bytes, not characters: 200 "é" are 400. */
const MAX_NAME_BYTES = 255;

/**
 * `a/b/c.mov` as safe path segments, or why it cannot be staged. Names are kept in NFC: macOS
 * browsers give decomposed (NFD) names, and one file must not be staged twice under two spellings.
 */
export function stagedSegments(relative: string): { segments: string[] } | { error: string } {
  const segments = relative.normalize('NFC').split('/');
  const escapes = (s: string) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0');
  if (segments.length > 64 || segments.some(escapes)) return { error: 'The file name or folder path cannot be used; rename it and drop it again.' };
  const long = segments.find((s) => Buffer.byteLength(s) > MAX_NAME_BYTES);
  if (long !== undefined) {
    return { error: `The name "${long}" is ${Buffer.byteLength(long)} bytes long, and names on the agent’s disk are limited to ${MAX_NAME_BYTES}; shorten it and drop it again.` };
  }
  return { segments };
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function stageUpload(stagingDir: string, req: IncomingMessage, res: ServerResponse, choose: (root: string) => void): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://agent');
  const batch = url.searchParams.get('batch') ?? '';
  const named = stagedSegments(url.searchParams.get('path') ?? '');
  if (req.method !== 'POST') return reply(res, 405, { error: 'Files are staged with POST.' });
  if (!isBatchName(batch)) return reply(res, 400, { error: 'The file name or folder path cannot be used; rename it and drop it again.' });
  if ('error' in named) return reply(res, 400, { error: named.error });
  const { segments } = named;

  const target = join(stagingDir, batch, ...segments);
  try {
    // Private like the rest of the data folder: the person's media, before it is uploaded.
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    await pipeline(req, createWriteStream(target, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A half-written copy must not pass for the file on a retry.
    if (code !== 'EEXIST') await rm(target, { force: true });
    const message =
      code === 'ENOSPC'
        ? 'The agent’s disk is full; free some space on it and drop the files again.'
        : code === 'EEXIST'
          ? 'That file was already dropped in this batch.'
          : `The agent could not store the file (${code ?? 'connection closed'}); drop it again.`;
    if (!res.headersSent) reply(res, code === 'ENOSPC' ? 507 : code === 'EEXIST' ? 409 : 500, { error: message });
    return;
  }
  const root = join(stagingDir, batch, segments[0]!);
  choose(root);
  reply(res, 201, { root });
}
