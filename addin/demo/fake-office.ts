// A minimal Office host for the demo: exactly the Office.js calls the task pane makes (office-api.ts),
// answering from the demo form's AppointmentStore the way Outlook answers — asynchronous callbacks
// with `{status, value, error}`, Outlook's event names and payloads — and recording every call so
// the demo (and the browser tests) can show what the add-in did to the meeting.
import type {
  OfficeApi,
  OfficeAppointmentCompose,
  OfficeAsyncResult,
  OfficeCallback,
  OfficeEmailAddressDetails,
  OfficeLocationIdentifier,
  OfficeThemeColors,
} from '../taskpane/office-api.js';
import type { AppointmentStore, ChangeKind, FormLocation, Recipient } from './appointment-store.js';

export const EVENT_TYPES = {
  RecipientsChanged: 'olkRecipientsChanged',
  AppointmentTimeChanged: 'olkAppointmentTimeChanged',
  OfficeThemeChanged: 'officeThemeChanged',
} as const;

/** One Office.js call the add-in made, as the demo shows it. */
export interface RecordedCall {
  readonly method: string;
  /** Arguments without the callback, made JSON-friendly (dates as ISO strings). */
  readonly args: readonly unknown[];
  readonly status: 'succeeded' | 'failed';
}

export interface FakeOfficeOptions {
  readonly store: AppointmentStore;
  /** `userProfile`; Outlook gives the mailbox's time zone as a Windows name. */
  readonly user: OfficeApi['context']['mailbox']['userProfile'];
  /** A room's display name for its address, as Outlook resolves it from the address book. */
  readonly roomName?: (email: string) => string | undefined;
  readonly theme: OfficeThemeColors;
  readonly onCall?: (call: RecordedCall) => void;
}

export interface FakeOffice extends OfficeApi {
  readonly calls: readonly RecordedCall[];
  /** The demo's theme switch: Outlook raises OfficeThemeChanged. */
  setTheme(theme: OfficeThemeColors): void;
}

type Handler = (event: unknown) => void;

class OfficeFailure extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/**
 * A Date from any realm: the pane runs in its own frame, so its Dates are not `instanceof` this
 * window's Date (Outlook, talking across a frame too, accepts them).
 */
function asDate(value: unknown): Date | null {
  return Object.prototype.toString.call(value) === '[object Date]'
    ? new Date((value as Date).getTime())
    : null;
}

function plain(value: unknown): unknown {
  const date = asDate(value);
  if (date) return Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

const SUPPORTED_SETS: Readonly<Record<string, string>> = { mailbox: '1.14' };

function versionAtLeast(have: string, want: string): boolean {
  const [a, b] = [have.split('.').map(Number), want.split('.').map(Number)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

export function createFakeOffice(options: FakeOfficeOptions): FakeOffice {
  const { store } = options;
  const calls: RecordedCall[] = [];
  const itemHandlers = new Map<string, Set<Handler>>();
  const mailboxHandlers = new Map<string, Set<Handler>>();
  let theme = options.theme;

  /** Runs `work` as Outlook would: later, then the callback with a result or an error. */
  function answer<T>(
    method: string,
    args: unknown[],
    callback: OfficeCallback<T> | undefined,
    work: () => T,
  ): void {
    let result: OfficeAsyncResult<T>;
    let status: RecordedCall['status'] = 'succeeded';
    try {
      result = { status, value: work() };
    } catch (error) {
      status = 'failed';
      const failure =
        error instanceof OfficeFailure
          ? error
          : new OfficeFailure('GenericError', (error as Error).message, 9000);
      result = {
        status,
        value: undefined as T,
        error: { name: failure.name, message: failure.message, code: failure.code },
      };
    }
    const call: RecordedCall = { method, args: args.map(plain), status };
    calls.push(call);
    options.onCall?.(call);
    setTimeout(() => callback?.(result), 0);
  }

  function emit(handlers: Map<string, Set<Handler>>, type: string, event: unknown): void {
    for (const handler of handlers.get(type) ?? []) setTimeout(() => handler(event), 0);
  }

  store.subscribe((state, kinds: ReadonlySet<ChangeKind>) => {
    if (kinds.has('recipients') || kinds.has('location')) {
      emit(itemHandlers, EVENT_TYPES.RecipientsChanged, {
        type: EVENT_TYPES.RecipientsChanged,
        changedRecipientFields: {
          requiredAttendees: kinds.has('recipients'),
          optionalAttendees: kinds.has('recipients'),
          resources: kinds.has('location'),
          to: false,
          cc: false,
          bcc: false,
        },
      });
    }
    if (kinds.has('time')) {
      emit(itemHandlers, EVENT_TYPES.AppointmentTimeChanged, {
        type: EVENT_TYPES.AppointmentTimeChanged,
        start: state.start.toISOString(),
        end: state.end.toISOString(),
      });
    }
  });

  const details = (recipients: readonly Recipient[]): OfficeEmailAddressDetails[] =>
    recipients.map((r) => ({
      emailAddress: r.email,
      displayName: r.name,
      recipientType: r.email.toLowerCase().endsWith(`@${options.user.emailAddress.split('@')[1]}`)
        ? 'user'
        : 'externalUser',
    }));

  const time = (which: 'start' | 'end') => ({
    getAsync(callback: OfficeCallback<Date>) {
      answer(`${which}.getAsync`, [], callback, () => new Date(store.state[which]));
    },
    setAsync(dateTime: Date, callback?: OfficeCallback<void>) {
      answer(`${which}.setAsync`, [dateTime], callback, () => {
        const date = asDate(dateTime);
        if (!date || Number.isNaN(date.getTime())) {
          throw new OfficeFailure('InvalidFormatError', 'The date is not valid.', 9000);
        }
        if (which === 'start') store.setStart(date);
        else {
          try {
            store.setEnd(date);
          } catch (error) {
            throw new OfficeFailure('InvalidEndTime', (error as Error).message, 9031);
          }
        }
      });
    },
  });

  const locationOf = (l: OfficeLocationIdentifier): FormLocation => {
    if (l.type === 'room' && !/^[^@\s]+@[^@\s]+$/.test(l.id)) {
      throw new OfficeFailure('InvalidFormatError', `"${l.id}" is not a room address.`, 9000);
    }
    if (l.type !== 'room' && l.type !== 'custom') {
      throw new OfficeFailure('InvalidFormatError', `Unknown location type "${l.type}".`, 9000);
    }
    return {
      id: l.id,
      type: l.type,
      displayName: (l.type === 'room' ? options.roomName?.(l.id) : undefined) ?? l.id,
    };
  };

  const item: OfficeAppointmentCompose = {
    start: time('start'),
    end: time('end'),
    requiredAttendees: {
      getAsync: (cb) =>
        answer('requiredAttendees.getAsync', [], cb, () => details(store.state.required)),
    },
    optionalAttendees: {
      getAsync: (cb) =>
        answer('optionalAttendees.getAsync', [], cb, () => details(store.state.optional)),
    },
    enhancedLocation: {
      addAsync(ids, callback) {
        answer('enhancedLocation.addAsync', [ids], callback, () =>
          store.addLocations(ids.map(locationOf)),
        );
      },
      removeAsync(ids, callback) {
        answer('enhancedLocation.removeAsync', [ids], callback, () =>
          store.removeLocations(ids.map((l) => l.id)),
        );
      },
    },
    addHandlerAsync(eventType, handler, callback) {
      answer('item.addHandlerAsync', [eventType], callback, () => {
        const type = String(eventType);
        if (type !== EVENT_TYPES.RecipientsChanged && type !== EVENT_TYPES.AppointmentTimeChanged) {
          throw new OfficeFailure('InvalidEventType', `The item raises no ${type} event.`, 9000);
        }
        itemHandlers.set(type, (itemHandlers.get(type) ?? new Set()).add(handler));
      });
    },
  };

  return {
    calls,
    onReady: () => Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }),
    context: {
      displayLanguage: 'en-US',
      get officeTheme() {
        return theme;
      },
      requirements: {
        isSetSupported(name, minVersion = '1.1') {
          const have = SUPPORTED_SETS[name.toLowerCase()];
          return have !== undefined && versionAtLeast(have, minVersion);
        },
      },
      mailbox: {
        item,
        userProfile: options.user,
        addHandlerAsync(eventType, handler, callback) {
          answer('mailbox.addHandlerAsync', [eventType], callback, () => {
            const type = String(eventType);
            if (type !== EVENT_TYPES.OfficeThemeChanged) {
              throw new OfficeFailure(
                'InvalidEventType',
                `The mailbox raises no ${type} event.`,
                9000,
              );
            }
            mailboxHandlers.set(type, (mailboxHandlers.get(type) ?? new Set()).add(handler));
          });
        },
      },
    },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    MailboxEnums: { LocationType: { Room: 'room' } },
    EventType: EVENT_TYPES,
    setTheme(next) {
      theme = next;
      emit(mailboxHandlers, EVENT_TYPES.OfficeThemeChanged, {
        type: EVENT_TYPES.OfficeThemeChanged,
        officeTheme: next,
      });
    },
  };
}
