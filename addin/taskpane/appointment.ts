// The appointment the organizer is writing, through Office.js: read its attendees and times, apply a
// slot and a room, and hear when the user edits the form. Office.js is callback-based; each call is
// wrapped once here as a promise that rejects with the host's own message.
import type {
  OfficeApi,
  OfficeAppointmentCompose,
  OfficeCallback,
  OfficeEmailAddressDetails,
} from './office-api.js';

export interface Attendee {
  readonly email: string;
  readonly name: string;
  readonly required: boolean;
  /** `distributionList`, `externalUser`, `user` or `other`, as Outlook classifies the address. */
  readonly kind: string;
}

export interface AppointmentSnapshot {
  readonly start: Date;
  readonly end: Date;
  readonly attendees: readonly Attendee[];
}

export interface SlotToApply {
  readonly start: Date;
  readonly end: Date;
  /** The room's SMTP address, or null for no room. */
  readonly roomEmail: string | null;
  /** A room this pane applied before: replaced by `roomEmail`, or removed when that is null. */
  readonly previousRoomEmail?: string | null;
}

/** An Office.js call that reported failure. */
export class OfficeCallError extends Error {
  override readonly name = 'OfficeCallError';
  constructor(
    readonly operation: string,
    message: string,
  ) {
    super(`${operation}: ${message}`);
  }
}

function call<T>(
  office: OfficeApi,
  operation: string,
  invoke: (callback: OfficeCallback<T>) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    invoke((result) => {
      if (result.status === office.AsyncResultStatus.Succeeded) resolve(result.value);
      else reject(new OfficeCallError(operation, result.error?.message ?? 'failed'));
    });
  });
}

function attendeesOf(list: readonly OfficeEmailAddressDetails[], required: boolean): Attendee[] {
  return list
    .filter((r) => r.emailAddress)
    .map((r) => ({
      email: r.emailAddress.trim().toLowerCase(),
      name: r.displayName?.trim() || r.emailAddress,
      required,
      kind: r.recipientType,
    }));
}

/** The item the pane works on; Outlook gives none when the pane opens outside a form. */
export function appointmentOf(office: OfficeApi): OfficeAppointmentCompose | null {
  return office.context.mailbox.item ?? null;
}

/** Reads start, end, and required then optional attendees (an address listed twice counts once, required first). */
export async function readAppointment(
  office: OfficeApi,
  item: OfficeAppointmentCompose,
): Promise<AppointmentSnapshot> {
  const [start, end, required, optional] = await Promise.all([
    call<Date>(office, 'start.getAsync', (cb) => item.start.getAsync(cb)),
    call<Date>(office, 'end.getAsync', (cb) => item.end.getAsync(cb)),
    call<OfficeEmailAddressDetails[]>(office, 'requiredAttendees.getAsync', (cb) =>
      item.requiredAttendees.getAsync(cb),
    ),
    call<OfficeEmailAddressDetails[]>(office, 'optionalAttendees.getAsync', (cb) =>
      item.optionalAttendees.getAsync(cb),
    ),
  ]);
  const byEmail = new Map<string, Attendee>();
  for (const a of [...attendeesOf(required, true), ...attendeesOf(optional, false)]) {
    if (!byEmail.has(a.email)) byEmail.set(a.email, a);
  }
  return { start: new Date(start), end: new Date(end), attendees: [...byEmail.values()] };
}

/**
 * Writes the slot into the form: start, then end (Outlook moves the end with the start, so the end
 * is set second), then the room as a location of type Room — which Outlook books like a room picked
 * in its own room finder, inviting it as a resource. A room this pane applied before is removed
 * first; other locations the organizer typed stay.
 */
export async function applySlot(
  office: OfficeApi,
  item: OfficeAppointmentCompose,
  slot: SlotToApply,
): Promise<void> {
  await call<void>(office, 'start.setAsync', (cb) => item.start.setAsync(slot.start, cb));
  await call<void>(office, 'end.setAsync', (cb) => item.end.setAsync(slot.end, cb));
  const room = office.MailboxEnums.LocationType.Room;
  const previous = slot.previousRoomEmail ?? null;
  const next = slot.roomEmail;
  if (previous && previous !== next) {
    await call<void>(office, 'enhancedLocation.removeAsync', (cb) =>
      item.enhancedLocation.removeAsync([{ id: previous, type: room }], cb),
    );
  }
  if (next && next !== previous) {
    await call<void>(office, 'enhancedLocation.addAsync', (cb) =>
      item.enhancedLocation.addAsync([{ id: next, type: room }], cb),
    );
  }
}

/**
 * Calls `onChange` when the user edits the attendees or the times in the form (Mailbox 1.7 events).
 * Registration failures are ignored: the pane still offers a manual refresh.
 */
export function watchAppointment(
  office: OfficeApi,
  item: OfficeAppointmentCompose,
  onChange: () => void,
): void {
  for (const type of [
    office.EventType.RecipientsChanged,
    office.EventType.AppointmentTimeChanged,
  ]) {
    try {
      item.addHandlerAsync(type, () => onChange());
    } catch {
      // Older hosts throw for unknown event types; the refresh button covers them.
    }
  }
}
