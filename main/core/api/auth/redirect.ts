// Where the browser comes back after consent. The CLI and web agent listen on a one-shot loopback
// server (RFC 8252 §7.3); the desktop app may use its registered protocol instead (main/electron).
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { SignInError } from './errors.ts';

export interface RedirectReceiver {
  readonly redirectUri: string;
  /** The first redirect that arrives; `answer` lets a loopback page tell the person how it went. */
  next(signal: AbortSignal): Promise<RedirectArrival>;
  close(): Promise<void>;
}

export interface RedirectArrival {
  url: URL;
  answer(outcome: { ok: boolean; message: string }): void;
}

/** Listens on 127.0.0.1 (port 0 picks a free one) for exactly one request to /callback. */
export async function loopbackReceiver(port = 0): Promise<RedirectReceiver> {
  let deliver: ((arrival: RedirectArrival) => void) | undefined;
  let arrived: RedirectArrival | undefined;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    // one shot: after the first callback, nothing else is listened to
    if (request.method !== 'GET' || url.pathname !== '/callback' || arrived) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const arrival: RedirectArrival = {
      url,
      answer: ({ ok, message }) => {
        response.writeHead(ok ? 200 : 400, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
        response.end(page(ok ? 'Signed in to Slate' : 'Slate sign-in failed', message));
      },
    };
    arrived = arrival;
    deliver?.(arrival);
  });
  // Browsers keep idle (even speculative) connections open; closing must not wait for them.
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    redirectUri: `http://127.0.0.1:${boundPort}/callback`,
    next(signal) {
      if (arrived) return Promise.resolve(arrived);
      return new Promise((resolve, reject) => {
        const onAbort = () => reject(abortReason(signal));
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        deliver = (arrival) => {
          signal.removeEventListener('abort', onAbort);
          resolve(arrival);
        };
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

export function abortReason(signal: AbortSignal): SignInError {
  return signal.reason instanceof SignInError ? signal.reason : new SignInError('cancelled', 'The sign-in was cancelled.');
}

function page(title: string, message: string): string {
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escape(title)}</title><body style="font-family:system-ui;margin:3em"><h1>${escape(title)}</h1><p>${escape(message)}</p></body>`;
}
