// The emulator's fault controls as the fault tests use them: arm, disarm, and read back what fired
// (`GET /_emulator/faults`), mapping the probe paths a fault hit to the members they belong to.
import { control, type TestEmulator } from '../../support/emulator.js';

export interface Injected {
  status: Record<string, number>;
  reset: number;
  drop: number;
  slow: number;
  delayed: number;
  hits: string[];
}

/** Disarms every Graph and token fault and latency, and zeroes the counters. */
export async function resetFaults(emu: TestEmulator): Promise<void> {
  await control(emu, 'DELETE', '/faults');
  await control(emu, 'DELETE', '/latency');
  await control(emu, 'DELETE', '/faults/token');
  await control(emu, 'DELETE', '/faults/injected');
}

export async function arm(emu: TestEmulator, path: string, body: object): Promise<void> {
  const { status, body: answer } = await control(emu, 'POST', path, body);
  if (status !== 204 && status !== 201) {
    throw new Error(`arming ${path} failed: ${status} ${JSON.stringify(answer)}`);
  }
}

export async function injected(emu: TestEmulator): Promise<Injected> {
  const { body } = await control<{ injected: Injected }>(emu, 'GET', '/faults');
  return body.injected;
}

/** Faults that fired: error statuses plus connection faults (latency-delayed answers apart). */
export function firedCount(i: Injected): number {
  return Object.values(i.status).reduce((a, b) => a + b, 0) + i.reset + i.drop + i.slow;
}

/** Token requests still to fail. */
export async function pendingTokenFaults(emu: TestEmulator): Promise<number> {
  const { body } = await control<{ pendingTokenFaults: number }>(emu, 'GET', '/state');
  return body.pendingTokenFaults;
}

/** Probe items of the health sweep (`/users/{id}/mailboxSettings`, `/users/{id}/calendar`). */
export const PROBE_PATHS = '^/users/[^/]+/(mailboxSettings|calendar)$';

/**
 * The member (by email, as Quorum lists them) each hit belongs to, or null for a hit on a whole
 * request (`/$batch`) that no single member owns.
 */
export function hitOwners(emu: TestEmulator, tenant: string, hits: readonly string[]) {
  const t = emu.world.findTenant(tenant);
  if (!t) throw new Error(`no tenant ${tenant}`);
  return hits.map((path) => {
    const id = /^\/users\/([^/]+)\//.exec(path)?.[1];
    const user = id === undefined ? undefined : emu.world.findUser(t, decodeURIComponent(id));
    return user ? (user.mail ?? user.userPrincipalName).toLowerCase() : null;
  });
}
