// Every feature's route module, in mounting order. main.ts and the integration tests mount this list.
import type { RouteModule } from '../../app.js';
import { auditRoutes } from './audit.js';
import { connectionRoutes } from './connections.js';
import { meCalendarRoutes } from './me-calendars.js';
import { meRoutes } from './me.js';
import { meetingRoutes } from './meetings.js';
import { memberExportRoutes } from './member-exports.js';
import { membersRoutes } from './members.js';
import { orgEventRoutes } from './org-events.js';
import { orgStatusRoutes } from './org-status.js';
import { orgSyncRoutes } from './org-sync.js';
import { personalCalendarRoutes } from './personal-calendars.js';
import { roleRoutes } from './roles.js';
import { roomRoutes } from './rooms.js';
import { scheduleRoutes } from './schedule.js';
import { settingsRoutes } from './settings.js';
import { webRoutes } from './web.js';
import { webhookRoutes } from './webhooks.js';
import { legalRoutes } from '../../web/legal-routes.js';

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
  meetingRoutes,
  scheduleRoutes,
  roomRoutes,
  webRoutes(),
  webhookRoutes,
  orgEventRoutes,
  legalRoutes,
];
