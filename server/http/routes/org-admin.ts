// The guard chain of the org admin routes of the directory feature: a verified caller who is a
// member of the org holding their tenant, with the admin or owner role.
import type { RequestHandler } from 'express';
import type { AppDeps } from '../../app.js';
import { requireMembership, requireOrgAdmin } from '../../domain/membership.js';
import { REASONS } from '../../domain/reasons.js';
import type { StatusReason } from '../../domain/types.js';
import { z } from '../zod.js';
import { membershipDepsOf } from './membership-deps.js';

export function orgAdminOnly(deps: AppDeps): RequestHandler[] {
  return [requireMembership(membershipDepsOf(deps)), requireOrgAdmin()];
}

/** Error codes every org admin route may answer with (besides auth and rate limiting). */
export const ORG_ADMIN_ERRORS = ['ERR_ORG_NOT_SET_UP', 'ERR_ROLE_REQUIRED'] as const;

/** Status tiles and reason codes, for query and response schemas. */
export const StatusCategorySchema = z
  .enum(['connected', 'needs_attention', 'not_connected', 'checking'])
  .openapi('StatusCategory');

export const StatusReasonSchema = z
  .enum(Object.keys(REASONS) as [StatusReason, ...StatusReason[]])
  .openapi('StatusReason');
