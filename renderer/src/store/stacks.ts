// What a version stack's row shows beyond Frame.io's stack object, which names neither how many
// versions it holds nor its head's file id: the stack's versions, listed once per change of the
// stack, and only for the rows on screen (a long folder is drawn a screen at a time). A stack's
// `updated_at` need not move when a version is added, so its head's size and status count as a
// change too, and Slate's own uploads into a stack say so directly.
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Asset } from '../../../preload/contract.ts';
import { call, subscribe } from '../slate.ts';

export interface StackInfo {
  count: number;
  /** the newest version, which a new version is stacked onto */
  headId: string | null;
}

interface Known {
  /** the stack as it was when listed: a later change lists it again */
  seen: string;
  info?: StackInfo;
  /** the versions could not be listed; the row shows no count until the stack changes */
  failed?: boolean;
}

interface StacksState {
  known: Record<string, Known>;
  /** Lists the stack's versions unless they are known for this state of the stack (or on their way). */
  learn(accountId: string, stack: Asset): Promise<void>;
  /** A version landed in the stack: its count and head are read again when next shown. */
  forget(stackId: string): void;
}

const seenAs = (stack: Asset) => `${stack.updatedAt}|${stack.size}|${stack.status}`;

export const useStacks = create<StacksState>((set, get) => {
  const asking = new Set<string>();
  let listening = false;
  return {
    known: {},

    async learn(accountId, stack) {
      if (!listening) {
        listening = true;
        subscribe('browse:changed', ({ folderId }) => get().forget(folderId));
      }
      const seen = seenAs(stack);
      const key = `${stack.id}@${seen}`;
      if (get().known[stack.id]?.seen === seen || asking.has(key)) return;
      asking.add(key);
      try {
        const versions = await call('stack:versions', { accountId, stackId: stack.id });
        set({ known: { ...get().known, [stack.id]: { seen, info: { count: versions.length, headId: versions[0]?.id ?? null } } } });
      } catch {
        set({ known: { ...get().known, [stack.id]: { seen, failed: true } } });
      } finally {
        asking.delete(key);
      }
    },

    forget(stackId) {
      const { [stackId]: _gone, ...rest } = get().known;
      set({ known: rest });
    },
  };
});

/** The stack's count and head once listed; asks for them while the row is on screen. */
export function useStackInfo(accountId: string | undefined, stack: Asset | undefined): StackInfo | undefined {
  const entry = useStacks((s) => (stack ? s.known[stack.id] : undefined));
  const learn = useStacks((s) => s.learn);
  useEffect(() => {
    if (accountId && stack?.type === 'version_stack') void learn(accountId, stack);
  }, [accountId, stack, entry, learn]);
  return entry?.info;
}
