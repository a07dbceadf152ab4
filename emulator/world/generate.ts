// Generates large tenants for benchmarks and load tests: N directory users with realistic names,
// time zones and the mailbox states Quorum must handle, deterministic for a given seed.
import { stableGuid } from './ids.js';
import { Skus } from './scenario.js';
import {
  DirectoryRoles,
  type MailboxAccess,
  type RoomList,
  type Tenant,
  type User,
} from './types.js';

export interface GenerateTenantOptions {
  /** Default: a stable GUID derived from the domain. */
  tenantId?: string;
  /** The default (vanity) domain, e.g. `northwind.example`. */
  domain: string;
  /** Directory users in total, rooms and shared mailboxes included. */
  count: number;
  displayName?: string;
  seed?: number;
}

const FIRST = [
  'Ava',
  'Ben',
  'Chen',
  'Dana',
  'Eli',
  'Fatima',
  'Gus',
  'Hiro',
  'Ines',
  'Jon',
  'Kira',
  'Liam',
  'Maya',
  'Nils',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tara',
  'Umar',
  'Vera',
  'Wei',
  'Xena',
  'Yusuf',
  'Zoe',
];
const LAST = [
  'Adams',
  'Berg',
  'Costa',
  'Diaz',
  'Evans',
  'Fischer',
  'Garcia',
  'Hughes',
  'Ito',
  'Jensen',
  'Khan',
  'Lopez',
  'Meyer',
  'Novak',
  'Okafor',
  'Patel',
  'Quist',
  'Rossi',
  'Sato',
  'Tanaka',
  'Usman',
  'Vargas',
  'Weber',
  'Xu',
  'Young',
  'Zhang',
];
const ZONES: [string, number][] = [
  ['Pacific Standard Time', 0.45],
  ['Eastern Standard Time', 0.2],
  ['GMT Standard Time', 0.12],
  ['W. Europe Standard Time', 0.12],
  ['India Standard Time', 0.06],
  ['Tokyo Standard Time', 0.05],
];

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickZone(r: number): string {
  let acc = 0;
  for (const [zone, share] of ZONES) {
    acc += share;
    if (r < acc) return zone;
  }
  return 'Pacific Standard Time';
}

const WORKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

/**
 * A tenant of `count` users: about 1 in 250 is a room (in room lists of 20), 1 in 500 a shared
 * mailbox, and among people ~2% are unlicensed, ~1% disabled, ~0.5% outside the app's access
 * scope, ~0.5% settings-only, ~0.3% guests without a mailbox.
 */
export function generateTenant(options: GenerateTenantOptions): Tenant {
  const domain = options.domain.toLowerCase();
  const tenantId = (options.tenantId ?? stableGuid('generated-tenant', domain)).toLowerCase();
  const label = domain.split('.')[0] ?? 'generated';
  const initial = `${label}.onmicrosoft.com`;
  const random = prng(options.seed ?? 42);
  const users: User[] = [];
  const rooms: string[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const r = random();
    const zone = pickZone(random());
    const base = {
      accountEnabled: true,
      userType: 'Member' as 'Member' | 'Guest',
      otherMails: [] as string[],
      directoryRoles: [DirectoryRoles.user],
    };
    const workingHours = {
      daysOfWeek: WORKDAYS,
      startTime: '09:00:00.0000000',
      endTime: '17:00:00.0000000',
      timeZone: zone,
    };
    if (i % 250 === 249) {
      const upn = `room${rooms.length + 1}@${domain}`;
      rooms.push(upn);
      users.push({
        ...base,
        id: stableGuid(tenantId, upn),
        userPrincipalName: upn,
        mail: upn,
        displayName: `Room ${rooms.length} (${4 + (i % 5) * 2})`,
        accountEnabled: false,
        proxyAddresses: [`SMTP:${upn}`],
        assignedLicenses: [],
        mailbox: {
          kind: 'room',
          timeZone: zone,
          workingHours,
          teamsEnabled: false,
          access: 'full',
          room: {
            capacity: 4 + (i % 5) * 2,
            building: `Building ${1 + (rooms.length % 4)}`,
            floorNumber: 1 + (i % 6),
            bookingPolicy: 'autoAccept',
          },
        },
      });
      continue;
    }
    const first = FIRST[i % FIRST.length] ?? 'Alex';
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] ?? 'Smith';
    const upn = `${first}.${last}${i}@${domain}`.toLowerCase();
    const shared = i % 500 === 7;
    const guest = !shared && r < 0.003;
    const unlicensed = !guest && r >= 0.003 && r < 0.023;
    const disabled = r >= 0.023 && r < 0.033;
    const access: MailboxAccess =
      r >= 0.033 && r < 0.038 ? 'denied' : r >= 0.038 && r < 0.043 ? 'settingsOnly' : 'full';
    const guestUpn = `${first}.${last}${i}_partner.example#EXT#@${initial}`.toLowerCase();
    const mail = guest ? `${first}.${last}${i}@partner.example`.toLowerCase() : upn;
    users.push({
      ...base,
      id: stableGuid(tenantId, guest ? guestUpn : upn),
      userPrincipalName: guest ? guestUpn : upn,
      mail,
      displayName: shared ? `Shared Mailbox ${i}` : `${first} ${last}`,
      givenName: shared ? undefined : first,
      surname: shared ? undefined : last,
      jobTitle: shared ? undefined : 'Employee',
      accountEnabled: shared ? false : !disabled,
      userType: guest ? 'Guest' : 'Member',
      proxyAddresses: guest ? [] : [`SMTP:${upn}`],
      otherMails: guest ? [mail] : [],
      assignedLicenses:
        shared || guest || unlicensed ? [] : [{ skuId: Skus.e3, disabledPlans: [] }],
      mailbox: {
        kind: shared ? 'shared' : guest ? 'none' : 'user',
        timeZone: zone,
        workingHours,
        teamsEnabled: !shared && !guest,
        access,
      },
    });
  }
  const roomLists: RoomList[] = [];
  for (let i = 0; i < rooms.length; i += 20) {
    const email = `rooms${roomLists.length + 1}@${domain}`;
    roomLists.push({
      id: stableGuid(tenantId, `roomlist:${email}`),
      displayName: `Rooms ${roomLists.length + 1}`,
      emailAddress: email,
      rooms: rooms.slice(i, i + 20),
    });
  }
  return {
    id: tenantId,
    displayName: options.displayName ?? `${label[0]?.toUpperCase() ?? ''}${label.slice(1)}`,
    domains: [initial, domain],
    defaultDomain: domain,
    users,
    groups: [],
    roomLists,
    servicePrincipals: {},
  };
}
