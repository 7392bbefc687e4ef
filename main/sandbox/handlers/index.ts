import { accountHandlers } from './accounts.ts';
import { commentHandlers } from './comments.ts';
import { fileHandlers } from './files.ts';
import { folderHandlers } from './folders.ts';
import { metadataHandlers } from './metadata.ts';
import { projectHandlers } from './projects.ts';
import { roleHandlers } from './roles.ts';
import { shareHandlers } from './shares.ts';
import type { HandlerTable } from './types.ts';
import { userHandlers } from './users.ts';
import { versionStackHandlers } from './version-stacks.ts';
import { webhookHandlers } from './webhooks.ts';
import { workspaceHandlers } from './workspaces.ts';

export const handlers: HandlerTable = {
  ...userHandlers,
  ...accountHandlers,
  ...roleHandlers,
  ...workspaceHandlers,
  ...projectHandlers,
  ...folderHandlers,
  ...fileHandlers,
  ...versionStackHandlers,
  ...commentHandlers,
  ...shareHandlers,
  ...webhookHandlers,
  ...metadataHandlers,
};
