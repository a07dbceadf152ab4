// Re-checking one member now (`POST /api/org/members/:id/recheck`): the directory user and both
// health probes in one `$batch`, so a fix made a moment ago (a licence, a re-enabled account, a
// widened RBAC scope) shows at once — with a fresh token, since app permissions granted or removed
// since the cached one was issued only show in a new token's `roles`.
import { GraphError, type BatchItem } from '../microsoft/graph/index.js';
import type { GraphUser } from '../microsoft/graph-types.js';
import { userPath } from '../microsoft/paths.js';
import { shownCalendar } from '../domain/member-disconnect.js';
import type { Member, TenantConnection } from '../domain/types.js';
import { connectionFailureOf } from './connection-reason.js';
import { DIRECTORY_SELECT, fromGraphUser, toDirectoryLink } from './directory-user.js';
import { addExclusions } from './exclusions.js';
import { AddressIndex } from './matching.js';
import {
  applyOutcome,
  applyReason,
  directoryReason,
  uncheckedCalendar,
  type CalendarOutcome,
} from './member-state.js';
import {
  isNonPerson,
  judgeProbe,
  outcomeOfVerdict,
  probeItems,
  type ProbeVerdict,
} from './probe.js';
import type { OrgSyncDeps } from './org-sync.js';

export interface RecheckOptions {
  /**
   * Gets a new Graph token for the tenant past msal's cache, so the probe's `$batch` sends it
   * (`Connections.refreshGraphToken`). Without it the cached token is used.
   */
  refreshToken?: (tenantId: string) => Promise<void>;
}

export type RecheckResult =
  | { kind: 'member'; member: Member }
  /** The mailbox turned out to be a room, equipment or shared mailbox: the member was removed. */
  | { kind: 'removed' };

/** A throttled re-check is due again after Graph's Retry-After (a minute if it gave none). */
function retryAfterMs(verdict: ProbeVerdict): number {
  return (verdict.kind === 'transient' ? (verdict.retryAfterSeconds ?? 60) : 60) * 1000;
}

/** The connection a member belongs to: its link, else a match in the loaded snapshots. */
async function locate(
  deps: OrgSyncDeps,
  member: Member,
  connections: readonly Readonly<TenantConnection>[],
): Promise<{ connection: Readonly<TenantConnection>; objectId: string } | undefined> {
  const linked = connections.find((c) => c.id === member.calendar.tenantConnectionId);
  if (linked && member.objectId) return { connection: linked, objectId: member.objectId };
  const index = await AddressIndex.build(
    connections
      .filter((c) => deps.snapshots.get(c.id))
      .map((c) => ({ connectionId: c.id, users: deps.snapshots.get(c.id)!.users.values() })),
  );
  const match = index.match(member.email);
  const connection = match && connections.find((c) => c.id === match.connectionId);
  return connection && match ? { connection, objectId: match.user.id } : undefined;
}

/** Probes one member now and stores the outcome. Undefined when the member does not exist. */
export async function recheckMember(
  deps: OrgSyncDeps,
  orgId: string,
  memberId: string,
  options: RecheckOptions = {},
): Promise<RecheckResult | undefined> {
  const member = await deps.members.get(orgId, memberId);
  if (!member) return undefined;
  if (member.calendar.disconnected) {
    // The member turned the org-managed calendar off: Quorum does not read it, not even to check.
    const [saved] = await deps.members.updateMany(orgId, [memberId], (current) => {
      const calendar = shownCalendar(current.calendar);
      return calendar === current.calendar ? current : { ...current, calendar };
    });
    return { kind: 'member', member: saved ?? member };
  }
  const connections = await deps.orgs.listConnections(orgId);
  const now = deps.now().toISOString();
  const found = await locate(deps, member, connections);
  const save = async (fn: (current: Member) => Member): Promise<RecheckResult> => {
    const [saved] = await deps.members.updateMany(orgId, [memberId], fn);
    return { kind: 'member', member: saved ?? (await deps.members.get(orgId, memberId)) ?? member };
  };
  if (!found) {
    return save((current) =>
      applyReason(
        {
          ...current,
          directory: null,
          calendar: { ...current.calendar, tenantConnectionId: null },
        },
        'not_in_directory',
        now,
      ),
    );
  }
  const { connection, objectId } = found;
  const relink = (current: Member): Member =>
    current.calendar.tenantConnectionId === connection.id
      ? current
      : {
          ...current,
          calendar: {
            ...uncheckedCalendar(connection.id),
            selectedCalendarIds: current.calendar.selectedCalendarIds,
            destinationCalendarId: current.calendar.destinationCalendarId,
            disconnected: current.calendar.disconnected,
          },
        };
  if (!connection.enabled) {
    return save((current) => applyReason(relink(current), 'connection_disabled', now));
  }

  const items: BatchItem[] = [
    { id: 'u', url: `${userPath(objectId)}?$select=${DIRECTORY_SELECT}` },
    ...probeItems('p', objectId),
  ];
  let answers;
  try {
    await options.refreshToken?.(connection.tenantId);
    answers = await deps.graph.batch(connection.tenantId, items);
  } catch (error) {
    const failure = connectionFailureOf(error);
    if (!failure) throw error;
    const outcome: CalendarOutcome =
      failure.reason === 'throttled'
        ? { kind: 'transient', retryAt: new Date(Date.parse(now) + 60_000).toISOString() }
        : { kind: 'reason', reason: failure.reason };
    return save((current) => applyOutcome(relink(current), outcome, now));
  }

  const userAnswer = answers.get('u');
  let link = member.directory;
  if (userAnswer?.ok) {
    const user = fromGraphUser(connection.tenantId, userAnswer.body as GraphUser);
    deps.snapshots.get(connection.id)?.users.set(user.id, user);
    link = toDirectoryLink(user, now);
  } else if (
    userAnswer &&
    !userAnswer.ok &&
    userAnswer.error instanceof GraphError &&
    userAnswer.error.status === 404
  ) {
    deps.snapshots.get(connection.id)?.users.delete(objectId);
    return save((current) =>
      applyReason(
        {
          ...current,
          directory: null,
          calendar: { ...current.calendar, tenantConnectionId: null },
        },
        'not_in_directory',
        now,
      ),
    );
  }

  const verdict = judgeProbe(answers.get('p:s'), answers.get('p:c'));
  if (verdict.kind === 'connected' && isNonPerson(verdict.purpose)) {
    await addExclusions(deps.store, orgId, connection.id, [objectId]);
    if (member.source === 'directory' && member.role === 'member') {
      await deps.members.delete(orgId, memberId);
      return { kind: 'removed' };
    }
  }
  const fromDirectory = directoryReason(link);
  const retryAt = new Date(Date.parse(now) + retryAfterMs(verdict)).toISOString();
  const outcome: CalendarOutcome = fromDirectory
    ? { kind: 'reason', reason: fromDirectory }
    : outcomeOfVerdict(verdict, retryAt, 'consent_missing');
  return save((current) =>
    applyOutcome(
      {
        ...relink(current),
        tenantId: connection.tenantId.toLowerCase(),
        objectId,
        directory: link,
      },
      outcome,
      now,
    ),
  );
}
