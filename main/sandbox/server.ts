// A local Frame.io V4 server. It is Slate's embedded default (explore before signing in) and the
// backend of every test, so it answers exactly as the vendored spec says Frame.io does.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operations } from '../common/operations.generated.ts';
import { Events, type Delivery } from './events.ts';
import { Faults, parseFaults, type FaultClass, type FaultKind } from './faults.ts';
import { handlers } from './handlers/index.ts';
import { Ims, isImsPath, type ImsSettings } from './ims.ts';
import type { Reply } from './handlers/types.ts';
import { HttpError, notFound, readJsonBody, sendJson, tooManyRequests, unauthorized } from './http.ts';
import { BlobStore } from './objects/blobs.ts';
import { continueBody, handleObjectRequest, s3Error } from './objects/routes.ts';
import { UrlSigner } from './objects/signing.ts';
import { RateLimiter, type RateLimitMode } from './rate-limit.ts';
import { matchRoute } from './routes.ts';
import { seedDemo } from './seed-demo.ts';
import { seedMinimal, type SeedName, type Seeded } from './seed.ts';
import { checkRequest } from './spec/requests.ts';
import { openDatabase } from './store/database.ts';
import { Store } from './store/store.ts';
import { resumeTranscodes } from './uploads/lifecycle.ts';
import type { World } from './world.ts';
import { isV2Path, v2Api } from './v2/server.ts';

/** One request and the answer the sandbox gave, for contract checks and diagnostics. */
export interface SandboxExchange {
  method: string;
  url: string;
  requestBody?: unknown;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody?: unknown;
}

export interface SandboxOptions {
  host?: string;
  /** 0 picks a free port */
  port?: number;
  /** what a fresh data directory starts with; ignored when the directory already holds a sandbox */
  seed?: SeedName;
  /** fixes the bearer token instead of minting one */
  token?: string;
  rateLimits?: RateLimitMode;
  /** multiplies every documented rate limit; tests use it to keep real pacing but go faster */
  rateLimitScale?: number;
  observe?: (exchange: SandboxExchange) => void;
  /** appends every exchange to this file as one JSON line, for diagnosing a client */
  exchangeLog?: string;
  /** where the database and uploaded bytes live; a fresh temporary directory (removed on close) if unset */
  dataDir?: string;
  /** forces upload parts of this many bytes instead of Frame.io's part plan */
  partSize?: number;
  /** how long presigned part URLs stay valid (default 24 h) */
  uploadUrlTtlMs?: number;
  /** how long media links stay valid (default 24 h) */
  mediaUrlTtlMs?: number;
  /** time from "uploaded" to "transcoded" (default 2 s) */
  transcodeDelayMs?: number;
  /** media links answer without CORS headers, as a CDN with no CORS rule does (default: with them) */
  mediaCors?: boolean;
  /** the ffmpeg that makes uploaded video's thumbnails (default: `ffmpeg` on the PATH; absent, no thumbnails) */
  ffmpeg?: string;
  /** first webhook retry delay, doubling on each of up to 5 attempts (default 1 s) */
  webhookRetryBaseMs?: number;
  onWebhookDelivery?: (delivery: Delivery) => void;
  /** injected failures and latency, e.g. "api:429@0.2,part:reset@every4,latency:part=20,seed=7" (README.md) */
  faults?: string;
  /** token and code lifetimes of the IMS stand-in (`/ims/...`); tests shorten them */
  ims?: Partial<ImsSettings>;
}

export interface Sandbox extends Seeded {
  url: string;
  dataDir: string;
  store: Store;
  /** a static token for another seeded user, e.g. the demo's second person */
  tokenFor(email: string): string;
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const faults = options.faults ? new Faults(parseFaults(options.faults)) : undefined;
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'slate-sandbox-')));
  await mkdir(join(dataDir, 'blobs'), { recursive: true });
  const store = new Store(openDatabase(join(dataDir, 'sandbox.db')));
  const timers = new Set<NodeJS.Timeout>();
  /** work a timer started (a transcode probing its media); close waits for it before the store goes */
  const running = new Set<Promise<void>>();
  const events = new Events(store, { retryBaseMs: options.webhookRetryBaseMs ?? 1000, attempts: 5, onDelivery: options.onWebhookDelivery });
  const world: World = {
    store,
    blobs: new BlobStore(join(dataDir, 'blobs')),
    signer: new UrlSigner(store.settingOrCreate('signing-secret', () => randomBytes(32).toString('hex'))),
    events,
    settings: {
      partSize: options.partSize,
      uploadUrlTtlMs: options.uploadUrlTtlMs ?? DAY_MS,
      mediaUrlTtlMs: options.mediaUrlTtlMs ?? DAY_MS,
      transcodeDelayMs: options.transcodeDelayMs ?? 2000,
      mediaCors: options.mediaCors ?? true,
      ffmpeg: options.ffmpeg ?? 'ffmpeg',
    },
    baseUrl: '',
    later(delayMs, work) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        const done = Promise.resolve(work())
          .catch((error: unknown) => console.error('sandbox:', error))
          .finally(() => running.delete(done));
        running.add(done);
      }, delayMs);
      timers.add(timer);
    },
    now: () => new Date(),
  };

  const ims = new Ims(world, options.ims);
  const log = options.exchangeLog ? createWriteStream(options.exchangeLog, { flags: 'a' }) : undefined;
  const limiter = new RateLimiter(options.rateLimits ?? 'real', options.rateLimitScale ?? 1);
  const v2 = v2Api({ world, limiter, faults, record });
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { errors: [{ detail: 'Internal sandbox error', title: 'Internal server error' }] });
      else res.destroy();
      console.error('sandbox:', error);
    });
  });

  // Node would tell every `Expect: 100-continue` request to go on; S3 refuses a bad part first.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (continueBody(world, req, new URL(req.url ?? '/', world.baseUrl))) res.writeContinue();
    server.emit('request', req, res);
  });

  function record(exchange: SandboxExchange): void {
    options.observe?.(exchange);
    log?.write(JSON.stringify(exchange) + '\n');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', world.baseUrl);
    const method = req.method ?? 'GET';
    const objects = url.pathname.startsWith('/objects/');
    if (isImsPath(url.pathname)) {
      // The IMS stand-in is another service: no API faults or rate limits, and only the path and
      // status are recorded (its queries, bodies and redirects carry codes and tokens).
      res.once('finish', () => record({ method, url: url.pathname, status: res.statusCode, responseHeaders: {} }));
      return ims.handle(req, res, url);
    }
    // Frame.io's legacy V2 paths, with their own faults, limits and error shapes.
    if (isV2Path(url.pathname)) return v2(req, res, url);
    const faultClass: FaultClass | undefined = !objects ? 'api' : method === 'PUT' ? 'part' : undefined;
    if (faults && faultClass) {
      const bytes = faultClass === 'part' ? Number(req.headers['content-length'] ?? 0) : 0;
      await faults.delay(faultClass, bytes);
      const kind = faults.pick(faultClass, bytes);
      if (kind) return injectFault(kind, faultClass, req, res, url, method);
    }
    if (objects) {
      res.once('finish', () => record({ method, url: url.pathname + url.search, status: res.statusCode, responseHeaders: headersOf(res) }));
      return handleObjectRequest(world, req, res, url);
    }
    return handleApi(req, res, url, method);
  }

  function injectFault(kind: FaultKind, cls: FaultClass, req: IncomingMessage, res: ServerResponse, url: URL, method: string): void {
    if (kind === 'reset') return faults!.reset(req);
    if (kind === 'stall') return faults!.stall(req, res);
    req.resume();
    const path = url.pathname + url.search;
    if (cls === 'part') {
      // S3 throttles with 503 SlowDown; it has no 429.
      s3Error(res, 503, kind === '429' ? 'SlowDown' : 'ServiceUnavailable', kind === '429' ? 'Please reduce your request rate.' : 'Service unavailable (injected fault)');
      record({ method, url: path, status: 503, responseHeaders: headersOf(res) });
      return;
    }
    const route = matchRoute(method, url.pathname);
    const limit = route ? operations[route.operationId].limit : { calls: 1, windowMs: 1000 };
    const status = kind === '429' ? 429 : 503;
    const body = { errors: [kind === '429' ? { detail: 'Too many requests', title: 'Too many requests' } : { detail: 'Service unavailable (injected fault)', title: 'Service unavailable' }] };
    res.setHeader('x-ratelimit-limit', String(limit.calls));
    res.setHeader('x-ratelimit-remaining', '0');
    res.setHeader('x-ratelimit-window', String(limit.windowMs));
    if (kind === '429') res.setHeader('retry-after', '1');
    sendJson(res, status, body);
    record({ method, url: path, status, responseHeaders: headersOf(res), responseBody: body });
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    let requestBody: unknown;
    const answer = (reply: Reply, headers: Record<string, string>) => {
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      if (reply.body === undefined) res.writeHead(reply.status).end();
      else sendJson(res, reply.status, reply.body);
      // A 204 has no body; the spec's NoContent schema describes that as the empty string.
      const responseBody = reply.body === undefined && reply.status === 204 ? '' : reply.body;
      record({ method, url: url.pathname + url.search, requestBody, status: reply.status, responseHeaders: headersOf(res), responseBody });
    };

    const route = matchRoute(method, url.pathname);
    if (!route) {
      req.resume();
      answer({ status: 404, body: { errors: notFound(`No route for ${method} ${url.pathname}`).errors } }, {});
      return;
    }

    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const userId = token ? store.tokenUser(token, ['static', 'access']) : undefined;
    const user = userId ? store.get('user', userId) : undefined;
    const decision = limiter.take(`${user?.id ?? 'anonymous'}:${route.operationId}`, operations[route.operationId].limit);
    const rateHeaders: Record<string, string> = {
      'x-ratelimit-limit': String(decision.limit),
      'x-ratelimit-remaining': String(decision.remaining),
      'x-ratelimit-window': String(decision.windowMs),
    };

    try {
      if (!user) throw unauthorized(token ? 'Invalid or expired token' : 'Missing bearer token');
      if (!decision.allowed) {
        rateHeaders['retry-after'] = String(Math.ceil(decision.retryAfterMs / 1000));
        throw tooManyRequests();
      }
      requestBody = await readJsonBody(req);
      checkRequest(route.operationId, url.searchParams, requestBody);
      const handler = handlers[route.operationId];
      if (!handler) throw notFound(`${route.operationId} is not available in the sandbox`);
      const reply = await handler({ world, user, params: route.params, query: url.searchParams, body: requestBody, path: url.pathname });
      answer(reply, rateHeaders);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      req.resume();
      answer({ status: error.status, body: { errors: error.errors } }, rateHeaders);
    }
  }

  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  world.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const seeded = await seedOnce(world, options.seed ?? 'minimal', options.token);
  resumeTranscodes(world);

  return {
    ...seeded,
    url: world.baseUrl,
    dataDir,
    store,
    tokenFor(email) {
      const user = store.list('user').find((u) => u.email === email);
      if (!user) throw new Error(`no seeded user with the email ${email}`);
      return store.issueToken(user.id, 'static');
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(running);
      events.close();
      faults?.close();
      await closeServer(server);
      await new Promise<void>((resolve) => (log ? log.end(resolve) : resolve()));
      store.close();
      if (temporary) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Seeds a fresh data directory; a used one keeps what it has and reports what it was seeded with. */
async function seedOnce(world: World, name: SeedName, token: string | undefined): Promise<Seeded> {
  const saved = world.store.setting('seeded');
  if (saved !== undefined) {
    const seeded = JSON.parse(saved) as Seeded;
    if (token !== undefined && token !== seeded.token) world.store.issueToken(seeded.userId, 'static', { token });
    return { ...seeded, token: token ?? seeded.token };
  }
  const seeded = name === 'demo' ? await seedDemo(world, token) : seedMinimal(world, token);
  world.store.setSetting('seeded', JSON.stringify(seeded));
  return seeded;
}

function headersOf(res: ServerResponse): Record<string, string> {
  return Object.fromEntries(Object.entries(res.getHeaders()).map(([k, v]) => [k, String(v)]));
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
