// The Graph half's own state beside the shared world: mailbox contents, faults, throttling and
// counters. One per emulator context, shared by the Graph router and the control API.
import type { EmulatorContext } from '../context.js';
import { FaultInjector } from './faults.js';
import { MailboxStore } from './mailbox-store.js';
import { GraphStats } from './stats.js';
import { MailboxThrottle } from './throttle.js';

export class GraphState {
  readonly store = new MailboxStore();
  readonly faults = new FaultInjector();
  readonly throttle: MailboxThrottle;
  readonly stats = new GraphStats();
  /** Set once the scenario calendars have been written into the mailboxes. */
  seeded = false;

  constructor(readonly ctx: EmulatorContext) {
    this.throttle = new MailboxThrottle(() => ctx.now());
  }
}

const states = new WeakMap<EmulatorContext, GraphState>();

/** The Graph state of an emulator context (created on first use). */
export function graphState(ctx: EmulatorContext): GraphState {
  let state = states.get(ctx);
  if (!state) {
    state = new GraphState(ctx);
    states.set(ctx, state);
  }
  return state;
}
