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

/** `a/b/c.mov` as safe path segments, or undefined when any segment could escape the batch folder. */
export function safeSegments(relative: string): string[] | undefined {
  const segments = relative.split('/');
  const bad = (s: string) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0') || s.length > 255;
  return segments.length === 0 || segments.length > 64 || segments.some(bad) ? undefined : segments;
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function stageUpload(stagingDir: string, req: IncomingMessage, res: ServerResponse, choose: (root: string) => void): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://agent');
  const batch = url.searchParams.get('batch') ?? '';
  const segments = safeSegments(url.searchParams.get('path') ?? '');
  if (req.method !== 'POST') return reply(res, 405, { error: 'Files are staged with POST.' });
  if (!isBatchName(batch) || !segments) return reply(res, 400, { error: 'The file name or folder path cannot be used; rename it and drop it again.' });

  const target = join(stagingDir, batch, ...segments);
  try {
    await mkdir(dirname(target), { recursive: true });
    await pipeline(req, createWriteStream(target, { flags: 'wx' }));
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
    if (!res.headersSent) reply(res, code === 'ENOSPC' ? 507 : 500, { error: message });
    return;
  }
  const root = join(stagingDir, batch, segments[0]!);
  choose(root);
  reply(res, 201, { root });
}
