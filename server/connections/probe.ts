// The verification probe (DESIGN J1): a fresh token (never msal's cache), then one mailbox's settings
// and default calendar. Passing proves the app reaches real calendar data in the tenant; `roles` are
// recorded for information, since Exchange RBAC can grant access with no tenant-wide role.
import type { GraphClient } from '../microsoft/graph/index.js';
import { GraphError } from '../microsoft/graph/index.js';
import type { GraphOrganization, GraphUser } from '../microsoft/graph-types.js';
import type { AppCredential, Identity } from '../microsoft/identity/index.js';
import { getDefaultCalendar } from '../microsoft/calendars.js';
import { getMailboxSettings } from '../microsoft/mailbox-settings.js';
import { getOrganization } from '../microsoft/organization.js';
import {
  failureFrom,
  failureFromGraphError,
  graphSignal,
  type ProbeFailure,
} from './failure-reasons.js';

export interface ProbeInput {
  tenantId: string;
  credential: AppCredential;
  /** Object id or UPN of a mailbox to read first (the caller's own, or the last one that passed). */
  mailbox?: string | null | undefined;
}

export interface ProbeOrganization {
  displayName: string;
  /** Default domain first. */
  verifiedDomains: string[];
}

export type ProbeResult =
  | {
      ok: true;
      tenantId: string;
      roles: string[];
      /** Object id (or the UPN asked for) of the mailbox that passed. */
      mailbox: string;
      /** Undefined when `/organization` could not be read (Organization.Read.All missing). */
      organization: ProbeOrganization | undefined;
    }
  | { ok: false; failure: ProbeFailure; roles: string[] };

export interface ProbeDeps {
  identity: Identity;
  /** A Graph client that sends exactly this token (the probe's fresh one). */
  graphWithToken(token: string): GraphClient;
}

/** Mailboxes tried at most: enough to step over an unlicensed or out-of-scope account or two. */
const MAX_CANDIDATES = 3;
const USER_SELECT = 'id,userPrincipalName,accountEnabled,userType,assignedLicenses';

/** Runs one probe; never throws for what Microsoft answers. */
export async function probeTenant(deps: ProbeDeps, input: ProbeInput): Promise<ProbeResult> {
  const tenantId = input.tenantId.toLowerCase();
  let token;
  try {
    token = await deps.identity.verifyCredential(input.credential, tenantId);
  } catch (error) {
    return { ok: false, failure: failureFrom(error, 'getting a token'), roles: [] };
  }
  const roles = [...token.roles];
  const fail = (failure: ProbeFailure): ProbeResult => ({ ok: false, failure, roles });
  // The token names the tenant Entra issued it for; a different one means the input was wrong.
  if (token.tenantId.toLowerCase() !== tenantId) {
    return fail({
      reason: 'error',
      detail: `Entra ID issued the token for tenant ${token.tenantId}, not ${tenantId}.`,
    });
  }
  const graph = deps.graphWithToken(token.token);

  const candidates: string[] = input.mailbox ? [input.mailbox] : [];
  let listFailure: ProbeFailure | undefined;
  let listed = false;
  const outcomes: ('outside_scope' | 'no_mailbox')[] = [];
  for (let i = 0; i < MAX_CANDIDATES; i += 1) {
    if (i >= candidates.length && !listed) {
      listed = true;
      try {
        candidates.push(
          ...(await probeCandidates(graph, tenantId)).filter((c) => !candidates.includes(c)),
        );
      } catch (error) {
        listFailure = failureFrom(error, 'listing users to pick a mailbox');
      }
    }
    const mailbox = candidates[i];
    if (mailbox === undefined) break;
    const outcome = await probeMailbox(graph, tenantId, mailbox);
    if (outcome === 'passed') {
      return {
        ok: true,
        tenantId,
        roles,
        mailbox,
        organization: await readOrganization(graph, tenantId),
      };
    }
    if (typeof outcome !== 'string') return fail(outcome);
    outcomes.push(outcome);
  }
  if (outcomes.includes('outside_scope')) {
    return fail({
      reason: 'outside_access_scope',
      detail:
        "The probed mailboxes are outside the app's access scope (application access policy or Exchange RBAC scope). Verify with a mailbox inside the scope.",
    });
  }
  if (listFailure && candidates.length === 0) return fail(listFailure);
  return fail({
    reason: 'error',
    detail:
      outcomes.length > 0
        ? 'None of the probed users has an Exchange Online mailbox. Verify with a licensed mailbox.'
        : 'The tenant has no enabled, licensed user whose mailbox Quorum could probe.',
  });
}

/** `GET /users?$top=5` — enabled, licensed people: the likeliest mailboxes to read. */
async function probeCandidates(graph: GraphClient, tenantId: string): Promise<string[]> {
  const page = await graph.get<{ value?: GraphUser[] }>(tenantId, '/users', {
    query: { $top: 5, $select: USER_SELECT },
  });
  return (page.value ?? [])
    .filter(
      (u) =>
        u.accountEnabled !== false &&
        u.userType !== 'Guest' &&
        (u.assignedLicenses?.length ?? 0) > 0,
    )
    .map((u) => u.id);
}

/**
 * Reads the mailbox's settings, then its default calendar (RBAC grants them separately). A mailbox
 * that is out of scope or missing moves the probe to the next one; anything else ends it.
 */
async function probeMailbox(
  graph: GraphClient,
  tenantId: string,
  mailbox: string,
): Promise<'passed' | 'outside_scope' | 'no_mailbox' | ProbeFailure> {
  for (const [what, read] of [
    ['reading mailbox settings', () => getMailboxSettings(graph, tenantId, mailbox)],
    ['reading the default calendar', () => getDefaultCalendar(graph, tenantId, mailbox)],
  ] as const) {
    try {
      await read();
    } catch (error) {
      if (!(error instanceof GraphError)) return failureFrom(error, what);
      const signal = graphSignal(error);
      if (signal === 'outside_scope' || signal === 'no_mailbox') return signal;
      return failureFromGraphError(error, what);
    }
  }
  return 'passed';
}

/** `/organization`: the tenant's name and verified domains, when the permission allows. */
async function readOrganization(
  graph: GraphClient,
  tenantId: string,
): Promise<ProbeOrganization | undefined> {
  let org: GraphOrganization;
  try {
    org = await getOrganization(graph, tenantId);
  } catch {
    return undefined;
  }
  const domains = [...(org.verifiedDomains ?? [])].sort(
    (a, b) => Number(b.isDefault) - Number(a.isDefault),
  );
  return {
    displayName: org.displayName,
    verifiedDomains: domains.map((d) => d.name.toLowerCase()),
  };
}
