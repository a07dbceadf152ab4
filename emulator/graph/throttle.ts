// Outlook's per-(app, mailbox) limits (graph-facts §8.2): 4 requests in flight and 10,000 requests
// per 10 minutes. Over either → 429 ApplicationThrottled with Retry-After.
import { GraphHttpError } from './errors.js';

export interface ThrottleLimits {
  /** Requests in flight per (app, mailbox). Microsoft: 4. */
  mailboxConcurrency: number;
  /** Requests per window per (app, mailbox). Microsoft: 10,000 per 10 minutes. */
  mailboxRequestsPerWindow: number;
  windowMs: number;
  /** Retry-After sent with a concurrency 429. [U] Microsoft's value is not documented: 1 s. */
  concurrencyRetryAfterS: number;
}

export const MICROSOFT_LIMITS: ThrottleLimits = {
  mailboxConcurrency: 4,
  mailboxRequestsPerWindow: 10_000,
  windowMs: 10 * 60_000,
  concurrencyRetryAfterS: 1,
};

interface Budget {
  windowStart: number;
  count: number;
}

export class MailboxThrottle {
  limits: ThrottleLimits = { ...MICROSOFT_LIMITS };
  private readonly inFlight = new Map<string, number>();
  private readonly budgets = new Map<string, Budget>();

  constructor(private readonly now: () => number) {}

  /**
   * Admits a request for (app, mailbox) or throws the 429. The 10-minute budget is a fixed window
   * starting at the mailbox's first request [U: Microsoft does not say sliding or fixed]; rejected
   * requests do not consume it. Returns the release function to call when the request finishes.
   */
  acquire(appId: string, mailboxKey: string): () => void {
    const key = `${appId}|${mailboxKey}`;
    const current = this.inFlight.get(key) ?? 0;
    if (current >= this.limits.mailboxConcurrency) {
      throw new GraphHttpError(
        429,
        'ApplicationThrottled',
        'Application is over its MailboxConcurrency limit.',
        { 'Retry-After': String(this.limits.concurrencyRetryAfterS) },
      );
    }
    const now = this.now();
    let budget = this.budgets.get(key);
    if (!budget || now - budget.windowStart >= this.limits.windowMs) {
      budget = { windowStart: now, count: 0 };
      this.budgets.set(key, budget);
    }
    if (budget.count >= this.limits.mailboxRequestsPerWindow) {
      const wait = Math.max(1, Math.ceil((budget.windowStart + this.limits.windowMs - now) / 1000));
      // [U] the message for the request budget is not documented; it names the limit like the
      // concurrency one does.
      throw new GraphHttpError(
        429,
        'ApplicationThrottled',
        'Application is over its MailboxRequests limit.',
        { 'Retry-After': String(wait) },
      );
    }
    budget.count += 1;
    this.inFlight.set(key, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.inFlight.get(key) ?? 1) - 1;
      if (n <= 0) this.inFlight.delete(key);
      else this.inFlight.set(key, n);
    };
  }

  /** Forgets budgets (control API `DELETE /_emulator/throttling`). */
  reset(): void {
    this.budgets.clear();
    this.limits = { ...MICROSOFT_LIMITS };
  }
}
