// Whether the Slate agent behind the page answers (the web bridge reports it; in the desktop app
// it always does), and the stores to re-read once it answers again: events sent while the
// connection was down are lost, so what each store shows may be out of date.
import { create } from 'zustand';

interface AgentState {
  reachable: boolean;
  /** epoch ms since the agent stopped answering */
  lostAt?: number;
}

export const useAgent = create<AgentState>(() => ({ reachable: true }));

const rereads = new Set<() => void>();

/** Runs `reread` each time the agent answers again after being lost; returns the stop function. */
export function onReconnect(reread: () => void): () => void {
  rereads.add(reread);
  return () => rereads.delete(reread);
}

/** The bridge's report of the connection. */
export function agentReachable(reachable: boolean, now: number = Date.now()): void {
  const was = useAgent.getState().reachable;
  if (was === reachable) return;
  useAgent.setState({ reachable, lostAt: reachable ? undefined : now });
  if (reachable) for (const reread of [...rereads]) reread();
}
