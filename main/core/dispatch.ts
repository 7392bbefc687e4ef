// The one door into the service from outside the process: it accepts only channels the contract
// names, validates the input against the contract's schema, and turns every failure into a reply
// that says what happened and what to do. Electron's ipcMain and the web agent both call it.
import { isRequestChannel, requests, type Failure, type Reply } from '../../preload/contract.ts';
import { SignInError } from './api/auth/errors.ts';
import { ApiError } from './api/errors.ts';
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
    return { ok: false, error: toFailure(error) };
  }
}

export function toFailure(error: unknown): Failure {
  if (error instanceof ApiError) return { code: `api:${error.kind}`, message: error.message, action: error.action };
  if (error instanceof SignInError) return { code: `sign-in:${error.kind}`, message: error.message, action: error.action };
  if (error instanceof Error) return { code: 'internal', message: error.message };
  return { code: 'internal', message: String(error) };
}
