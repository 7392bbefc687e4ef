// Share links: a project's shares, made from chosen assets, public or secure (passphrase,
// expiry, downloads), with their assets and reviewers.
import type { FrameioClient } from '../api/client.ts';
import type { Asset as ApiAsset } from '../api/types.ts';
import type { Asset, Share, ShareReviewer } from '../../../preload/contract.ts';
import { presentAsset } from '../browse/present.ts';
import { shareTree } from './share-tree.ts';

type Data<T> = { data: T };

interface ApiShare {
  id: string;
  name: string;
  short_url: string;
  access: 'public' | 'secure';
  enabled: boolean;
  downloading_enabled: boolean;
  commenting_enabled: boolean;
  expiration: string | null;
  passphrase?: string | null;
  created_at: string;
}

export interface NewShare {
  name: string;
  access: 'public' | 'secure';
  assetIds: string[];
  passphrase?: string;
  /** ISO date-time */
  expiration?: string;
  downloading: boolean;
}

function present(share: ApiShare): Share {
  return {
    id: share.id,
    name: share.name,
    shortUrl: share.short_url,
    access: share.access,
    enabled: share.enabled,
    downloading: share.downloading_enabled,
    commenting: share.commenting_enabled,
    expiration: share.expiration,
    hasPassphrase: Boolean(share.passphrase),
    createdAt: share.created_at,
  };
}

export class Shares {
  private readonly client: FrameioClient;

  constructor(client: FrameioClient) {
    this.client = client;
  }

  async list(accountId: string, projectId: string): Promise<Share[]> {
    const all = await Array.fromAsync(this.client.list<ApiShare>('shares.index', { params: { account_id: accountId, project_id: projectId }, query: { page_size: 100 } }));
    return all.map(present);
  }

  async create(accountId: string, projectId: string, share: NewShare): Promise<Share> {
    const data = {
      type: 'asset',
      name: share.name,
      access: share.access,
      asset_ids: share.assetIds,
      downloading_enabled: share.downloading,
      ...(share.passphrase ? { passphrase: share.passphrase } : {}),
      ...(share.expiration ? { expiration: share.expiration } : {}),
    };
    const answer = await this.client.call<Data<ApiShare>>('shares.create', { params: { account_id: accountId, project_id: projectId }, body: { data } });
    return present(answer.data);
  }

  async remove(accountId: string, shareId: string): Promise<void> {
    await this.client.call('shares.delete', { params: { account_id: accountId, share_id: shareId } });
  }

  /** The share's members, what can be removed from it (Frame.io lists what is inside them too). */
  async assets(accountId: string, shareId: string): Promise<Asset[]> {
    const all = await Array.fromAsync(this.client.list<ApiAsset>('shares.list_assets', { params: { account_id: accountId, share_id: shareId }, query: { page_size: 100 } }));
    return shareTree(all).map((member) => presentAsset(member.asset));
  }

  async addAsset(accountId: string, shareId: string, assetId: string): Promise<void> {
    await this.client.call('shares.add_asset', { params: { account_id: accountId, share_id: shareId }, body: { data: { asset_id: assetId } } });
  }

  async removeAsset(accountId: string, shareId: string, assetId: string): Promise<void> {
    await this.client.call('shares.remove_asset', { params: { account_id: accountId, share_id: shareId, asset_id: assetId } });
  }

  async reviewers(accountId: string, shareId: string): Promise<ShareReviewer[]> {
    const answer = await this.client.call<Data<Array<{ name: string | null; email: string }>>>('shares.list_reviewers', { params: { account_id: accountId, share_id: shareId } });
    return answer.data.map((r) => ({ name: r.name, email: r.email }));
  }

  async addReviewers(accountId: string, shareId: string, emails: string[], message: string): Promise<void> {
    await this.client.call('shares.add_reviewers', {
      params: { account_id: accountId, share_id: shareId },
      body: { data: { reviewers: { emails }, message } },
    });
  }

  async removeReviewers(accountId: string, shareId: string, emails: string[]): Promise<void> {
    await this.client.call('shares.remove_reviewers', { params: { account_id: accountId, share_id: shareId }, body: { data: { reviewers: { emails } } } });
  }
}
