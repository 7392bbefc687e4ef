// The places work lives in: an account's workspaces and a workspace's projects, and what the
// browser lets people do with them.
import type { FrameioClient } from '../api/client.ts';
import { AccountApi } from '../api/resources.ts';
import type { Project as ApiProject, Workspace as ApiWorkspace } from '../api/types.ts';
import type { Project, Workspace } from '../../../preload/contract.ts';
import { presentProject } from './present.ts';
import type { PlaceReading } from './source.ts';

type Data<T> = { data: T };

const presentWorkspace = (w: ApiWorkspace): Workspace => ({ id: w.id, name: w.name });

export class Places implements PlaceReading {
  private readonly client: FrameioClient;

  constructor(client: FrameioClient) {
    this.client = client;
  }

  async workspaces(accountId: string): Promise<Workspace[]> {
    return (await Array.fromAsync(new AccountApi(this.client, accountId).listWorkspaces())).map(presentWorkspace);
  }

  async createWorkspace(accountId: string, name: string): Promise<Workspace> {
    const answer = await this.client.call<Data<ApiWorkspace>>('workspaces.create', { params: { account_id: accountId }, body: { data: { name } } });
    return presentWorkspace(answer.data);
  }

  async renameWorkspace(accountId: string, workspaceId: string, name: string): Promise<Workspace> {
    const answer = await this.client.call<Data<ApiWorkspace>>('workspaces.update', { params: { account_id: accountId, workspace_id: workspaceId }, body: { data: { name } } });
    return presentWorkspace(answer.data);
  }

  async deleteWorkspace(accountId: string, workspaceId: string): Promise<void> {
    await this.client.call('workspaces.delete', { params: { account_id: accountId, workspace_id: workspaceId } });
  }

  async projects(accountId: string, workspaceId: string): Promise<Project[]> {
    return (await Array.fromAsync(new AccountApi(this.client, accountId).listProjects(workspaceId))).map(presentProject);
  }

  async createProject(accountId: string, workspaceId: string, name: string): Promise<Project> {
    const answer = await this.client.call<Data<ApiProject>>('projects.create', { params: { account_id: accountId, workspace_id: workspaceId }, body: { data: { name } } });
    return presentProject(answer.data);
  }

  async renameProject(accountId: string, projectId: string, name: string): Promise<Project> {
    const answer = await this.client.call<Data<ApiProject>>('projects.update', { params: { account_id: accountId, project_id: projectId }, body: { data: { name } } });
    return presentProject(answer.data);
  }

  async deleteProject(accountId: string, projectId: string): Promise<void> {
    await this.client.call('projects.delete', { params: { account_id: accountId, project_id: projectId } });
  }
}
