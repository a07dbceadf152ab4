// Scenario files: a compact JSON description of a tenant (people, rooms, groups, consents) that
// the loader expands into the full world model with Microsoft's defaults filled in.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { stableGuid } from './ids.js';
import {
  DirectoryRoles,
  type Group,
  type MailboxAccess,
  type MailboxKind,
  type RoomList,
  type ScenarioData,
  type Tenant,
  type User,
  type WorkingHours,
} from './types.js';

/** Exchange Online Plan / Microsoft 365 E3 style SKU ids used by scenarios. */
export const Skus = {
  e3: '05e9a617-0261-4cee-bb44-138d3ef5d965',
  exchangeOnline: '4b9405b0-7788-4568-add1-99614e613b69',
} as const;

const roleNames = z.enum([
  'globalAdministrator',
  'privilegedRoleAdministrator',
  'teamsAdministrator',
  'cloudApplicationAdministrator',
]);

const workingHoursSchema = z.object({
  daysOfWeek: z.array(z.string()).default(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']),
  startTime: z.string().default('09:00:00.0000000'),
  endTime: z.string().default('17:00:00.0000000'),
});

const roomSchema = z.object({
  capacity: z.number().int().positive(),
  building: z.string().optional(),
  floorNumber: z.number().int().optional(),
  floorLabel: z.string().optional(),
  isWheelChairAccessible: z.boolean().optional(),
  bookingType: z.enum(['standard', 'reserved']).optional(),
  audioDeviceName: z.string().optional(),
  videoDeviceName: z.string().optional(),
  displayDeviceName: z.string().optional(),
  tags: z.array(z.string()).optional(),
  bookingPolicy: z.enum(['autoAccept', 'restricted', 'delegateApproval']).default('autoAccept'),
  allowedBookers: z.array(z.string()).optional(),
});

const userSchema = z.object({
  /** Local part or full UPN; a bare local part gets the tenant's default domain. */
  upn: z.string().min(1),
  displayName: z.string().min(1),
  id: z.string().uuid().optional(),
  mail: z.string().nullable().optional(),
  jobTitle: z.string().optional(),
  officeLocation: z.string().optional(),
  accountEnabled: z.boolean().default(true),
  userType: z.enum(['Member', 'Guest']).default('Member'),
  aliases: z.array(z.string()).default([]),
  otherMails: z.array(z.string()).default([]),
  licensed: z.boolean().optional(),
  roles: z.array(roleNames).default([]),
  mailbox: z.enum(['user', 'room', 'equipment', 'shared', 'none']).default('user'),
  onPremises: z.boolean().optional(),
  timeZone: z.string().optional(),
  workingHours: workingHoursSchema.optional(),
  teamsEnabled: z.boolean().default(true),
  access: z.enum(['full', 'denied', 'settingsOnly']).default('full'),
  room: roomSchema.optional(),
});

const groupSchema = z.object({
  displayName: z.string(),
  mailNickname: z.string(),
  securityEnabled: z.boolean().default(true),
  mailEnabled: z.boolean().default(true),
  /** UPNs (local parts allowed) or other groups' mailNicknames prefixed with `group:`. */
  members: z.array(z.string()),
});

const roomListSchema = z.object({
  displayName: z.string(),
  emailAddress: z.string(),
  rooms: z.array(z.string()),
});

/** The JSON shape of one tenant scenario file. */
export const tenantScenarioSchema = z.object({
  tenant: z.object({
    id: z.string().uuid(),
    displayName: z.string(),
    domains: z.array(z.string()).min(1),
    defaultDomain: z.string(),
  }),
  defaults: z
    .object({
      timeZone: z.string().default('Pacific Standard Time'),
      workingHours: workingHoursSchema.default({
        daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        startTime: '09:00:00.0000000',
        endTime: '17:00:00.0000000',
      }),
    })
    .default({
      timeZone: 'Pacific Standard Time',
      workingHours: {
        daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        startTime: '09:00:00.0000000',
        endTime: '17:00:00.0000000',
      },
    }),
  users: z.array(userSchema),
  groups: z.array(groupSchema).default([]),
  roomLists: z.array(roomListSchema).default([]),
  /** Apps already consented in this tenant, with the roles granted (default: all the app asks for). */
  consents: z
    .array(z.object({ appId: z.string(), roles: z.array(z.string()).optional() }))
    .default([]),
  /** Extra data owned by the Graph half (calendars, events); validated there. */
  calendars: z.unknown().optional(),
});
export type TenantScenario = z.infer<typeof tenantScenarioSchema>;

function qualify(nameOrUpn: string, domain: string): string {
  return (nameOrUpn.includes('@') ? nameOrUpn : `${nameOrUpn}@${domain}`).toLowerCase();
}

function expandUser(
  spec: z.infer<typeof userSchema>,
  scenario: TenantScenario,
  tenantId: string,
): User {
  const domain = scenario.tenant.defaultDomain;
  const upn = qualify(spec.upn, domain);
  const kind: MailboxKind = spec.mailbox;
  const mail =
    spec.mail === undefined ? (kind === 'none' && !spec.onPremises ? null : upn) : spec.mail;
  const licensed = spec.licensed ?? (kind === 'user' && spec.userType === 'Member');
  const [given, ...rest] = spec.displayName.split(' ');
  const wh = spec.workingHours ?? scenario.defaults.workingHours;
  const timeZone = spec.timeZone ?? scenario.defaults.timeZone;
  const workingHours: WorkingHours = { ...wh, timeZone };
  const proxyAddresses = mail
    ? [`SMTP:${mail}`, ...spec.aliases.map((a) => `smtp:${qualify(a, domain)}`)]
    : [];
  const access: MailboxAccess = spec.access;
  return {
    id: spec.id ?? stableGuid(tenantId, upn),
    userPrincipalName: upn,
    mail,
    displayName: spec.displayName,
    givenName: kind === 'user' ? given : undefined,
    surname: kind === 'user' && rest.length > 0 ? rest.join(' ') : undefined,
    jobTitle: spec.jobTitle,
    officeLocation: spec.officeLocation,
    // Resource mailboxes' accounts are disabled in Entra, as Exchange creates them.
    accountEnabled:
      kind === 'room' || kind === 'equipment' || kind === 'shared' ? false : spec.accountEnabled,
    userType: spec.userType,
    proxyAddresses,
    otherMails: spec.otherMails,
    assignedLicenses: licensed ? [{ skuId: Skus.e3, disabledPlans: [] }] : [],
    directoryRoles: [DirectoryRoles.user, ...spec.roles.map((r) => DirectoryRoles[r])],
    mailbox: {
      kind,
      onPremises: spec.onPremises,
      timeZone,
      workingHours,
      teamsEnabled: spec.teamsEnabled && kind === 'user',
      access,
      room: spec.room,
    },
  };
}

/** Expands a parsed tenant scenario into a tenant of the world model. */
export function expandTenantScenario(raw: unknown): {
  tenant: Tenant;
  consents: TenantScenario['consents'];
  calendars: unknown;
} {
  const scenario = tenantScenarioSchema.parse(raw);
  const tenantId = scenario.tenant.id.toLowerCase();
  const users = scenario.users.map((u) => expandUser(u, scenario, tenantId));
  const byUpn = new Map(users.map((u) => [u.userPrincipalName, u]));
  const domain = scenario.tenant.defaultDomain;
  const groupIds = new Map(
    scenario.groups.map((g) => [
      g.mailNickname.toLowerCase(),
      stableGuid(tenantId, `group:${g.mailNickname}`),
    ]),
  );
  const groups: Group[] = scenario.groups.map((g) => ({
    id: groupIds.get(g.mailNickname.toLowerCase()) ?? '',
    displayName: g.displayName,
    mail: g.mailEnabled ? `${g.mailNickname}@${domain}`.toLowerCase() : null,
    mailEnabled: g.mailEnabled,
    securityEnabled: g.securityEnabled,
    members: g.members.map((m) => {
      if (m.startsWith('group:')) {
        const id = groupIds.get(m.slice(6).toLowerCase());
        if (!id) throw new Error(`group ${g.mailNickname}: unknown member group ${m}`);
        return id;
      }
      const user = byUpn.get(qualify(m, domain));
      if (!user) throw new Error(`group ${g.mailNickname}: unknown member ${m}`);
      return user.id;
    }),
  }));
  const roomLists: RoomList[] = scenario.roomLists.map((rl) => ({
    id: stableGuid(tenantId, `roomlist:${rl.emailAddress}`),
    displayName: rl.displayName,
    emailAddress: qualify(rl.emailAddress, domain),
    rooms: rl.rooms.map((r) => {
      const room = byUpn.get(qualify(r, domain));
      if (!room || room.mailbox.kind !== 'room')
        throw new Error(`room list ${rl.emailAddress}: ${r} is not a room`);
      return room.userPrincipalName;
    }),
  }));
  const tenant: Tenant = {
    id: tenantId,
    displayName: scenario.tenant.displayName,
    domains: scenario.tenant.domains.map((d) => d.toLowerCase()),
    defaultDomain: domain.toLowerCase(),
    users,
    groups,
    roomLists,
    servicePrincipals: {},
  };
  return { tenant, consents: scenario.consents, calendars: scenario.calendars };
}

/** Reads a scenario JSON file. */
export async function readScenarioFile(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

export type { ScenarioData };
