// The headless agent: serves the renderer to a browser and bridges it to the service over one
// WebSocket. It binds 127.0.0.1 unless told otherwise; every socket must present the per-run
// secret and come from a page the agent served (origins.ts).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve as absolute } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientFrameSchema, type ServerFrame } from '../../preload/contract.ts';
import { dispatch } from '../core/dispatch.ts';
import type { Service } from '../core/service.ts';
import type { TransferEngine } from '../core/transfers/engine.ts';
import { agentAddresses, type AgentAddresses } from './origins.ts';
import { StagedCopies } from './staged-copies.ts';
import { stageUpload } from './staging.ts';
import { serveStatic } from './static.ts';

export interface WebAgentOptions {
  service: Service;
  /** the service's engine, whose jobs tell when a staged copy is no longer needed */
  engine: TransferEngine;
  rendererDir: string;
  /** where files dropped into the browser are kept until they are uploaded */
  stagingDir: string;
  /** where a staged copy that could not be deleted is reported; standard error unless told */
  onWarning?: (message: string) => void;
  host?: string;
  port?: number;
  /** fixed secret for tests; otherwise a fresh one per run */
  secret?: string;
}

export interface WebAgent {
  /** the URL to open, secret included */
  url: string;
  origin: string;
  /** every address the agent answers as (several on a wildcard bind), the printed one first */
  origins: string[];
  /** resolves once every staged copy released so far has been deleted (or reported) */
  stagingSettled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The largest frame the browser may send. The biggest request the contract allows is a
 * `transfers:upload` of 10,000 paths: about 1 MiB with paths of a hundred bytes, so this leaves
 * room for paths of 1,600 bytes each. ws applies it to what it receives only: a `file:original`
 * reply, up to 100 MB as base64, goes out whole.
 */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

export async function startWebAgent(options: WebAgentOptions): Promise<WebAgent> {
  const secret = Buffer.from(options.secret ?? randomBytes(24).toString('base64url'));
  const host = options.host ?? '127.0.0.1';
  // Absolute, so staged roots count as chosen paths and match the journal's sources.
  const stagingDir = absolute(options.stagingDir);
  const staged = new StagedCopies(stagingDir, options.engine, options.onWarning ?? ((message) => console.error(`slate: warning: ${message}`)));
  // Before the first drop can arrive: the sweep must never judge a batch that is still being staged.
  await staged.start();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  // Known once the port is: nothing is the agent's own page before it listens.
  let isOwnPage: AgentAddresses['isOwnPage'] = () => false;

  /**
   * Only the agent's own page, holding this run's key, may use the bridge or stage files: a wrong
   * key is 401 and a page from elsewhere 403, and neither learns anything more.
   */
  const refusal = (req: IncomingMessage, key: string): 401 | 403 | undefined => {
    if (!isOwnPage(req.headers.origin, req.headers.host)) return 403;
    const given = Buffer.from(key);
    return given.length === secret.length && timingSafeEqual(given, secret) ? undefined : 401;
  };

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://agent').pathname;
    const refused = path === '/stage' ? refusal(req, String(req.headers['x-slate-key'] ?? '')) : undefined;
    const work = refused
      ? Promise.resolve(void res.writeHead(refused).end())
      : path === '/stage'
        ? stageUpload(stagingDir, req, res, (root) => options.service.choosePaths([root]))
        : serveStatic(options.rendererDir, req, res);
    work.catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands an upgrading socket over without its error listener; a reset must not end the agent.
    socket.on('error', () => socket.destroy());
    // Not the agent's own origin as the base: on a wildcard bind there is no single one.
    const url = new URL(req.url ?? '/', 'http://agent');
    const refused = url.pathname === '/bridge' ? refusal(req, url.searchParams.get('key') ?? '') : 403;
    if (refused) {
      socket.end(`HTTP/1.1 ${refused} ${refused === 401 ? 'Unauthorized' : 'Forbidden'}\r\nconnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => bridge(ws, options.service));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  }).catch(async (error: unknown) => {
    await staged.stop();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const addresses = agentAddresses(host, port);
  isOwnPage = addresses.isOwnPage;

  return {
    url: `${addresses.primary}/?key=${secret.toString()}`,
    origin: addresses.primary,
    origins: addresses.origins,
    stagingSettled: () => staged.settled(),
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => {
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await staged.stop();
    },
  };
}

function bridge(ws: WebSocket, service: Service): void {
  const send = (frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const unsubscribe = service.subscribe((event, payload) => send({ type: 'event', event, payload }));
  ws.on('close', unsubscribe);
  // A frame over the limit, or a broken one, is this socket's failure, not the agent's: ws closes
  // the socket (1009, 1002) and reports it here, and with no listener the report would end the process.
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    let frame;
    try {
      frame = isBinary ? undefined : ClientFrameSchema.safeParse(JSON.parse(data.toString()));
    } catch {
      frame = undefined;
    }
    if (!frame?.success) {
      ws.close(1003, 'malformed frame');
      return;
    }
    const { id, channel, input } = frame.data;
    void dispatch(service, channel, input).then((reply) => send({ type: 'reply', id, reply }));
  });
}
