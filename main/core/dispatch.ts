// The one door into the service from outside the process: it accepts only channels the contract
// names, validates the input against the contract's schema, and turns every failure into a reply
// that says what happened and what to do. Electron's ipcMain and the web agent both call it.
import { isRequestChannel, requests, type Failure, type Reply } from '../../preload/contract.ts';
import { INTERNAL_ACTION, SlateError } from './errors.ts';
import type { Service } from './service.ts';

export async function dispatch(service: Service, channel: unknown, input: unknown): Promise<Reply> {
  if (!isRequestChannel(channel)) {
    return { ok: false, error: { code: 'unknown-channel', message: `Unknown request: ${String(channel)}` } };
  }
  const parsed = requests[channel].input.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, error: { code: 'invalid-input', message: `Invalid ${channel} request${where}: ${issue?.message ?? 'rejected'}` } };
  }
  try {
    const handler = service.handlers[channel] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    const failure = toFailure(error);
    // A bug has no words for the person; its stack is what finds it.
    if (failure.code === 'internal') console.error(`Slate: ${channel} failed inside Slate:`, error);
    return { ok: false, error: failure };
  }
}

/** Every refusal the person can meet is a SlateError and keeps its code and action; anything else is a bug. */
export function toFailure(error: unknown): Failure {
  if (error instanceof SlateError) return { code: error.code, message: error.message, action: error.action };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something went wrong inside Slate: ${message}`, action: INTERNAL_ACTION };
}
