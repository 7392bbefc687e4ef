// Ctrl+C and `kill` (SIGINT, SIGTERM) stop a command cleanly: it lets the journal settle, says how
// to carry on, and exits as shells report a process a signal ended (128 + the signal's number:
// 130, 143), so a script or a service manager can tell "stopped" from "failed".
import { constants } from 'node:os';

export type StopSignal = 'SIGINT' | 'SIGTERM';

const SIGNALS: StopSignal[] = ['SIGINT', 'SIGTERM'];

export function exitCodeFor(signal: StopSignal): number {
  return 128 + constants.signals[signal];
}

/**
 * Calls `stop` on the first SIGINT or SIGTERM, then stops listening, so a second one ends the
 * process at once, as it would without Slate. Returns the way to stop listening sooner.
 */
export function onStopSignal(stop: (signal: StopSignal) => void): () => void {
  const handlers = SIGNALS.map((signal) => [signal, () => (dispose(), stop(signal))] as const);
  function dispose(): void {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return dispose;
}
