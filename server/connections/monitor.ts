// Periodic verification (DESIGN J3): every enabled connection is probed again on an interval, so
// consent revoked at Microsoft or a credential that stopped working shows up without anyone asking;
// then the org's alerts (broken, expiring) go out. Timers come from an injected scheduler.
import type { Store } from '../store/index.js';
import type { ConnectionService, ServiceLogger } from './connection-service.js';

/** Runs `task` every `ms`; returns a function that stops it. */
export type Scheduler = (ms: number, task: () => void) => () => void;

/** setInterval, unref'd so a pending check never keeps the process alive. */
export const intervalScheduler: Scheduler = (ms, task) => {
  const timer = setInterval(task, ms);
  timer.unref();
  return () => clearInterval(timer);
};

export interface MonitorOptions {
  store: Store;
  service: ConnectionService;
  /** Sends the org's pending alerts (see `deliverAlerts`). */
  dispatchAlerts(orgId: string): Promise<void>;
  intervalMs: number;
  scheduler: Scheduler;
  logger: ServiceLogger;
}

export interface ConnectionMonitor {
  start(): void;
  stop(): void;
  /** One round over every org: re-check enabled connections, then send alerts. */
  runOnce(): Promise<void>;
}

export function createConnectionMonitor(options: MonitorOptions): ConnectionMonitor {
  let cancel: (() => void) | undefined;
  let running: Promise<void> | undefined;

  async function round(): Promise<void> {
    for (const orgId of await options.store.listOrgIds()) {
      try {
        for (const connection of await options.service.list(orgId)) {
          if (connection.enabled) await options.service.recheck(orgId, connection.id);
        }
        await options.dispatchAlerts(orgId);
      } catch (error) {
        options.logger.error({ err: error, orgId }, 'periodic connection check failed');
      }
    }
  }

  function runOnce(): Promise<void> {
    // One round at a time: a slow round is not overlapped by the next tick.
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    start() {
      cancel ??= options.scheduler(options.intervalMs, () => {
        void runOnce();
      });
    },
    stop() {
      cancel?.();
      cancel = undefined;
    },
    runOnce,
  };
}
