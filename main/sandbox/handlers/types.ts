import type { OperationId } from '../../core/api/operations.generated.ts';
import type { SandboxState, UserRecord } from '../state.ts';

export interface RequestContext {
  state: SandboxState;
  user: UserRecord;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** the request path without its query */
  path: string;
}

export interface Reply {
  status: number;
  body?: unknown;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export type HandlerTable = Partial<Record<OperationId, Handler>>;
