// The V2 operations the sandbox serves, each with its rate limit. The reference documents one limit
// (GET /v2/assets/{id}/children: 40 calls per 60,000 ms); the others are assumptions within the
// documented range of 10 a minute to 100 a second (FIDELITY.md).
import type { RateLimit } from '../../common/spec-operations.ts';
import { children, me, projects, showAsset, teams } from './browse.ts';
import { createComment, listComments } from './comments.ts';
import type { V2Handler } from './context.ts';
import { createChild } from './create.ts';
import { deleteAsset } from './delete.ts';
import { registerParts } from './realtime.ts';
import { addVersion } from './versions.ts';

interface V2Route {
  method: string;
  pattern: RegExp;
  operation: string;
  limit: RateLimit;
  handler: V2Handler;
}

const READ: RateLimit = { calls: 100, windowMs: 60_000 };
const WRITE: RateLimit = { calls: 60, windowMs: 60_000 };
const REALTIME: RateLimit = { calls: 100, windowMs: 1_000 };

const ID = '([\\w-]+)';
const route = (method: string, path: string, operation: string, limit: RateLimit, handler: V2Handler): V2Route => ({
  method,
  pattern: new RegExp(`^/v2${path.replace(/\{\w+\}/g, ID)}$`),
  operation,
  limit,
  handler,
});

const ROUTES: V2Route[] = [
  route('GET', '/me', 'getMe', READ, me),
  route('GET', '/accounts/{account_id}/teams', 'getTeamsByAccount', READ, teams),
  route('GET', '/teams/{team_id}/projects', 'getProjectsByTeam', READ, projects),
  route('GET', '/assets/{asset_id}', 'getAsset', READ, showAsset),
  route('GET', '/assets/{asset_id}/children', 'getAssets', { calls: 40, windowMs: 60_000 }, children),
  route('POST', '/assets/{asset_id}/children', 'createAsset', WRITE, createChild),
  route('DELETE', '/assets/{asset_id}', 'deleteAsset', WRITE, deleteAsset),
  route('POST', '/assets/{asset_id}/realtime_upload/parts', 'createRealtimeUploadParts', REALTIME, registerParts),
  route('POST', '/assets/{asset_id}/version', 'addVersionToAsset', WRITE, addVersion),
  route('GET', '/assets/{asset_id}/comments', 'getComments', READ, listComments),
  route('POST', '/assets/{asset_id}/comments', 'createComment', WRITE, createComment),
];

const PARAMS: Record<string, string> = { getTeamsByAccount: 'account_id', getProjectsByTeam: 'team_id' };

export function matchV2Route(method: string, path: string): { route: V2Route; params: Record<string, string> } | undefined {
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(path);
    if (!match || candidate.method !== method) continue;
    return { route: candidate, params: match[1] === undefined ? {} : { [PARAMS[candidate.operation] ?? 'asset_id']: match[1] } };
  }
  return undefined;
}

/** The limit an unknown path is metered at, so a 404 still carries the V2 headers. */
export const FALLBACK_LIMIT = READ;
