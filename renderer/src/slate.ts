// The renderer's only way out: typed calls over `window.slate`, with every reply checked against
// the contract before the UI trusts it.
import { events, ReplySchema, requests, type EventName, type EventPayload, type Failure, type RequestChannel, type RequestInput, type RequestOutput, type SlateApi } from '../../preload/contract.ts';

declare global {
  interface Window {
    slate?: SlateApi;
  }
}

export class SlateFailure extends Error {
  readonly code: string;
  readonly action: string | undefined;

  constructor(failure: Failure) {
    super(failure.message);
    this.code = failure.code;
    this.action = failure.action;
  }
}

let api: SlateApi | undefined;

export function connectBridge(bridge: SlateApi): void {
  api = bridge;
}

export async function call<C extends RequestChannel>(channel: C, input: RequestInput<C>): Promise<RequestOutput<C>> {
  if (!api) throw new SlateFailure({ code: 'no-bridge', message: 'Slate is not connected.' });
  const reply = ReplySchema.parse(await api.invoke(channel, input));
  if (!reply.ok) throw new SlateFailure(reply.error);
  const output = requests[channel].output.safeParse(reply.value);
  if (!output.success) throw new SlateFailure({ code: 'bad-reply', message: `Slate sent an unexpected ${channel} reply.` });
  return output.data as RequestOutput<C>;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  if (!api) return () => undefined;
  return api.on(event, (payload) => {
    const parsed = events[event].safeParse(payload);
    if (parsed.success) listener(parsed.data as EventPayload<E>);
  });
}

export function pathsForFiles(files: File[], relativePaths: string[]): Promise<string[]> {
  if (!api) return Promise.reject(new SlateFailure({ code: 'no-bridge', message: 'Slate is not connected.' }));
  return api.pathsForFiles(files, relativePaths);
}
