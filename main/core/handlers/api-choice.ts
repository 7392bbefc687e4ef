// Which Frame.io API a request goes to. On a legacy (V2) sign-in Slate reads and writes through V2
// wherever it speaks it; what it does only on V4 is refused in words that say so, never sent to V4
// with a token V4 would refuse in words about something else.
import type { RequestChannel } from '../../../preload/contract.ts';
import type { ApiVersion } from '../api/auth/vault.ts';
import type { V2Api } from '../api/v2/resources.ts';
import { Refusal } from '../errors.ts';
import type { Handlers } from './types.ts';

export interface LegacyApi {
  v2: V2Api;
  /** the API of the sign-in in use, asked at each request: switching profiles may change it */
  inUse(): ApiVersion;
}

/** Whether the sign-in in use is a legacy (V2) one. */
export const onLegacy = (legacy: LegacyApi | undefined): legacy is LegacyApi => legacy?.inUse() === 'v2';

const IN_FRAMEIO = 'Do it in Frame.io, or switch to a V4 sign-in.';

/** What Slate does only on V4: each completes "Slate … only on Frame.io V4 accounts", with what to do instead. */
const V4_ONLY: Array<[channel: RequestChannel | `${string}:`, does: string, instead: string]> = [
  ['workspaces:create', 'creates workspaces', IN_FRAMEIO],
  ['workspaces:rename', 'renames workspaces', IN_FRAMEIO],
  ['workspaces:delete', 'deletes workspaces', IN_FRAMEIO],
  ['projects:create', 'creates projects', IN_FRAMEIO],
  ['projects:rename', 'renames projects', IN_FRAMEIO],
  ['projects:delete', 'deletes projects', IN_FRAMEIO],
  ['folder:rename', 'renames folders', IN_FRAMEIO],
  ['comments:edit', 'edits comments', IN_FRAMEIO],
  ['comments:complete', 'completes comments', IN_FRAMEIO],
  ['comments:delete', 'deletes comments', IN_FRAMEIO],
  ['comments:follow', 'follows comments', 'Frame.io itself tells you of new comments on it; or switch to a V4 sign-in.'],
  ['transfers:remote', 'uploads from a link', 'Download the file and upload it from this computer, or switch to a V4 sign-in.'],
  ['transfers:download', 'downloads from Frame.io', 'Download it from Frame.io in the browser, or switch to a V4 sign-in.'],
  ['follows:add', 'keeps a Frame.io folder in sync on this computer', 'Download it from Frame.io in the browser, or switch to a V4 sign-in.'],
  ['drag:out', 'drags files out onto this computer', 'Download it from Frame.io in the browser, or switch to a V4 sign-in.'],
  ['shares:', 'shares files and folders', 'Share them from Frame.io, or switch to a V4 sign-in.'],
];

/** The handlers, each V4-only one refusing on a legacy sign-in with its words. */
export function keepToV4<H extends Partial<Handlers>>(legacy: LegacyApi | undefined, handlers: H): H {
  if (!legacy) return handlers;
  const guarded: Record<string, (input: never) => Promise<unknown>> = { ...handlers };
  for (const [channel, handler] of Object.entries(handlers) as Array<[RequestChannel, (input: never) => Promise<unknown>]>) {
    const rule = V4_ONLY.find(([name]) => name === channel || (name.endsWith(':') && channel.startsWith(name)));
    if (!rule) continue;
    const [, does, instead] = rule;
    guarded[channel] = async (input) => {
      if (onLegacy(legacy)) throw new Refusal('api:v4-only', `Slate ${does} only on Frame.io V4 accounts, and the account in use is a legacy (V2) account.`, instead);
      return handler(input);
    };
  }
  return guarded as H;
}
