import type { RequestChannel, RequestInput, RequestOutput } from '../../../preload/contract.ts';

export type Handlers = {
  [C in RequestChannel]: (input: RequestInput<C>) => Promise<RequestOutput<C>>;
};

/** The handlers of one feature; the service joins them and the type checker makes sure none is missing. */
export type HandlerGroup<Prefix extends string> = Pick<Handlers, Extract<RequestChannel, `${Prefix}:${string}`>>;
