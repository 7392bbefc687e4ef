// Frame.io's legacy V2 API beside V4, in the same server and state: the same users and tokens,
// the same assets. It answers V2's shapes (bare objects and arrays, its error body), meters every
// operation with `x-ratelimit-*`, and takes the same `--faults` as V4 (API calls and part PUTs).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults, FaultClass, FaultKind } from '../faults.ts';
import { readJsonBody, HttpError, sendJson } from '../http.ts';
import { s3Error } from '../objects/routes.ts';
import type { RateLimiter } from '../rate-limit.ts';
import type { SandboxExchange } from '../server.ts';
import type { World } from '../world.ts';
import { V2Error, v2ErrorBody } from './errors.ts';
import { putRealtimePart, REALTIME_PART_PATH } from './realtime.ts';
import { FALLBACK_LIMIT, matchV2Route } from './routes.ts';

export interface V2Dependencies {
  world: World;
  limiter: RateLimiter;
  faults?: Faults;
  record(exchange: SandboxExchange): void;
}

/** Paths V2 answers: its API and the object store's real-time part URLs. */
export const isV2Path = (path: string) => path.startsWith('/v2/') || path.startsWith(REALTIME_PART_PATH);

function headersOf(res: ServerResponse): Record<string, string> {
  return Object.fromEntries(Object.entries(res.getHeaders()).map(([k, v]) => [k, String(v)]));
}

export function v2Api(deps: V2Dependencies) {
  const { world, limiter, faults, record } = deps;

  function injectFault(kind: FaultKind, cls: FaultClass, req: IncomingMessage, res: ServerResponse, url: URL, method: string): void {
    if (kind === 'reset') return faults!.reset(req);
    if (kind === 'stall') return faults!.stall(req, res);
    req.resume();
    if (cls === 'part') {
      // S3 throttles with 503 SlowDown; it has no 429.
      s3Error(res, 503, kind === '429' ? 'SlowDown' : 'ServiceUnavailable', kind === '429' ? 'Please reduce your request rate.' : 'Service unavailable (injected fault)');
    } else {
      const limit = matchV2Route(method, url.pathname)?.route.limit ?? FALLBACK_LIMIT;
      res.setHeader('x-ratelimit-limit', String(limit.calls));
      res.setHeader('x-ratelimit-remaining', '0');
      res.setHeader('x-ratelimit-window', String(limit.windowMs));
      if (kind === '429') res.setHeader('retry-after', '1');
      sendJson(res, kind === '429' ? 429 : 503, v2ErrorBody(kind === '429' ? 429 : 503, kind === '429' ? 'Too many requests' : 'Service unavailable (injected fault)'));
    }
    record({ method, url: url.pathname + url.search, status: res.statusCode, responseHeaders: headersOf(res) });
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    let requestBody: unknown;
    const answer = (status: number, body: unknown, headers: Record<string, string>) => {
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      sendJson(res, status, body);
      record({ method, url: url.pathname + url.search, requestBody, status, responseHeaders: headersOf(res), responseBody: body });
    };
    const matched = matchV2Route(method, url.pathname);
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const userId = token ? world.store.tokenUser(token, ['static', 'access']) : undefined;
    const user = userId ? world.store.get('user', userId) : undefined;
    const limit = matched?.route.limit ?? FALLBACK_LIMIT;
    const decision = limiter.take(`${user?.id ?? 'anonymous'}:v2:${matched?.route.operation ?? 'unknown'}`, limit);
    const rateHeaders: Record<string, string> = {
      'x-ratelimit-limit': String(decision.limit),
      'x-ratelimit-remaining': String(decision.remaining),
      'x-ratelimit-window': String(decision.windowMs),
    };
    try {
      if (!user) throw new V2Error(401, token ? 'Invalid or expired token' : 'Missing bearer token');
      if (!decision.allowed) {
        rateHeaders['retry-after'] = String(Math.ceil(decision.retryAfterMs / 1000));
        throw new V2Error(429, 'You have hit the rate limit for this API path; wait and try again');
      }
      if (!matched) throw new V2Error(404, `No route for ${method} ${url.pathname}`);
      requestBody = await readJsonBody(req).catch((error: unknown) => {
        throw error instanceof HttpError ? new V2Error(400, error.message) : error;
      });
      const reply = await matched.route.handler({ world, user, params: matched.params, query: url.searchParams, body: requestBody });
      answer(reply.status, reply.body, { ...rateHeaders, ...reply.headers });
    } catch (error) {
      if (!(error instanceof V2Error)) throw error;
      req.resume();
      answer(error.status, error.body, rateHeaders);
    }
  }

  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const part = url.pathname.startsWith(REALTIME_PART_PATH);
    const cls: FaultClass | undefined = part ? (method === 'PUT' ? 'part' : undefined) : 'api';
    if (faults && cls) {
      const bytes = cls === 'part' ? Number(req.headers['content-length'] ?? 0) : 0;
      await faults.delay(cls, bytes);
      const kind = faults.pick(cls, bytes);
      if (kind) return injectFault(kind, cls, req, res, url, method);
    }
    if (!part) return api(req, res, url, method);
    res.once('finish', () => record({ method, url: url.pathname + url.search, status: res.statusCode, responseHeaders: headersOf(res) }));
    return putRealtimePart(world, req, res, url);
  };
}
