// Serves the built renderer. Only files under its folder, only GET/HEAD, with the same strict
// Content-Security-Policy the desktop window uses.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

// connect-src admits the media origins img-src and media-src already do: the PDF viewer (pdf.js)
// fetches a document's bytes rather than handing its URL to an element. Its worker is a built
// file of this origin, which script-src 'self' already allows (worker-src falls back to it).
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: http: https:; media-src 'self' blob: http: https:; connect-src 'self' ws: wss: http: https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://agent').pathname);
  } catch {
    // A bad %-escape names no file; say so rather than fail.
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('That address is not a valid path. Open the agent’s address as it was printed.');
    return;
  }
  const relative = normalize(pathname === '/' ? 'index.html' : pathname.slice(1));
  const file = join(root, relative);
  if (!file.startsWith(root + sep)) {
    res.writeHead(404).end();
    return;
  }
  const info = await stat(file).catch(() => undefined);
  // Unknown paths fall back to the app shell, so a reload on any screen works.
  const target = info?.isFile() ? file : join(root, 'index.html');
  const size = info?.isFile() ? info.size : (await stat(target)).size;
  res.writeHead(200, {
    'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
    'content-length': size,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': target.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(target).pipe(res);
}
