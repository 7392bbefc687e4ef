// When a list cannot be read because Frame.io or the Slate agent cannot be reached, a view keeps
// what it last loaded and says so: an empty list then would be a lie.
import { SlateFailure } from '../slate.ts';

/** Who could not be reached. */
export type Unreachable = 'frameio' | 'agent';

/** The failure codes that mean "not reachable now" rather than "refused": connection errors and 5xx. */
const UNREACHABLE: Record<string, Unreachable> = {
  'agent-unreachable': 'agent',
  'api:network': 'frameio',
  'api:server': 'frameio',
};

export function unreachable(error: unknown): Unreachable | undefined {
  return error instanceof SlateFailure ? UNREACHABLE[error.code] : undefined;
}

/** A list as last loaded, and whether it is out of date because something could not be reached. */
export interface Stale {
  /** epoch ms of the last successful load; null when it never loaded */
  loadedAt: number | null;
  why: Unreachable;
}

const WHO: Record<Unreachable, string> = {
  frameio: 'Frame.io cannot be reached',
  agent: 'the Slate agent cannot be reached',
};

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** "Showing what was loaded at 14:02 — Frame.io cannot be reached", or why nothing is shown. */
export function staleNote(stale: Stale, nothingYet: string, time: (ms: number) => string = (ms) => clock.format(ms)): string {
  const who = WHO[stale.why];
  return stale.loadedAt === null ? `${nothingYet}: ${who}.` : `Showing what was loaded at ${time(stale.loadedAt)} — ${who}.`;
}
