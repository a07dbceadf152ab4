// Exchange Online's sending limits for one mailbox (DESIGN J5): at most 30 messages a minute and
// 10,000 recipients a day, both rolling windows. Every invitation, update and cancellation of a part
// is one message to that part's recipients. Pure: the ledger of what was sent, and the earliest
// instant the next message fits — for the send queue, and to tell the admin when it will be done.

export interface SendingLimits {
  messagesPerMinute: number;
  recipientsPerDay: number;
}

export const EXCHANGE_SENDING_LIMITS: Readonly<SendingLimits> = Object.freeze({
  messagesPerMinute: 30,
  recipientsPerDay: 10_000,
});

/** One message sent: when, and to how many recipients. */
export interface LedgerEntry {
  at: number;
  recipients: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Entries still inside the day window at `now`, oldest first (what the ledger needs to keep). */
export function pruneLedger(ledger: readonly LedgerEntry[], now: number): LedgerEntry[] {
  return ledger.filter((e) => e.at > now - DAY).sort((a, b) => a.at - b.at);
}

/**
 * The earliest instant ≥ `now` at which a message to `recipients` stays within both limits, given
 * what `ledger` already sent. A message larger than the daily limit can never fit: a RangeError.
 */
export function nextSlot(
  ledger: readonly LedgerEntry[],
  recipients: number,
  now: number,
  limits: SendingLimits = EXCHANGE_SENDING_LIMITS,
): number {
  if (recipients > limits.recipientsPerDay) {
    throw new RangeError(`a message to ${recipients} recipients exceeds the daily limit`);
  }
  const sorted = [...ledger].sort((a, b) => a.at - b.at);
  let t = now;
  for (;;) {
    const minute = sorted.filter((e) => e.at > t - MINUTE && e.at <= t);
    if (minute.length >= limits.messagesPerMinute) {
      // The oldest messages must leave the window until one more fits.
      t = minute[minute.length - limits.messagesPerMinute]!.at + MINUTE;
      continue;
    }
    const day = sorted.filter((e) => e.at > t - DAY && e.at <= t);
    let total = day.reduce((sum, e) => sum + e.recipients, 0);
    if (total + recipients > limits.recipientsPerDay) {
      let i = 0;
      while (total + recipients > limits.recipientsPerDay) total -= day[i++]!.recipients;
      t = day[i - 1]!.at + DAY;
      continue;
    }
    return t;
  }
}

/**
 * When each message of `queue` (recipients per message, in order) would go out, one after another,
 * after what `ledger` already sent. The last one is the expected completion.
 */
export function planSends(
  ledger: readonly LedgerEntry[],
  queue: readonly number[],
  now: number,
  limits: SendingLimits = EXCHANGE_SENDING_LIMITS,
): number[] {
  const simulated = [...ledger];
  const out: number[] = [];
  let t = now;
  for (const recipients of queue) {
    t = nextSlot(simulated, recipients, t, limits);
    simulated.push({ at: t, recipients });
    out.push(t);
  }
  return out;
}
