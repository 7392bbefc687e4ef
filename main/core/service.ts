// The one service object behind the contract. The Electron shell and the web agent are two
// adapters of it; neither holds logic of its own.
import { EventEmitter } from 'node:events';
import type { AppInfo, EventName, EventPayload } from '../../preload/contract.ts';
import type { FrameioClient } from './api/client.ts';
import type { SessionControl } from './api/auth/session-control.ts';
import type { ChosenPaths } from './chosen-paths.ts';
import type { DragCache } from './drag-out/drag-cache.ts';
import type { SettingsStore } from './settings.ts';
import { watchLandings } from './browse/changes.ts';
import { keepToV4, type LegacyApi } from './handlers/api-choice.ts';
import { browseHandlers } from './handlers/browse.ts';
import { dragHandlers } from './handlers/drag.ts';
import { followHandlers } from './handlers/follows.ts';
import { placeHandlers } from './handlers/place.ts';
import { reviewHandlers } from './handlers/review.ts';
import { sessionHandlers } from './handlers/session.ts';
import { shareHandlers } from './handlers/shares.ts';
import { settingsHandlers } from './handlers/settings.ts';
import { transferHandlers } from './handlers/transfers.ts';
import { watchHandlers, type FolderPicker } from './handlers/watches.ts';
import { Following } from './review/following.ts';
import { LastPlace } from './browse/last-place.ts';
import type { Handlers } from './handlers/types.ts';
import { TransferActivity } from './transfers/activity.ts';
import { RememberedDestination } from './transfers/download/destination.ts';
import type { TransferEngine } from './transfers/engine.ts';
import type { FollowManager } from './sync/manager.ts';
import type { WatchManager } from './watch/manager.ts';
import type { WatchPolicy } from './watch/policy.ts';

export type { Handlers } from './handlers/types.ts';

const COUNTS_INTERVAL_MS = 250;

export interface Service {
  handlers: Handlers;
  /** Subscribe to every event the service emits; returns the unsubscribe function. */
  subscribe(listener: <E extends EventName>(event: E, payload: EventPayload<E>) => void): () => void;
  /** Subscribe to one event, its payload typed; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** whether transfers are under way, how far, and sleep and wake: for the shell and the tray */
  activity: TransferActivity;
  /** Records paths the person chose; called by the adapters, never by a renderer request. */
  choosePaths(paths: readonly string[]): void;
  close(): Promise<void>;
}

export interface ServiceDeps {
  api: FrameioClient;
  engine: TransferEngine;
  chosen: ChosenPaths;
  settings: SettingsStore;
  dataDir: string;
  watches: WatchManager;
  follows: FollowManager;
  /** the desktop's folder dialog; absent in the web agent */
  pickFolder?: FolderPicker;
  /** what a drag out of the desktop window brings down; absent in the web agent */
  dragOut?: DragCache;
  /** which folders the UI may watch, and whether a watch may delete what it uploaded: the shell's to say */
  watchPolicy: WatchPolicy;
  /** sign-in and profiles, when this process keeps them (not on a fixed token) */
  session?: SessionControl;
  /** legacy V2, for a sign-in that speaks it: browsing and review go through it, and what only V4 has says so */
  legacy?: LegacyApi;
  backend: AppInfo['backend'];
  shell: AppInfo['shell'];
  /** where a first run opens: the embedded demo sandbox's media */
  start?: AppInfo['start'];
  version: string;
}

export function createService(deps: ServiceDeps): Service {
  const { api, engine, chosen } = deps;
  const emitter = new EventEmitter();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => emitter.emit('event', event, payload);
  const countsDue = new Map<string, NodeJS.Timeout>();
  const forwarders = {
    job: (job: EventPayload<'transfers:job'>) => emit('transfers:job', job),
    file: (change: EventPayload<'transfers:file'>) => emit('transfers:file', change),
    progress: (progress: EventPayload<'transfers:progress'>) => emit('transfers:progress', progress),
    connection: (state: EventPayload<'transfers:connection'>) => emit('transfers:connection', state),
    watch: (watch: EventPayload<'watches:changed'>) => emit('watches:changed', watch),
    // A file changing state changes its watch's counts too; a catch-up over a big tree moves
    // thousands of files, so the counts (a pass over all of them) go out a few times a second.
    watchFile: (file: EventPayload<'watches:file'>) => {
      emit('watches:file', file);
      if (countsDue.has(file.watchId)) return;
      countsDue.set(
        file.watchId,
        setTimeout(() => {
          countsDue.delete(file.watchId);
          // A watch removed meanwhile has nothing left to report.
          const summary = (() => {
            try {
              return deps.watches.summary(file.watchId);
            } catch {
              return undefined;
            }
          })();
          if (summary) emit('watches:changed', summary);
        }, COUNTS_INTERVAL_MS),
      );
    },
  };
  engine.on('job', forwarders.job);
  engine.on('file', forwarders.file);
  engine.on('progress', forwarders.progress);
  engine.reachability.on('change', forwarders.connection);
  deps.watches.on('watch', forwarders.watch);
  deps.watches.on('file', forwarders.watchFile);
  const onFollow = (follow: EventPayload<'follows:changed'>) => emit('follows:changed', follow);
  deps.follows.on('follow', onFollow);
  const stopLandings = watchLandings(engine, (change) => emit('browse:changed', change));

  const following = new Following(api, {
    comment: (accountId, fileId, comment) => emit('comments:new', { accountId, fileId, comment }),
    unread: (accountId, fileId, unread, total) => emit('comments:unread', { accountId, fileId, unread, total }),
  }, () => deps.settings.get().commentCheckSeconds * 1000);

  const activity = new TransferActivity(engine);
  const info: AppInfo = { name: 'Slate', version: deps.version, backend: deps.backend, shell: deps.shell, ...(deps.start ? { start: deps.start } : {}) };
  return {
    handlers: keepToV4(deps.legacy, {
      ...sessionHandlers(api, info, deps.session, (signedIn) => emit('session:changed', { signedIn }), deps.legacy),
      ...browseHandlers(api, deps.legacy),
      ...transferHandlers(engine, chosen, { policy: deps.watchPolicy, remembered: new RememberedDestination(deps.dataDir) }),
      ...reviewHandlers(api, following, deps.legacy),
      ...shareHandlers(api),
      ...watchHandlers(deps.watches, chosen, deps.watchPolicy, deps.pickFolder),
      ...followHandlers(deps.follows, deps.watchPolicy),
      ...dragHandlers(deps.dragOut),
      ...settingsHandlers(deps.settings, deps.dataDir, engine, (settings) => emit('settings:changed', settings)),
      // The embedded sandbox (the one with a start) begins afresh each run: its places would only pile up on disk.
      ...placeHandlers(new LastPlace(deps.backend.url, deps.start ? undefined : deps.dataDir)),
    }),
    subscribe(listener) {
      const forward = (event: EventName, payload: unknown) => listener(event, payload as never);
      emitter.on('event', forward);
      return () => emitter.off('event', forward);
    },
    on(event, listener) {
      const forward = (name: EventName, payload: unknown) => {
        if (name === event) listener(payload as never);
      };
      emitter.on('event', forward);
      return () => emitter.off('event', forward);
    },
    activity,
    choosePaths: (paths) => chosen.add(paths),
    async close() {
      await following.close();
      activity.close();
      stopLandings();
      engine.off('job', forwarders.job);
      engine.off('file', forwarders.file);
      engine.off('progress', forwarders.progress);
      engine.reachability.off('change', forwarders.connection);
      deps.watches.off('watch', forwarders.watch);
      deps.watches.off('file', forwarders.watchFile);
      deps.follows.off('follow', onFollow);
      for (const timer of countsDue.values()) clearTimeout(timer);
      emitter.removeAllListeners();
    },
  };
}
