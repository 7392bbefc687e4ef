import { accountHandlers } from './accounts.ts';
import { fileHandlers } from './files.ts';
import { folderHandlers } from './folders.ts';
import { projectHandlers } from './projects.ts';
import type { HandlerTable } from './types.ts';
import { userHandlers } from './users.ts';
import { workspaceHandlers } from './workspaces.ts';

export const handlers: HandlerTable = { ...userHandlers, ...accountHandlers, ...workspaceHandlers, ...projectHandlers, ...folderHandlers, ...fileHandlers };
