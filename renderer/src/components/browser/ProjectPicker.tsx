import { useState } from 'react';
import { useBrowse } from '../../store/browse.ts';
import { useSession } from '../../store/session.ts';
import { NameForm } from './NameForm.tsx';

type Editing = 'workspace' | 'project' | 'rename' | undefined;

export function ProjectPicker() {
  const { accounts, legacy } = useSession();
  const browse = useBrowse();
  const { accountId, chooseAccount, workspaces, workspaceId, chooseWorkspace, projects, project, openProject } = browse;
  const [editing, setEditing] = useState<Editing>();
  const [confirming, setConfirming] = useState(false);
  const close = () => setEditing(undefined);

  return (
    <div className="picker">
      <label>
        Account
        <select value={accountId ?? ''} onChange={(e) => void chooseAccount(e.target.value)}>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.api === 'v2' ? `${a.name} — Legacy (V2)` : a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {/* A legacy (V2) account keeps its projects in teams, which Frame.io V4 made workspaces. */}
        {legacy ? 'Team' : 'Workspace'}
        <select value={workspaceId ?? ''} onChange={(e) => void chooseWorkspace(e.target.value)} disabled={workspaces.length === 0}>
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </label>
      {legacy ? null : editing === 'workspace' ? (
        <NameForm label="New workspace name" what="workspace" submitLabel="Create" onSubmit={browse.createWorkspace} onCancel={close} />
      ) : (
        <button type="button" className="link small" onClick={() => setEditing('workspace')} disabled={!accountId}>
          New workspace
        </button>
      )}
      <h2 id="projects-heading">Projects</h2>
      {projects.length === 0 ? (
        <p className="muted">No projects in this {legacy ? 'team' : 'workspace'}.</p>
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
      {legacy ? null : editing === 'project' ? (
        <NameForm label="New project name" what="project" submitLabel="Create" onSubmit={browse.createProject} onCancel={close} />
      ) : (
        <button type="button" className="link small" onClick={() => setEditing('project')} disabled={!workspaceId}>
          New project
        </button>
      )}
      {project &&
        !legacy &&
        (editing === 'rename' ? (
          <NameForm label="Project name" what="project" initial={project.name} submitLabel="Rename" onSubmit={browse.renameProject} onCancel={close} />
        ) : (
          <div className="picker-actions">
            <button type="button" className="link small" onClick={() => setEditing('rename')}>
              Rename project
            </button>
            <button type="button" className={`link small${confirming ? ' danger' : ''}`} onClick={() => (confirming ? void browse.deleteProject() : setConfirming(true))} onBlur={() => setConfirming(false)}>
              {confirming ? `Delete “${project.name}” and everything in it?` : 'Delete project'}
            </button>
          </div>
        ))}
    </div>
  );
}
