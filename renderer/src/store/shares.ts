// The open project's share links and the details of the one being looked at.
import { create } from 'zustand';
import type { Asset, RequestInput, Share, ShareReviewer } from '../../../preload/contract.ts';
import { unreachable, type Stale } from '../lib/offline.ts';
import { call } from '../slate.ts';
import { attempter, toProblem, type Problem } from './problem.ts';

type NewShare = Omit<RequestInput<'shares:create'>, 'accountId' | 'projectId'>;

interface SharesState {
  shares: Share[];
  /** the project `shares` belong to, once a list for it was loaded (or kept from before) */
  listedFor?: string;
  /** set while the list shown is what was last loaded, because a new one could not be read */
  stale?: Stale;
  assets: Record<string, Asset[]>;
  reviewers: Record<string, ShareReviewer[]>;
  problem?: Problem;
  /** the link of a share just made, by each file or folder it shares, to offer copying it there only */
  created: Record<string, Share>;
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
  /** each project's list as last loaded, shown when a new one cannot be read */
  const lastLoaded = new Map<string, { shares: Share[]; loadedAt: number }>();
  return {
    shares: [],
    assets: {},
    reviewers: {},
    created: {},
    async load(accountId, projectId) {
      try {
        const shares = await call('shares:list', { accountId, projectId });
        lastLoaded.set(projectId, { shares, loadedAt: Date.now() });
        set({ shares, listedFor: projectId, stale: undefined, problem: undefined });
      } catch (error) {
        const why = unreachable(error);
        const last = lastLoaded.get(projectId);
        if (why) set({ shares: last?.shares ?? [], listedFor: projectId, stale: { loadedAt: last?.loadedAt ?? null, why } });
        else set({ shares: [], listedFor: undefined, stale: undefined, problem: toProblem(error) });
      }
    },
    create: (accountId, projectId, share) =>
      attempt(async () => {
        const created = await call('shares:create', { accountId, projectId, ...share });
        set({
          created: { ...get().created, ...Object.fromEntries(share.assetIds.map((assetId) => [assetId, created])) },
          shares: [created, ...get().shares.filter((s) => s.id !== created.id)],
        });
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
    dismiss: () => set({ problem: undefined }),
  };
});
