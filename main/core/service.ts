// The one service object behind the contract. The Electron shell and the web agent are two
// adapters of it; neither holds logic of its own.
import { EventEmitter } from 'node:events';
import type { AppInfo, EventName, EventPayload, RequestChannel, RequestInput, RequestOutput } from '../../preload/contract.ts';
import type { FrameioClient } from './api/client.ts';
import { Browser } from './browse/browse.ts';

export type Handlers = {
  [C in RequestChannel]: (input: RequestInput<C>) => Promise<RequestOutput<C>>;
};

export interface Service {
  handlers: Handlers;
  /** Subscribe to every event the service emits; returns the unsubscribe function. */
  subscribe(listener: <E extends EventName>(event: E, payload: EventPayload<E>) => void): () => void;
  close(): Promise<void>;
}

export interface ServiceDeps {
  api: FrameioClient;
  backend: AppInfo['backend'];
  shell: AppInfo['shell'];
  version: string;
}

export function createService(deps: ServiceDeps): Service {
  const emitter = new EventEmitter();
  const browser = new Browser(deps.api);

  const handlers: Handlers = {
    'app:info': async () => ({ name: 'Slate', version: deps.version, backend: deps.backend, shell: deps.shell }),
    'user:me': async () => {
      const me = await deps.api.me();
      return { id: me.id, name: me.name, email: me.email, avatarUrl: me.avatar_url };
    },
    'accounts:list': async () => {
      const accounts = await deps.api.accounts();
      return accounts.map((a) => ({ id: a.id, name: a.display_name, roles: a.roles ?? [] }));
    },
    'workspaces:list': ({ accountId }) => browser.workspaces(accountId),
    'projects:list': ({ accountId, workspaceId }) => browser.projects(accountId, workspaceId),
    'folder:list': ({ accountId, folderId }) => browser.folder(accountId, folderId),
    'folder:create': ({ accountId, parentId, name }) => browser.createFolder(accountId, parentId, name),
    'folder:rename': ({ accountId, folderId, name }) => browser.renameFolder(accountId, folderId, name),
    'asset:delete': async ({ accountId, assetId, type }) => {
      await browser.delete(accountId, assetId, type);
      return { deleted: true as const };
    },
    'file:show': ({ accountId, fileId }) => browser.file(accountId, fileId),
    'stack:versions': ({ accountId, stackId }) => browser.versions(accountId, stackId),
  };

  return {
    handlers,
    subscribe(listener) {
      const forward = (event: EventName, payload: unknown) => listener(event, payload as never);
      emitter.on('event', forward);
      return () => emitter.off('event', forward);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
