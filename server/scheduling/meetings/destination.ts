// Which calendar of the organizer's mailbox a booking goes to: the default one, the Quorum Scheduler
// calendar, or one the member chose — and the scheduler calendar in its place when the chosen one
// cannot be written (Comeet's rule: `canEdit: false`, gone, or refused by Exchange).
import { GraphError } from '../../microsoft/graph/index.js';
import type { GraphCalendar } from '../../microsoft/graph-types.js';
import { AppError } from '../../http/errors.js';
import type { MeetingDestination } from './meeting.js';
import { isSchedulerCalendar, SCHEDULER_DESTINATION } from './scheduler-calendar.js';

export const DEFAULT_DESTINATION = 'default';

export interface DestinationChoice {
  /** `default`, `scheduler` or a calendar id. */
  requested: string;
  /** Named in the request (an unknown id is the client's mistake) rather than a stored preference. */
  explicit: boolean;
}

export interface ResolvedDestination {
  /** Null for the default calendar (`POST /users/{id}/events`). */
  calendarId: string | null;
  /** The calendar as listed, for its Teams capability; undefined when it was not in the listing. */
  calendar: GraphCalendar | undefined;
  destination: MeetingDestination;
}

/** The member's stored choice (`member.calendar.destinationCalendarId`) as a destination. */
export function storedDestination(destinationCalendarId: string | null): DestinationChoice {
  return { requested: destinationCalendarId ?? DEFAULT_DESTINATION, explicit: false };
}

/**
 * Resolves the destination against the mailbox's own calendars. `scheduler` makes the Quorum
 * Scheduler calendar if needed; so does a destination that cannot be written, with the reason.
 * An explicit calendar id that is not one of the mailbox's calendars is refused (`ERR_VALIDATION`).
 */
export async function resolveDestination(
  calendars: readonly GraphCalendar[],
  choice: DestinationChoice,
  ensureScheduler: () => Promise<GraphCalendar>,
): Promise<ResolvedDestination> {
  const { requested } = choice;
  const scheduler = async (reason: string | null): Promise<ResolvedDestination> => {
    const calendar = await ensureScheduler();
    return {
      calendarId: calendar.id,
      calendar,
      destination: { requested, used: 'scheduler', reason },
    };
  };
  const asDefault = (
    calendar: GraphCalendar | undefined,
  ): Promise<ResolvedDestination> | ResolvedDestination =>
    calendar?.canEdit === false
      ? scheduler(
          'Your default calendar cannot be written, so the event went to the Quorum Scheduler calendar.',
        )
      : { calendarId: null, calendar, destination: { requested, used: 'default', reason: null } };

  if (requested === SCHEDULER_DESTINATION) return scheduler(null);
  if (requested === DEFAULT_DESTINATION)
    return asDefault(calendars.find((c) => c.isDefaultCalendar));
  const calendar = calendars.find((c) => c.id === requested);
  if (!calendar) {
    if (choice.explicit) {
      throw new AppError('ERR_VALIDATION', {
        detail: '1 field failed validation.',
        errors: [{ in: 'body', path: 'destination', message: 'Not one of your calendars.' }],
      });
    }
    return scheduler(
      'The calendar you chose for bookings no longer exists, so the event went to the Quorum Scheduler calendar.',
    );
  }
  if (calendar.isDefaultCalendar) return asDefault(calendar);
  if (isSchedulerCalendar(calendar)) {
    return {
      calendarId: calendar.id,
      calendar,
      destination: { requested, used: 'scheduler', reason: null },
    };
  }
  if (calendar.canEdit === false) {
    return scheduler(
      `Quorum cannot write to your calendar "${calendar.name ?? calendar.id}", so the event went to the Quorum Scheduler calendar.`,
    );
  }
  return {
    calendarId: calendar.id,
    calendar,
    destination: { requested, used: 'calendar', reason: null },
  };
}

/**
 * Why a create refused by Exchange should go to the scheduler calendar instead, or undefined when
 * it should not: the destination is not already the scheduler calendar, and Exchange said the
 * folder cannot be written (403 `ErrorAccessDenied`) or is gone (404 `ErrorItemNotFound`).
 */
export function fallbackReason(
  error: unknown,
  destination: MeetingDestination,
): string | undefined {
  if (destination.used === 'scheduler' || !(error instanceof GraphError)) return undefined;
  if (error.status === 403 && error.code === 'ErrorAccessDenied') {
    return `Microsoft 365 refused to write to the ${destination.used === 'default' ? 'default calendar' : 'calendar you chose'} (403 ErrorAccessDenied), so the event went to the Quorum Scheduler calendar.`;
  }
  if (
    error.status === 404 &&
    error.code === 'ErrorItemNotFound' &&
    destination.used === 'calendar'
  ) {
    return 'The calendar you chose for bookings no longer exists (404 ErrorItemNotFound), so the event went to the Quorum Scheduler calendar.';
  }
  return undefined;
}

/** Whether a calendar offers Teams meetings; unknown (not listed) counts as yes, and the 201 tells. */
export function offersTeams(calendar: GraphCalendar | undefined): boolean {
  const providers = calendar?.allowedOnlineMeetingProviders;
  return providers === undefined || providers.includes('teamsForBusiness');
}
