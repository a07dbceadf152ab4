// Every feature's route module, in mounting order. main.ts and the integration tests mount this list.
import type { RouteModule } from '../../app.js';

export const featureRoutes: readonly RouteModule[] = [];
