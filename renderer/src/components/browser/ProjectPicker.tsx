import { useSession } from '../../store/session.ts';
import { useBrowse } from '../../store/browse.ts';

export function ProjectPicker() {
  const { accounts } = useSession();
  const { accountId, chooseAccount, workspaces, workspaceId, chooseWorkspace, projects, project, openProject } = useBrowse();

  return (
    <div className="picker">
      <label>
        Account
        <select value={accountId ?? ''} onChange={(e) => void chooseAccount(e.target.value)}>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Workspace
        <select value={workspaceId ?? ''} onChange={(e) => void chooseWorkspace(e.target.value)} disabled={workspaces.length === 0}>
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </label>
      <h2 id="projects-heading">Projects</h2>
      {projects.length === 0 ? (
        <p className="muted">No projects in this workspace.</p>
      ) : (
        <ul aria-labelledby="projects-heading" className="project-list">
          {projects.map((p) => (
            <li key={p.id}>
              <button type="button" className={p.id === project?.id ? 'active' : ''} aria-current={p.id === project?.id ? 'true' : undefined} onClick={() => void openProject(p)}>
                {p.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
