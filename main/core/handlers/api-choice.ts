// Which Frame.io API a request goes to. On a legacy (V2) sign-in Slate reads and writes through V2
// wherever it speaks it; what it does only on V4 is refused in words that say so, never sent to V4
// with a token V4 would refuse in words about something else.
import type { ApiVersion } from '../api/auth/vault.ts';
import type { V2Api } from '../api/v2/resources.ts';
import { Refusal } from '../errors.ts';

export interface LegacyApi {
  v2: V2Api;
  /** the API of the sign-in in use, asked at each request: switching profiles may change it */
  inUse(): ApiVersion;
}

/** Whether the sign-in in use is a legacy (V2) one. */
export const onLegacy = (legacy: LegacyApi | undefined): legacy is LegacyApi => legacy?.inUse() === 'v2';

/**
 * A request Slate serves only on V4. `does` completes "Slate … only on Frame.io V4 accounts", e.g.
 * "renames folders"; `instead` says what the person can do on their legacy account.
 */
export function v4Only<I, O>(legacy: LegacyApi | undefined, does: string, instead: string, handler: (input: I) => Promise<O>): (input: I) => Promise<O> {
  return async (input) => {
    if (onLegacy(legacy)) throw new Refusal('api:v4-only', `Slate ${does} only on Frame.io V4 accounts, and the account in use is a legacy (V2) account.`, instead);
    return handler(input);
  };
}

/** Every handler of a group, refused on a legacy sign-in as v4Only refuses one. */
export function v4OnlyGroup<G extends Record<string, (input: never) => Promise<unknown>>>(legacy: LegacyApi | undefined, does: string, instead: string, group: G): G {
  if (!legacy) return group;
  return Object.fromEntries(Object.entries(group).map(([channel, handler]) => [channel, v4Only(legacy, does, instead, handler)])) as G;
}
