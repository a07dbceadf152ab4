// The caller's own view (`GET /api/me`) and the switch on their org-managed calendar: members may
// disconnect it only when the org allows (DESIGN J3, Calendly's admin switch); selections are kept.
import type { RouteModule } from '../../app.js';
import { memberActor } from '../../domain/audit.js';
import {
  canGrantTenantConsent,
  membershipOf,
  requireMembership,
  resolveMembership,
} from '../../domain/membership.js';
import { disconnectCalendar, reconnectCalendar } from '../../domain/member-disconnect.js';
import { orgMailboxOf } from '../../domain/org-calendar.js';
import type { Member } from '../../domain/types.js';
import { recheckMember } from '../../directory/recheck.js';
import { directoryRuntime } from '../../directory/runtime.js';
import { applyOrgPrecedence } from '../../directory/shadowing.js';
import type { Caller } from '../auth/caller.js';
import { callerOf } from '../auth/caller.js';
import { AppError } from '../errors.js';
import { validate } from '../validate.js';
import { z } from '../zod.js';
import { membershipDepsOf, servicesOf } from './membership-deps.js';
import {
  OrgCalendarSchema,
  orgCalendarView,
  PersonalCalendarSchema,
  personalCalendarViews,
} from './me-views.js';

const OnboardingSchema = z
  .object({
    canGrantConsent: z.boolean().openapi({
      description: 'The caller is a Global or Privileged Role Administrator of their tenant.',
    }),
    nextStep: z.enum(['grant_admin_consent', 'ask_tenant_admin']),
    message: z.string(),
  })
  .openapi('Onboarding');

const MeSchema = z
  .object({
    user: z.object({
      tenantId: z.string(),
      objectId: z.string(),
      name: z.string().nullable(),
      username: z.string().nullable(),
      memberId: z.string().nullable(),
      role: z.enum(['owner', 'admin', 'member']).nullable(),
    }),
    org: z
      .object({
        id: z.string(),
        name: z.string(),
        settings: z.object({ allowMemberDisconnect: z.boolean() }),
      })
      .nullable(),
    calendar: OrgCalendarSchema.nullable(),
    personalCalendars: z.array(PersonalCalendarSchema),
    onboarding: OnboardingSchema.nullable().openapi({
      description:
        "Present (and `org` null) when no Quorum organization holds the caller's tenant.",
    }),
  })
  .openapi('Me');

const NoBody = z.object({}).strict();

/** What to do when Quorum does not reach the caller's tenant yet (no org, or an org without it). */
function onboardingFor(caller: Caller): z.infer<typeof OnboardingSchema> {
  const canGrantConsent = canGrantTenantConsent(caller);
  return canGrantConsent
    ? {
        canGrantConsent,
        nextStep: 'grant_admin_consent',
        message:
          "Quorum is not connected to your Microsoft 365 tenant yet. As an administrator you can grant it admin consent: open Quorum's activation link, or in the Teams admin center open Manage apps → Quorum → Permissions.",
      }
    : {
        canGrantConsent,
        nextStep: 'ask_tenant_admin',
        message:
          'Quorum is not connected to your Microsoft 365 tenant yet. Ask a Global Administrator or Privileged Role Administrator of your tenant to grant Quorum admin consent.',
      };
}

export const meRoutes: RouteModule = ({ router, api, deps }) => {
  const services = servicesOf(deps);
  const membershipDeps = membershipDepsOf(deps);
  const membership = requireMembership(membershipDeps);
  const json = (schema: z.ZodType, description: string) => ({
    200: { description, content: { 'application/json': { schema } } },
  });

  api.route({
    method: 'get',
    path: '/api/me',
    summary: 'The caller: member, role, org, calendar connection status with its reason and fix',
    tags: ['Me'],
    responses: json(
      MeSchema,
      'The caller; `org: null` with `onboarding` for a tenant no org holds',
    ),
  });
  router.get('/api/me', async (_req, res) => {
    const caller = callerOf(res);
    const found = await resolveMembership(membershipDeps, caller);
    const user = {
      tenantId: caller.tenantId,
      objectId: caller.objectId,
      name: found?.member.displayName ?? caller.name,
      username: caller.preferredUsername,
      memberId: found?.member.id ?? null,
      role: found?.member.role ?? null,
    };
    if (!found) {
      res.json({
        user,
        org: null,
        calendar: null,
        personalCalendars: [],
        onboarding: onboardingFor(caller),
      });
      return;
    }
    const { org } = found;
    // As of now: the org-managed calendar's state may have changed since the record was written.
    const member = applyOrgPrecedence(found.member);
    const connections = await services.orgs.listConnections(org.id);
    const orgMailbox = orgMailboxOf(member, connections);
    const tenantId = caller.tenantId.toLowerCase();
    const tenantConnected = connections.some((c) => c.tenantId.toLowerCase() === tenantId);
    res.json({
      user,
      org: {
        id: org.id,
        name: org.name,
        settings: { allowMemberDisconnect: org.settings.allowMemberDisconnect },
      },
      calendar: orgCalendarView(member, org, orgMailbox),
      personalCalendars: personalCalendarViews(member),
      onboarding: tenantConnected ? null : onboardingFor(caller),
    });
  });

  /** Re-checks a member who just reconnected; undefined (still checking) when the check fails. */
  const checkNow = async (orgId: string, member: Member): Promise<Member | undefined> => {
    const runtime = directoryRuntime(deps);
    try {
      const result = await recheckMember(runtime.syncDeps, orgId, member.id, {
        refreshToken: (tenantId) => services.connections.refreshGraphToken(tenantId),
      });
      return result?.kind === 'member' ? result.member : undefined;
    } catch (error) {
      deps.logger.warn({ err: error, orgId, memberId: member.id }, 'check after reconnect failed');
      return undefined;
    }
  };

  for (const disconnect of [true, false]) {
    const path = `/api/me/calendar/${disconnect ? 'disconnect' : 'reconnect'}`;
    const input = validate({ body: NoBody });
    api.route({
      method: 'post',
      path,
      summary: disconnect
        ? 'Disconnect the org-managed calendar (only when the org allows it); selections are kept'
        : 'Reconnect the org-managed calendar',
      tags: ['Me'],
      errors: [
        'ERR_ORG_NOT_SET_UP',
        'ERR_VALIDATION',
        ...(disconnect ? (['ERR_DISCONNECT_NOT_ALLOWED'] as const) : []),
      ],
      responses: json(OrgCalendarSchema, "The caller's org-managed calendar connection"),
    });
    router.post(path, membership, input, async (_req, res) => {
      const { org, member } = membershipOf(res);
      if (disconnect && !org.settings.allowMemberDisconnect) {
        throw new AppError('ERR_DISCONNECT_NOT_ALLOWED');
      }
      const now = new Date(deps.clock.now()).toISOString();
      let updated =
        member.calendar.disconnected === disconnect
          ? member
          : await services.members.update(org.id, member.id, (m) =>
              // A disconnected org calendar no longer shadows a personal one of the same mailbox.
              applyOrgPrecedence({
                ...m,
                calendar: disconnect
                  ? disconnectCalendar(m.calendar, now)
                  : reconnectCalendar(m.calendar),
              }),
            );
      if (!updated) throw new AppError('ERR_NOT_FOUND', { detail: 'Your membership is gone.' });
      if (updated !== member) {
        await services.store.appendAudit(org.id, {
          actor: memberActor(member),
          action: disconnect ? 'member.calendar.disconnected' : 'member.calendar.reconnected',
          target: `member:${member.id}`,
        });
        // Reconnected: check the calendar now rather than show "checking" until the next sweep.
        if (!disconnect) updated = (await checkNow(org.id, updated)) ?? updated;
      }
      const connections = await services.orgs.listConnections(org.id);
      res.json(orgCalendarView(updated, org, orgMailboxOf(updated, connections)));
    });
  }
};
