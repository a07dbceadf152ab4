// `npm run emulator`: the local Microsoft 365 alone, on fixed ports, its CA kept under the data dir.
import path from 'node:path';
import { createEmulator, type Emulator } from './emulator.js';
import { DirectoryRoles } from './world/types.js';

/** Ports and places of a standalone emulator; each can be overridden by the environment. */
export const EMULATOR_DEFAULTS = {
  loginPort: 5443,
  graphPort: 5444,
  stateDir: path.join('data', 'emulator'),
} as const;

function portFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be a port number (0-65535), got "${value}"`);
  }
  return port;
}

/** Starts the emulator the way `npm start` and `npm run emulator` do. */
export async function startStandaloneEmulator(quorumPublicUrl?: string): Promise<Emulator> {
  const env = process.env;
  return createEmulator({
    loginPort: portFrom(
      env.EMULATOR_LOGIN_PORT,
      EMULATOR_DEFAULTS.loginPort,
      'EMULATOR_LOGIN_PORT',
    ),
    graphPort: portFrom(
      env.EMULATOR_GRAPH_PORT,
      EMULATOR_DEFAULTS.graphPort,
      'EMULATOR_GRAPH_PORT',
    ),
    stateDir: env.EMULATOR_STATE_DIR ?? EMULATOR_DEFAULTS.stateDir,
    quorumPublicUrl,
  });
}

/** Lines describing the emulated tenants and who can sign in, for the console. */
export function describeEmulator(emulator: Emulator): string[] {
  const lines = [
    `Entra ID (login):   ${emulator.loginUrl}`,
    `Microsoft Graph:    ${emulator.graphUrl}`,
    `Control API:        ${emulator.loginUrl}/_emulator/state`,
    `Emulator CA:        ${path.resolve(process.env.EMULATOR_STATE_DIR ?? EMULATOR_DEFAULTS.stateDir, 'ca.pem')}`,
  ];
  const consenters = new Set<string>([
    DirectoryRoles.globalAdministrator,
    DirectoryRoles.privilegedRoleAdministrator,
  ]);
  for (const tenant of emulator.world.tenants.values()) {
    const people = tenant.users.filter((u) => u.mailbox.kind === 'user' && u.userType === 'Member');
    const admins = people.filter((u) => u.directoryRoles.some((r) => consenters.has(r)));
    lines.push(
      `Tenant ${tenant.displayName} (${tenant.id}, ${tenant.defaultDomain}): ${people.length} people` +
        (admins.length
          ? `; can grant admin consent: ${admins.map((a) => a.userPrincipalName).join(', ')}`
          : ''),
    );
  }
  return lines;
}

const isMain =
  process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('emulator', 'main.ts'));
if (isMain) {
  const emulator = await startStandaloneEmulator();
  console.log(
    ['Local Microsoft 365 emulator is running.', ...describeEmulator(emulator)].join('\n'),
  );
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
