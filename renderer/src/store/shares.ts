// The open project's share links and the details of the one being looked at.
import { create } from 'zustand';
import type { Asset, RequestInput, Share, ShareReviewer } from '../../../preload/contract.ts';
import { call } from '../slate.ts';
import { attempter, type Problem } from './problem.ts';

type NewShare = Omit<RequestInput<'shares:create'>, 'accountId' | 'projectId'>;

interface SharesState {
  shares: Share[];
  assets: Record<string, Asset[]>;
  reviewers: Record<string, ShareReviewer[]>;
  problem?: Problem;
  /** the link of a share just made, to offer copying it */
  created?: Share;
  load(accountId: string, projectId: string): Promise<void>;
  create(accountId: string, projectId: string, share: NewShare): Promise<boolean>;
  remove(accountId: string, shareId: string): Promise<void>;
  loadDetails(accountId: string, shareId: string): Promise<void>;
  removeAsset(accountId: string, shareId: string, assetId: string): Promise<void>;
  addReviewers(accountId: string, shareId: string, emails: string[], message: string): Promise<boolean>;
  removeReviewer(accountId: string, shareId: string, email: string): Promise<void>;
  dismiss(): void;
}

export const useShares = create<SharesState>((set, get) => {
  const attempt = attempter(set);
  return {
    shares: [],
    assets: {},
    reviewers: {},
    load: async (accountId, projectId) => void (await attempt(async () => set({ shares: await call('shares:list', { accountId, projectId }) }))),
    create: (accountId, projectId, share) =>
      attempt(async () => {
        const created = await call('shares:create', { accountId, projectId, ...share });
        set({ created, shares: [created, ...get().shares.filter((s) => s.id !== created.id)] });
      }),
    remove: async (accountId, shareId) =>
      void (await attempt(async () => {
        await call('shares:delete', { accountId, shareId });
        set({ shares: get().shares.filter((s) => s.id !== shareId) });
      })),
    loadDetails: async (accountId, shareId) =>
      void (await attempt(async () => {
        const [assets, reviewers] = await Promise.all([call('shares:assets', { accountId, shareId }), call('shares:reviewers', { accountId, shareId })]);
        set({ assets: { ...get().assets, [shareId]: assets }, reviewers: { ...get().reviewers, [shareId]: reviewers } });
      })),
    removeAsset: async (accountId, shareId, assetId) =>
      void (await attempt(async () => set({ assets: { ...get().assets, [shareId]: await call('shares:removeAsset', { accountId, shareId, assetId }) } }))),
    addReviewers: (accountId, shareId, emails, message) =>
      attempt(async () => set({ reviewers: { ...get().reviewers, [shareId]: await call('shares:addReviewers', { accountId, shareId, emails, message }) } })),
    removeReviewer: async (accountId, shareId, email) =>
      void (await attempt(async () => set({ reviewers: { ...get().reviewers, [shareId]: await call('shares:removeReviewer', { accountId, shareId, email }) } }))),
    dismiss: () => set({ problem: undefined, created: undefined }),
  };
});
