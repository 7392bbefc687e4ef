// What the browser shows: the chosen account, workspace and project, the folder path walked to
// get here (the breadcrumbs), that folder's items, and the sort, filter and selection over them.
import { create } from 'zustand';
import type { Asset, FileDetails, FolderListing, Project, Workspace } from '../../../preload/contract.ts';
import { unreachable, type Stale } from '../lib/offline.ts';
import { versionLabels } from '../lib/versions.ts';
import { statusWords } from '../lib/file-status.ts';
import { call } from '../slate.ts';
import { onReconnect } from './agent.ts';
import { attempter, toProblem, type Problem } from './problem.ts';

export interface PlaceToOpen {
  accountId: string;
  workspaceId: string;
  projectId: string;
  path: Array<{ id: string; kind: Crumb['kind']; name?: string }>;
}

/** `version` orders a stack's versions by when they came, as Frame.io lists them. */
export type SortKey = 'name' | 'type' | 'size' | 'status' | 'updatedAt' | 'version';

export interface Crumb {
  id: string;
  name: string;
  kind: 'folder' | 'stack';
}

interface BrowseState {
  accountId?: string;
  workspaces: Workspace[];
  workspaceId?: string;
  projects: Project[];
  project?: Project;
  path: Crumb[];
  items: Asset[];
  loading: boolean;
  /** set while `items` is what was last loaded of this folder, because it cannot be read now */
  stale?: Stale;
  problem?: Problem;
  sort: { key: SortKey; descending: boolean };
  filter: string;
  selectedId?: string;
  details?: FileDetails;

  chooseAccount(accountId: string): Promise<void>;
  chooseWorkspace(workspaceId: string): Promise<void>;
  openProject(project: Project): Promise<void>;
  /**
   * Opens a place named by ids (the address, the last place, the demo's start). Steps without a
   * name are named by listing their parent. False when its account, workspace or project is gone;
   * a folder gone below them leaves the deepest one still there open.
   */
  openPlace(place: PlaceToOpen): Promise<boolean>;
  /** The folder above this one; false at the project's root. */
  goUp(): Promise<boolean>;
  open(asset: Asset): Promise<void>;
  goTo(index: number): Promise<void>;
  refresh(): Promise<void>;
  /** Reads the workspace and project lists again, keeping what is chosen while it is still there. */
  rereadLists(): Promise<void>;
  /** Lists the folder on screen again without disturbing it: selection, scroll and details stay. */
  reload(): Promise<void>;
  select(id: string | undefined): Promise<void>;
  setSort(key: SortKey): void;
  setFilter(filter: string): void;
  createFolder(name: string): Promise<boolean>;
  createWorkspace(name: string): Promise<boolean>;
  createProject(name: string): Promise<boolean>;
  renameProject(name: string): Promise<boolean>;
  deleteProject(): Promise<boolean>;
  renameFolder(id: string, name: string): Promise<boolean>;
  remove(asset: Asset): Promise<void>;
}

export const useBrowse = create<BrowseState>((set, get) => {
  const attempt = attempter(set);
  /** Runs a load, keeping only the newest answer when the person clicks faster than the network. */
  let generation = 0;
  async function load<T>(work: () => Promise<T>, apply: (value: T) => void): Promise<void> {
    const mine = ++generation;
    set({ loading: true, problem: undefined });
    try {
      const value = await work();
      if (mine === generation) apply(value);
    } catch (error) {
      if (mine === generation) set({ problem: toProblem(error) });
    } finally {
      if (mine === generation) set({ loading: false });
    }
  }

  /** Each folder's items as last loaded, shown while it cannot be read again. */
  const lastLoaded = new Map<string, { items: Asset[]; loadedAt: number }>();
  const placeKey = (accountId: string, crumb: Crumb) => `${accountId}/${crumb.kind}/${crumb.id}`;

  /** Every item of a folder or stack: the first page, then the rest of a big folder behind it. */
  async function listAll(accountId: string, here: Crumb, onPage?: (sofar: Asset[]) => void, stillWanted: () => boolean = () => true): Promise<Asset[]> {
    if (here.kind === 'stack') return call('stack:versions', { accountId, stackId: here.id });
    let page: FolderListing = await call('folder:list', { accountId, folderId: here.id });
    let items = page.items;
    onPage?.(items);
    while (page.next && stillWanted()) {
      page = await call('folder:list', { accountId, folderId: here.id, cursor: page.next });
      items = [...items, ...page.items];
      onPage?.(items);
    }
    return items;
  }

  /**
   * A listing that failed: when Frame.io (or the agent) cannot be reached, what was last loaded
   * of this folder stays on screen and says when it is from; never an empty folder that is not.
   */
  function listingFailed(accountId: string, here: Crumb, error: unknown): void {
    const why = unreachable(error);
    if (!why) {
      set({ items: [], problem: toProblem(error), stale: undefined });
      return;
    }
    const last = lastLoaded.get(placeKey(accountId, here));
    set({ items: last?.items ?? [], stale: { loadedAt: last?.loadedAt ?? null, why }, problem: undefined });
  }

  async function loadPath(path: Crumb[]): Promise<void> {
    const { accountId } = get();
    const here = path.at(-1);
    if (!accountId || !here) return;
    const samePlace = get().path.at(-1)?.id === here.id;
    // Another folder's items never stand under this folder's name, not even while it loads.
    if (!samePlace) set({ path, items: lastLoaded.get(placeKey(accountId, here))?.items ?? [], selectedId: undefined, details: undefined, stale: undefined, sort: sortFor(here.kind, get().sort) });
    else set({ path });
    const mine = ++generation;
    set({ loading: true, problem: undefined });
    try {
      const items = await listAll(
        accountId,
        here,
        (sofar) => {
          if (mine === generation) set({ items: sofar, loading: false, stale: undefined });
        },
        () => mine === generation,
      );
      if (mine !== generation) return;
      lastLoaded.set(placeKey(accountId, here), { items, loadedAt: Date.now() });
      set({ items, stale: undefined });
      keepSelection();
    } catch (error) {
      if (mine === generation) listingFailed(accountId, here, error);
    } finally {
      if (mine === generation) set({ loading: false });
    }
  }

  /** A selection whose item went (deleted by someone else) goes too. */
  function keepSelection(): void {
    const { selectedId, items } = get();
    if (selectedId !== undefined && !items.some((item) => item.id === selectedId)) set({ selectedId: undefined, details: undefined });
  }

  return {
    workspaces: [],
    projects: [],
    path: [],
    items: [],
    loading: false,
    sort: { key: 'name', descending: false },
    filter: '',

    async chooseAccount(accountId) {
      set({ accountId, workspaces: [], workspaceId: undefined, projects: [], project: undefined, path: [], items: [] });
      await load(
        () => call('workspaces:list', { accountId }),
        (workspaces) => set({ workspaces }),
      );
      const first = get().workspaces[0];
      if (first) await get().chooseWorkspace(first.id);
    },

    async chooseWorkspace(workspaceId) {
      const { accountId } = get();
      if (!accountId) return;
      set({ workspaceId, projects: [], project: undefined, path: [], items: [] });
      await load(
        () => call('projects:list', { accountId, workspaceId }),
        (projects) => set({ projects }),
      );
    },

    async openProject(project) {
      set({ project });
      await loadPath([{ id: project.rootFolderId, name: project.name, kind: 'folder' }]);
    },

    async open(asset) {
      if (asset.type === 'file') return get().select(asset.id);
      await loadPath([...get().path, { id: asset.id, name: asset.name, kind: asset.type === 'folder' ? 'folder' : 'stack' }]);
    },

    async openPlace(place) {
      const { accountId, workspaceId, projectId } = place;
      set({ accountId, workspaces: [], workspaceId: undefined, projects: [], project: undefined, path: [], items: [], problem: undefined });
      try {
        const workspaces = await call('workspaces:list', { accountId });
        set({ workspaces });
        if (!workspaces.some((w) => w.id === workspaceId)) return false;
        set({ workspaceId });
        const projects = await call('projects:list', { accountId, workspaceId });
        set({ projects });
        const project = projects.find((p) => p.id === projectId);
        if (!project) return false;
        set({ project });
        const crumbs: Crumb[] = [{ id: project.rootFolderId, name: project.name, kind: 'folder' }];
        for (const step of place.path) {
          const name = step.name ?? (await listAll(accountId, crumbs.at(-1)!)).find((item) => item.id === step.id)?.name;
          if (name === undefined) break;
          crumbs.push({ id: step.id, name, kind: step.kind });
        }
        await loadPath(crumbs);
        return true;
      } catch (error) {
        set({ problem: toProblem(error) });
        return false;
      }
    },

    async goUp() {
      const { path } = get();
      if (path.length < 2) return false;
      await loadPath(path.slice(0, -1));
      return true;
    },

    goTo: (index) => loadPath(get().path.slice(0, index + 1)),
    refresh: () => loadPath(get().path),

    async rereadLists() {
      const { accountId, workspaceId } = get();
      if (!accountId) return;
      const still = () => get().accountId === accountId && get().workspaceId === workspaceId;
      try {
        const workspaces = await call('workspaces:list', { accountId });
        if (!still()) return;
        set({ workspaces });
        const chosen = workspaces.find((w) => w.id === workspaceId) ?? workspaces[0];
        if (!chosen) return;
        if (chosen.id !== workspaceId) return get().chooseWorkspace(chosen.id);
        const projects = await call('projects:list', { accountId, workspaceId: chosen.id });
        if (still()) set({ projects });
      } catch {
        // The lists shown stay as they were; the folder on screen says when Frame.io cannot be reached.
      }
    },

    async reload() {
      const { accountId, path, loading } = get();
      const here = path.at(-1);
      // A load the person asked for is under way: its answer is as fresh.
      if (!accountId || !here || loading) return;
      const mine = generation;
      try {
        const items = await listAll(accountId, here);
        if (mine !== generation) return;
        lastLoaded.set(placeKey(accountId, here), { items, loadedAt: Date.now() });
        set({ items, stale: undefined, problem: undefined });
        keepSelection();
      } catch (error) {
        if (mine === generation) listingFailed(accountId, here, error);
      }
    },

    async select(id) {
      const { accountId, items } = get();
      set({ selectedId: id, details: undefined });
      const asset = items.find((item) => item.id === id);
      if (!accountId || !asset || asset.type !== 'file') return;
      try {
        const details = await call('file:show', { accountId, fileId: asset.id });
        if (get().selectedId === id) set({ details });
      } catch (error) {
        set({ problem: toProblem(error) });
      }
    },

    setSort(key) {
      const { sort } = get();
      set({ sort: { key, descending: sort.key === key ? !sort.descending : false } });
    },

    setFilter: (filter) => set({ filter }),

    async createFolder(name) {
      const { accountId, path } = get();
      const here = path.at(-1);
      if (!accountId || !here || here.kind !== 'folder') return false;
      return attempt(async () => {
        await call('folder:create', { accountId, parentId: here.id, name });
        await get().refresh();
      });
    },

    async createWorkspace(name) {
      const { accountId } = get();
      if (!accountId) return false;
      return attempt(async () => {
        const workspace = await call('workspaces:create', { accountId, name });
        set({ workspaces: [...get().workspaces, workspace] });
        await get().chooseWorkspace(workspace.id);
      });
    },

    async createProject(name) {
      const { accountId, workspaceId } = get();
      if (!accountId || !workspaceId) return false;
      return attempt(async () => {
        const project = await call('projects:create', { accountId, workspaceId, name });
        set({ projects: [...get().projects, project] });
        await get().openProject(project);
      });
    },

    async renameProject(name) {
      const { accountId, project } = get();
      if (!accountId || !project) return false;
      return attempt(async () => {
        const renamed = await call('projects:rename', { accountId, projectId: project.id, name });
        set({ project: renamed, projects: get().projects.map((p) => (p.id === renamed.id ? renamed : p)), path: get().path.map((c, i) => (i === 0 ? { ...c, name: renamed.name } : c)) });
      });
    },

    async deleteProject() {
      const { accountId, project } = get();
      if (!accountId || !project) return false;
      return attempt(async () => {
        await call('projects:delete', { accountId, projectId: project.id });
        set({ project: undefined, path: [], items: [], projects: get().projects.filter((p) => p.id !== project.id) });
      });
    },

    async renameFolder(id, name) {
      const { accountId } = get();
      if (!accountId) return false;
      return attempt(async () => {
        await call('folder:rename', { accountId, folderId: id, name });
        await get().refresh();
      });
    },

    async remove(asset) {
      const { accountId } = get();
      if (!accountId || asset.type === 'version_stack') return;
      try {
        await call('asset:delete', { accountId, assetId: asset.id, type: asset.type });
        await get().refresh();
      } catch (error) {
        set({ problem: toProblem(error) });
      }
    },
  };
});

// Workspaces and projects made or deleted while the agent was away were announced to nobody.
onReconnect(() => void useBrowse.getState().rereadLists());

/** A stack opens on its versions newest first; a folder never keeps a stack's version order. */
function sortFor(kind: Crumb['kind'], sort: BrowseState['sort']): BrowseState['sort'] {
  if (kind === 'stack') return { key: 'version', descending: true };
  return sort.key === 'version' ? { key: 'name', descending: false } : sort;
}

const FOLDERS_FIRST: Record<Asset['type'], number> = { folder: 0, version_stack: 1, file: 1 };

/** The items as shown: filtered by name, folders first, then by the chosen column. */
export function visibleItems(items: Asset[], filter: string, sort: BrowseState['sort']): Asset[] {
  const needle = filter.trim().toLocaleLowerCase();
  const shown = needle ? items.filter((item) => item.name.toLocaleLowerCase().includes(needle)) : items.slice();
  const direction = sort.descending ? -1 : 1;
  const versions = sort.key === 'version' ? versionLabels(items) : undefined;
  const value = (item: Asset): string | number => {
    switch (sort.key) {
      case 'version':
        return versions?.get(item.id)?.number ?? 0;
      case 'size':
        return item.size ?? -1;
      case 'type':
        return item.mediaType ?? item.type;
      case 'status':
        return statusWords(item.status)?.label ?? '';
      case 'updatedAt':
        return item.updatedAt;
      default:
        return item.name.toLocaleLowerCase();
    }
  };
  return shown.sort((a, b) => {
    const group = FOLDERS_FIRST[a.type] - FOLDERS_FIRST[b.type];
    if (group !== 0) return group;
    const va = value(a);
    const vb = value(b);
    const order = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb), undefined, { numeric: true });
    return order * direction || a.name.localeCompare(b.name, undefined, { numeric: true });
  });
}
