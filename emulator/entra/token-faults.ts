// Injected token-endpoint failures (`POST /_emulator/faults/token`): the next N token requests
// answer with the given status and an Entra error body, optionally with Retry-After.
import type { EmulatorContext } from '../context.js';
import { AadstsError } from './aadsts.js';
import { entraState, type TokenFault } from './state.js';

/** Entra's usual `error` and AADSTS code for a transient status (graph-facts §1.5). */
export function defaultFaultFor(
  status: number,
): Pick<TokenFault, 'error' | 'code' | 'description'> {
  if (status === 429) {
    return {
      error: 'temporarily_unavailable',
      code: 90055,
      description:
        'TenantThrottlingError - There are too many incoming requests. This exception is thrown for blocked tenants.',
    };
  }
  if (status === 503 || status === 504) {
    return {
      error: 'temporarily_unavailable',
      code: 90033,
      description: 'MsodsServiceUnavailable - A transient error has occurred. Try again.',
    };
  }
  if (status >= 500) {
    return {
      error: 'server_error',
      code: 90024,
      description: 'RequestBudgetExceededError - A transient error has occurred. Try again.',
    };
  }
  return {
    error: 'invalid_request',
    code: 90100,
    description: 'InvalidRequestParameter - The parameter is empty or not valid.',
  };
}

/** Queues a fault for the next `count` token requests. */
export function injectTokenFault(
  ctx: EmulatorContext,
  fault: Omit<TokenFault, 'remaining'> & { count: number },
): void {
  const { count, ...rest } = fault;
  entraState(ctx).faults.push({ ...rest, remaining: count });
}

/** Takes one pending fault, if any, as the error to answer this token request with. */
export function takeTokenFault(ctx: EmulatorContext): AadstsError | undefined {
  const faults = entraState(ctx).faults;
  const fault = faults[0];
  if (!fault) return undefined;
  fault.remaining -= 1;
  if (fault.remaining <= 0) faults.shift();
  const headers: Record<string, string> =
    fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) };
  return new AadstsError(fault.status, fault.error, fault.code, fault.description, headers);
}
