// The time seam: everything that asks "what time is it" takes a Clock, so tests can freeze or step it.

/** A source of the current time. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The real wall clock. */
export const systemClock: Clock = Object.freeze({ now: () => Date.now() });
