import { useAgent } from '../store/agent.ts';

/** While the web agent does not answer: what the person sees instead of actions failing one by one. */
export function AgentBanner() {
  const { reachable, lostAt } = useAgent();
  if (reachable) return null;
  return (
    <div className="agent-banner" role="alert">
      <strong>Slate agent not reachable</strong>
      <span>
        {lostAt !== undefined && `Since ${new Date(lostAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}. `}
        Check that <code>slate serve</code> is still running; this page reconnects by itself and shows what it last loaded meanwhile.
      </span>
    </div>
  );
}
