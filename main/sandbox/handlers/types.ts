import type { OperationId } from '../../common/operations.generated.ts';
import type { UserRecord } from '../store/records.ts';
import type { World } from '../world.ts';

export interface RequestContext {
  world: World;
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
