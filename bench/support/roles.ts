// The benches' child roles: a bench file forked with `--role=<name>` becomes that child (the
// emulator, Quorum's server, …) and serves its commands over IPC; the driver starts and stops them.
import { pathToFileURL } from 'node:url';
import type { Emulator } from '../../emulator/emulator.js';
import { rpc, serve, spawnRole } from '../child-rpc.js';

/** A `stop` command: runs `close`, then ends the child once the reply is on its way. */
export function exitAfter(close: () => Promise<void>) {
  return async () => {
    await close();
    setImmediate(() => process.exit(0));
  };
}

/** The emulator role: answers `info` with what the driver needs, and `stop`. */
export function serveEmulator(emulator: Emulator, info: unknown): void {
  serve({
    info: () => Promise.resolve(info),
    stop: exitAfter(() => emulator.close()),
  });
}

/**
 * Runs the role named by `--role=` when the file at `moduleUrl` is the one Node was started with
 * (a forked child), and nothing when it is imported.
 */
export function runRole(moduleUrl: string, roles: Record<string, () => Promise<void>>): void {
  const role = process.argv.find((a) => a.startsWith('--role='))?.slice('--role='.length);
  if (!role || !process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const start = roles[role];
  if (!start) throw new Error(`unknown role ${role}`);
  start().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

/** A child in `role`, its command channel, and a `stop` that asks it to stop and then kills it. */
export function startChild(file: string, role: string) {
  const child = spawnRole(file, role);
  const call = rpc(child);
  return {
    call,
    stop: async () => {
      await call('stop').catch(() => undefined);
      child.kill();
    },
  };
}
