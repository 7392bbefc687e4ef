// A local Frame.io V4 server. It is Slate's embedded default (explore before signing in) and the
// backend of every test, so it answers exactly as the vendored spec says Frame.io does.
import { createWriteStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { operations } from '../core/api/operations.generated.ts';
import { handlers } from './handlers/index.ts';
import type { Reply } from './handlers/types.ts';
import { HttpError, notFound, readJsonBody, sendJson, tooManyRequests, unauthorized } from './http.ts';
import { RateLimiter, type RateLimitMode } from './rate-limit.ts';
import { matchRoute } from './routes.ts';
import { seed, type SeedName } from './seed.ts';
import type { SandboxState } from './state.ts';

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
  seed?: SeedName;
  /** fixes the bearer token instead of minting one */
  token?: string;
  rateLimits?: RateLimitMode;
  /** multiplies every documented rate limit; tests use it to keep real pacing but go faster */
  rateLimitScale?: number;
  observe?: (exchange: SandboxExchange) => void;
  /** appends every exchange to this file as one JSON line, for diagnosing a client */
  exchangeLog?: string;
}

export interface Sandbox {
  url: string;
  token: string;
  accountId: string;
  userId: string;
  state: SandboxState;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seeded = seed(options.seed ?? 'minimal', options.token);
  const log = options.exchangeLog ? createWriteStream(options.exchangeLog, { flags: 'a' }) : undefined;
  const limiter = new RateLimiter(options.rateLimits ?? 'real', options.rateLimitScale ?? 1);
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { errors: [{ detail: 'Internal sandbox error' }] });
      console.error('sandbox:', error);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    let requestBody: unknown;
    const answer = (reply: Reply, headers: Record<string, string>) => {
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      if (reply.body === undefined) {
        res.writeHead(reply.status).end();
      } else {
        sendJson(res, reply.status, reply.body);
      }
      const exchange: SandboxExchange = {
        method,
        url: url.pathname + url.search,
        requestBody,
        status: reply.status,
        responseHeaders: Object.fromEntries(Object.entries(res.getHeaders()).map(([k, v]) => [k, String(v)])),
        responseBody: reply.body,
      };
      options.observe?.(exchange);
      log?.write(JSON.stringify(exchange) + '\n');
    };

    const route = matchRoute(method, url.pathname);
    if (!route) {
      const error = notFound(`No route for ${method} ${url.pathname}`);
      answer({ status: 404, body: { errors: error.errors } }, {});
      return;
    }

    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const user = token ? seeded.state.userForToken(token) : undefined;
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
      const handler = handlers[route.operationId];
      if (!handler) throw notFound(`${route.operationId} is not available in the sandbox`);
      const reply = await handler({ state: seeded.state, user, params: route.params, query: url.searchParams, body: requestBody, path: url.pathname });
      answer(reply, rateHeaders);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      answer({ status: error.status, body: { errors: error.errors } }, rateHeaders);
    }
  }

  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    token: seeded.token,
    accountId: seeded.accountId,
    userId: seeded.userId,
    state: seeded.state,
    close: async () => {
      await closeServer(server);
      await new Promise<void>((resolve) => (log ? log.end(resolve) : resolve()));
    },
  };
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
