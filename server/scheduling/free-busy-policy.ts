// The org's free/busy policy (DESIGN §3): which Outlook "show as" statuses block a slot, and whether
// an attendee Quorum cannot read blocks it too. Default: busy, tentative and out-of-office block;
// free and working elsewhere do not; unknown blocks (fail closed) and is flagged.
import { DEFAULT_FREE_BUSY_POLICY, type FreeBusyPolicy } from '../domain/types.js';
import type { ShowAs } from '../microsoft/graph-types.js';

export type { FreeBusyPolicy };

/** The policy an org's settings hold, or the default when they hold none. */
export function policyOf(settings: { freeBusyPolicy?: FreeBusyPolicy | null }): FreeBusyPolicy {
  return settings.freeBusyPolicy ?? DEFAULT_FREE_BUSY_POLICY;
}

/**
 * Whether an event shown as `status` blocks a slot. Graph's `unknown` (a status Exchange could not
 * work out) follows `unknownBlocks`, like an attendee Quorum cannot read.
 */
export function blocks(policy: FreeBusyPolicy, status: ShowAs): boolean {
  if (status === 'unknown') return policy.unknownBlocks;
  return policy.blocking.includes(status);
}
