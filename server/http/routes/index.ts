// Every feature's route module, in mounting order. main.ts and the integration tests mount this list.
import type { RouteModule } from '../../app.js';
import { auditRoutes } from './audit.js';
import { connectionRoutes } from './connections.js';
import { meCalendarRoutes } from './me-calendars.js';
import { meRoutes } from './me.js';
import { memberExportRoutes } from './member-exports.js';
import { membersRoutes } from './members.js';
import { orgStatusRoutes } from './org-status.js';
import { orgSyncRoutes } from './org-sync.js';
import { personalCalendarRoutes } from './personal-calendars.js';
import { roleRoutes } from './roles.js';
import { settingsRoutes } from './settings.js';

export const featureRoutes: readonly RouteModule[] = [
  meRoutes,
  meCalendarRoutes,
  personalCalendarRoutes,
  settingsRoutes,
  auditRoutes,
  roleRoutes,
  connectionRoutes,
  orgStatusRoutes,
  membersRoutes,
  orgSyncRoutes,
  memberExportRoutes,
];
