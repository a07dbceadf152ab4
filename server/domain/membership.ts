// Who the caller is inside Quorum: their org (by tenant) and member record (by tid + oid). A caller
// of a known org who has no member record yet becomes one on first sign-in (source `sso`), linking to
// a directory-provisioned or invited member with the same address when there is one.
import type { RequestHandler, Response } from 'express';
import type { Caller } from '../http/auth/caller.js';
import { callerOf } from '../http/auth/caller.js';
import { AppError } from '../http/errors.js';
import { newId } from './ids.js';
import type { MemberRepository } from './member-repository.js';
import type { OrgRepository } from './org-repository.js';
import type { Member, MemberRole, Organization } from './types.js';

/** Entra role template ids that may grant tenant-wide admin consent (DESIGN §1). */
export const CONSENTING_ROLES = new Set([
  '62e90394-69f5-4237-9190-012177145e10', // Global Administrator
  'e8611ab8-c189-46e8-94e1-60213ab1f814', // Privileged Role Administrator
]);

export function canGrantTenantConsent(caller: Caller): boolean {
  return caller.directoryRoleIds.some((r) => CONSENTING_ROLES.has(r));
}

export interface Membership {
  org: Readonly<Organization>;
  member: Member;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      membership?: Membership;
    }
  }
}

export interface MembershipDeps {
  orgs: OrgRepository;
  members: MemberRepository;
  now: () => Date;
  /**
   * Called for a caller whose tenant no org holds (Teams-admin-center consent, DESIGN J1.2): may
   * verify the tenant and create its org. Returns the org now holding the tenant, if any.
   */
  discoverTenant?: (caller: Caller) => Promise<Readonly<Organization> | undefined>;
  /**
   * Called for a caller whose tenant an org holds without a connection (its admin signed in before
   * consenting): connects the tenant once consent granted in the Teams admin center shows up.
   * Never throws; cheap when nothing is to do.
   */
  ensureTenantConnection?: (caller: Caller, org: Readonly<Organization>) => Promise<void>;
}

/** A fresh member record for a caller signing in for the first time. */
export function newMemberFromCaller(
  orgId: string,
  caller: Caller,
  role: MemberRole,
  at: Date,
): Member {
  return {
    id: newId(),
    orgId,
    tenantId: caller.tenantId.toLowerCase(),
    objectId: caller.objectId.toLowerCase(),
    email: (caller.preferredUsername ?? '').toLowerCase(),
    displayName: caller.name ?? caller.preferredUsername ?? 'Unknown user',
    role,
    source: 'sso',
    createdAt: at.toISOString(),
    directory: null,
    calendar: {
      tenantConnectionId: null,
      status: 'checking',
      reason: 'checking',
      checkedAt: null,
      timeZone: null,
      workingHours: null,
      disconnected: false,
      selectedCalendarIds: [],
      destinationCalendarId: null,
    },
    personalCalendars: [],
  };
}

/** Resolves (and on first sign-in, creates) the caller's membership; undefined when no org holds the tenant. */
export async function resolveMembership(
  deps: MembershipDeps,
  caller: Caller,
): Promise<Membership | undefined> {
  let org = await deps.orgs.findByTenant(caller.tenantId);
  if (!org && deps.discoverTenant) org = await deps.discoverTenant(caller);
  else if (org && deps.ensureTenantConnection) await deps.ensureTenantConnection(caller, org);
  if (!org) return undefined;
  const known = await deps.members.findByIdentity(org.id, caller.tenantId, caller.objectId);
  if (known) return { org, member: known };
  // Same address provisioned from the directory or invited, not yet tied to an identity: link it.
  const byEmail = caller.preferredUsername
    ? await deps.members.findByEmail(org.id, caller.preferredUsername)
    : undefined;
  if (byEmail && !byEmail.objectId) {
    const linked: Member = {
      ...byEmail,
      tenantId: caller.tenantId.toLowerCase(),
      objectId: caller.objectId.toLowerCase(),
    };
    await deps.members.put(linked);
    return { org, member: linked };
  }
  // Tenant admins who can grant consent own the org (DESIGN J1.2); owners appoint other admins.
  const role: MemberRole = canGrantTenantConsent(caller) ? 'owner' : 'member';
  const member = newMemberFromCaller(org.id, caller, role, deps.now());
  await deps.members.put(member);
  return { org, member };
}

/** Attaches `res.locals.membership`; 403 `ERR_ORG_NOT_SET_UP` when no org holds the caller's tenant. */
export function requireMembership(deps: MembershipDeps): RequestHandler {
  return (_req, res, next) => {
    resolveMembership(deps, callerOf(res))
      .then((membership) => {
        if (!membership) throw new AppError('ERR_ORG_NOT_SET_UP');
        res.locals.membership = membership;
        next();
      }, next)
      .catch(next);
  };
}

/** 403 `ERR_ROLE_REQUIRED` unless the member is an org admin or owner. Mount after requireMembership. */
export function requireOrgAdmin(): RequestHandler {
  return (_req, res, next) => {
    const role = membershipOf(res).member.role;
    if (role !== 'admin' && role !== 'owner') {
      next(new AppError('ERR_ROLE_REQUIRED'));
      return;
    }
    next();
  };
}

export function membershipOf(res: Response): Membership {
  const membership = res.locals.membership;
  if (!membership) throw new AppError('ERR_ORG_NOT_SET_UP');
  return membership;
}
