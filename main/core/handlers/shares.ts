import type { FrameioClient } from '../api/client.ts';
import { Shares } from '../shares/shares.ts';
import type { HandlerGroup } from './types.ts';

export function shareHandlers(client: FrameioClient): HandlerGroup<'shares'> {
  const shares = new Shares(client);
  return {
    'shares:list': ({ accountId, projectId }) => shares.list(accountId, projectId),
    'shares:create': ({ accountId, projectId, name, access, assetIds, passphrase, expiration, downloading }) =>
      shares.create(accountId, projectId, { name, access, assetIds, passphrase, expiration, downloading }),
    'shares:delete': async ({ accountId, shareId }) => {
      await shares.remove(accountId, shareId);
      return { deleted: true as const };
    },
    'shares:assets': ({ accountId, shareId }) => shares.assets(accountId, shareId),
    'shares:addAsset': async ({ accountId, shareId, assetId }) => {
      await shares.addAsset(accountId, shareId, assetId);
      return shares.assets(accountId, shareId);
    },
    'shares:removeAsset': async ({ accountId, shareId, assetId }) => {
      await shares.removeAsset(accountId, shareId, assetId);
      return shares.assets(accountId, shareId);
    },
    'shares:reviewers': ({ accountId, shareId }) => shares.reviewers(accountId, shareId),
    'shares:addReviewers': async ({ accountId, shareId, emails, message }) => {
      await shares.addReviewers(accountId, shareId, emails, message);
      return shares.reviewers(accountId, shareId);
    },
    'shares:removeReviewer': async ({ accountId, shareId, email }) => {
      await shares.removeReviewers(accountId, shareId, [email]);
      return shares.reviewers(accountId, shareId);
    },
  };
}
