// The verified caller: who is asking, keyed by (tenant id, object id), never by email.
import type { Response } from 'express';
import { AppError } from '../errors.js';

/** The signed-in user behind a request, taken from a verified Entra access token. */
export interface Caller {
  /** `tid`: the caller's Entra tenant (directory) id. */
  readonly tenantId: string;
  /** `oid`: the caller's object id in that tenant. */
  readonly objectId: string;
  /** `name`, when the token carries it. */
  readonly name: string | null;
  /** `preferred_username` (usually the UPN); display only, never an identity key. */
  readonly preferredUsername: string | null;
  /** `wids`: directory role template ids (e.g. Global Administrator). */
  readonly directoryRoleIds: readonly string[];
}

declare global {
  // Express types `res.locals` through this global namespace; augmenting it types our keys.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The request id, set by the first middleware. */
      requestId: string;
      /** The verified caller, set by requireAuth. */
      caller?: Caller;
    }
  }
}

/** The caller requireAuth attached; throws ERR_AUTH_TOKEN_MISSING if the route was mounted without it. */
export function callerOf(res: Response): Caller {
  const caller = res.locals.caller;
  if (!caller) throw new AppError('ERR_AUTH_TOKEN_MISSING');
  return caller;
}
