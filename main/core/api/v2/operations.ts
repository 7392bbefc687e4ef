// The legacy V2 operations Slate calls, with their paths and rate limits. Frame.io's V2 reference
// documents one limit (listing children: 40 calls a minute); the rest are paced at the lower end of
// the range it gives for V2 (10 a minute to 100 a second) until the x-ratelimit-* headers of the
// first answer correct the scheduler.
import type { RateLimit } from '../../../common/spec-operations.ts';

export interface V2Operation {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  limit: RateLimit;
}

const READ: RateLimit = { calls: 100, windowMs: 60_000 };
const WRITE: RateLimit = { calls: 60, windowMs: 60_000 };

export const v2Operations = {
  getMe: { method: 'GET', path: '/v2/me', limit: READ },
  getTeamsByAccount: { method: 'GET', path: '/v2/accounts/{account_id}/teams', limit: READ },
  getProjectsByTeam: { method: 'GET', path: '/v2/teams/{team_id}/projects', limit: READ },
  getAsset: { method: 'GET', path: '/v2/assets/{asset_id}', limit: READ },
  getAssets: { method: 'GET', path: '/v2/assets/{asset_id}/children', limit: { calls: 40, windowMs: 60_000 } },
  createAsset: { method: 'POST', path: '/v2/assets/{asset_id}/children', limit: WRITE },
  deleteAsset: { method: 'DELETE', path: '/v2/assets/{asset_id}', limit: WRITE },
  // The sandbox's assumption, within V2's documented range (see FIDELITY.md): a part a second per
  // growing file is far below it.
  createRealtimeParts: { method: 'POST', path: '/v2/assets/{asset_id}/realtime_upload/parts', limit: { calls: 100, windowMs: 1_000 } },
  addVersionToAsset: { method: 'POST', path: '/v2/assets/{asset_id}/version', limit: WRITE },
  getComments: { method: 'GET', path: '/v2/assets/{asset_id}/comments', limit: READ },
  createComment: { method: 'POST', path: '/v2/assets/{asset_id}/comments', limit: WRITE },
} as const satisfies Record<string, V2Operation>;

export type V2OperationId = keyof typeof v2Operations;
