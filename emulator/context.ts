// What every emulator route handler shares: the world, the signing keys, the clock and the
// public URLs of the two emulated Microsoft hosts.
import type { SigningKeys } from './keys/signing-keys.js';
import type { World } from './world/world.js';

/** Quorum's own multi-tenant app as registered in the emulator (from appPackage/aad.manifest.json). */
export interface QuorumAppInfo {
  clientId: string;
  clientSecret: string;
  homeTenantId: string;
  /** The base URL Quorum is served from; redirect URIs are registered under it. */
  publicUrl: string;
}

export interface EmulatorContext {
  world: World;
  keys: SigningKeys;
  now(): number;
  /** `https://host:port` of the emulated login.microsoftonline.com. */
  loginUrl: string;
  /** `https://host:port` of the emulated graph.microsoft.com. */
  graphUrl: string;
  quorumApp: QuorumAppInfo;
  /** Raw `calendars` sections of the scenario files, by tenant id, for the Graph half to seed. */
  scenarioCalendars: Map<string, unknown>;
}
