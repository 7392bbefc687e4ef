import { accountHandlers } from './accounts.ts';
import type { HandlerTable } from './types.ts';
import { userHandlers } from './users.ts';

export const handlers: HandlerTable = { ...userHandlers, ...accountHandlers };
