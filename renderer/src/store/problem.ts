// How the stores turn a failed request into something to show: what happened and what to do, in
// people's words, with the technical detail (the code, the system's own text) kept one click away.
import { SlateFailure } from '../slate.ts';

export interface Problem {
  message: string;
  action?: string;
  /** what a support person would want: the code and the words the system used */
  detail?: string;
}

/** The words of sockets and schemas, which say nothing to the person who meets them. */
const NETWORK_WORDS = /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|socket hang up)\b/;

/**
 * The contract's own reason in a refusal ("Invalid folder:create request at name: <reason>") when
 * it was written for people: the contract words its rules as sentences ending in a full stop, while
 * the schema library's defaults ("Too small: expected number to be >=1") have a colon and none.
 */
function contractSentence(raw: string): string | undefined {
  const reason = /^Invalid \S+ request(?: at \S+)?: (.*)$/s.exec(raw)?.[1];
  return reason && /^[A-Z][^:\n]*\.$/.test(reason) ? reason : undefined;
}

export function toProblem(error: unknown): Problem {
  const raw = error instanceof Error ? error.message : String(error);
  const code = error instanceof SlateFailure ? error.code : undefined;
  const detail = code ? `${code}: ${raw}` : raw;
  if (code === 'invalid-input') return { message: contractSentence(raw) ?? 'Slate did not accept that value.', action: 'Check what you entered and try again.', detail };
  if (NETWORK_WORDS.test(raw)) return { message: 'Frame.io could not be reached.', action: 'Check the network connection, then try again.', detail };
  if (error instanceof SlateFailure) return { message: raw, action: error.action, detail: code };
  return { message: raw, detail: undefined };
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
