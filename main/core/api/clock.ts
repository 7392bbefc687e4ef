// Time as a dependency, so pacing and back-off can be tested without waiting.
import { setTimeout as delay } from 'node:timers/promises';

export interface Clock {
  /** milliseconds on a monotonic scale */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) => (ms <= 0 ? Promise.resolve() : delay(ms, undefined, { signal })),
};
