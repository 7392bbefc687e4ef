import type { LastPlace } from '../browse/last-place.ts';
import type { HandlerGroup } from './types.ts';

export function placeHandlers(last: LastPlace): HandlerGroup<'place'> {
  return {
    'place:last': async () => ({ address: last.get() }),
    'place:remember': async ({ address }) => {
      last.set(address);
      return { remembered: true };
    },
  };
}
