// THE contract between the renderer and the service. Every request channel and every event is
// named here and nowhere else; the main side validates inputs against these schemas and the
// renderer validates what comes back. Electron's ipc and the web agent's WebSocket both carry it.
import { z } from 'zod';

export const BackendSchema = z.object({
  kind: z.enum(['sandbox', 'frameio']),
  url: z.string(),
});

export const AppInfoSchema = z.object({
  name: z.literal('Slate'),
  version: z.string(),
  backend: BackendSchema,
  /** Electron window or a browser served by the web agent */
  shell: z.enum(['desktop', 'web']),
});

export const ProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  avatarUrl: z.string().nullable(),
});

export const AccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
});

const none = z.object({}).strict();

export const requests = {
  'app:info': { input: none, output: AppInfoSchema },
  'user:me': { input: none, output: ProfileSchema },
  'accounts:list': { input: none, output: z.array(AccountSchema) },
} as const;

export const events = {
  /** The service lost or regained its sign-in; the renderer re-reads the user. */
  'session:changed': z.object({ signedIn: z.boolean() }),
} as const;

/** A failure as it crosses the boundary: what happened, and what the person can do. */
export const FailureSchema = z.object({
  code: z.string(),
  message: z.string(),
  action: z.string().optional(),
});

export const ReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: FailureSchema }),
]);

export type RequestChannel = keyof typeof requests;
export type EventName = keyof typeof events;
export type RequestInput<C extends RequestChannel> = z.input<(typeof requests)[C]['input']>;
export type RequestOutput<C extends RequestChannel> = z.output<(typeof requests)[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export type Failure = z.output<typeof FailureSchema>;
export type Reply = z.output<typeof ReplySchema>;

export type AppInfo = z.output<typeof AppInfoSchema>;
export type Profile = z.output<typeof ProfileSchema>;
export type Account = z.output<typeof AccountSchema>;

/** What the renderer sees as `window.slate`, in Electron and in a browser alike. */
export interface SlateApi {
  invoke<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<Reply>;
  on<E extends EventName>(event: E, listener: (payload: unknown) => void): () => void;
}

export const requestChannels = Object.keys(requests) as RequestChannel[];
export const eventNames = Object.keys(events) as EventName[];

export const isRequestChannel = (name: unknown): name is RequestChannel =>
  typeof name === 'string' && Object.hasOwn(requests, name);
export const isEventName = (name: unknown): name is EventName => typeof name === 'string' && Object.hasOwn(events, name);

/**
 * The web agent carries the same contract over one WebSocket: the browser sends `invoke` frames,
 * the agent answers with `reply` frames of the same id and pushes `event` frames.
 */
export const ClientFrameSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  input: z.unknown(),
});

export const ServerFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reply'), id: z.number().int(), reply: ReplySchema }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);

export type ClientFrame = z.output<typeof ClientFrameSchema>;
export type ServerFrame = z.output<typeof ServerFrameSchema>;
