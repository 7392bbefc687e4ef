import { create } from 'zustand';

export const VIEWS = [
  { id: 'projects', label: 'Projects' },
  { id: 'transfers', label: 'Transfers' },
  { id: 'watches', label: 'Watch folders' },
  { id: 'shares', label: 'Shares' },
  { id: 'settings', label: 'Settings' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

export const useNavigation = create<{ view: ViewId; go(view: ViewId): void }>((set) => ({
  view: 'projects',
  go: (view) => set({ view }),
}));
