// Every feature's route module, in mounting order. main.ts and the integration tests mount this list.
import type { RouteModule } from '../../app.js';
import { connectionRoutes } from './connections.js';
import { memberExportRoutes } from './member-exports.js';
import { membersRoutes } from './members.js';
import { orgStatusRoutes } from './org-status.js';
import { orgSyncRoutes } from './org-sync.js';

export const featureRoutes: readonly RouteModule[] = [
  connectionRoutes,
  orgStatusRoutes,
  membersRoutes,
  orgSyncRoutes,
  memberExportRoutes,
];
