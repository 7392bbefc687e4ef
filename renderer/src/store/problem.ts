// How the stores turn a failed request into something to show: what happened and what to do.
import { SlateFailure } from '../slate.ts';

export interface Problem {
  message: string;
  action?: string;
}

export function toProblem(error: unknown): Problem {
  if (error instanceof SlateFailure) return { message: error.message, action: error.action };
  return { message: error instanceof Error ? error.message : String(error) };
}

/**
 * Runs an action for a store: a failure becomes the store's `problem` rather than an exception,
 * success clears it. Resolves with whether the action worked.
 */
export function attempter(set: (state: { problem?: Problem }) => void): (work: () => Promise<void>) => Promise<boolean> {
  return async (work) => {
    try {
      await work();
      set({ problem: undefined });
      return true;
    } catch (error) {
      set({ problem: toProblem(error) });
      return false;
    }
  };
}
