// The stored shape of Outlook calendar items and calendars, kept per mailbox.

export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';
export type ResponseType =
  'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';

export interface EmailAddress {
  name: string;
  address: string;
}

export interface ResponseStatus {
  response: ResponseType;
  time: string;
}

export interface EventAttendee {
  type: 'required' | 'optional' | 'resource';
  emailAddress: EmailAddress;
  status: ResponseStatus;
}

export interface EventLocation {
  displayName: string;
  locationType: string;
  uniqueId?: string;
  uniqueIdType: string;
  locationEmailAddress?: string;
  address?: Record<string, string>;
}

export interface RecurrencePattern {
  type:
    | 'daily'
    | 'weekly'
    | 'absoluteMonthly'
    | 'relativeMonthly'
    | 'absoluteYearly'
    | 'relativeYearly';
  interval: number;
  month: number;
  dayOfMonth: number;
  daysOfWeek: string[];
  firstDayOfWeek: string;
  index: string;
}

export interface RecurrenceRange {
  type: 'endDate' | 'noEnd' | 'numbered';
  startDate: string;
  endDate: string;
  recurrenceTimeZone: string;
  numberOfOccurrences: number;
}

export interface PatternedRecurrence {
  pattern: RecurrencePattern;
  range: RecurrenceRange;
}

export interface OnlineMeetingInfo {
  joinUrl: string;
  conferenceId: string;
  tollNumber: string;
  tollFreeNumbers: string[];
  phones: { number: string; type: string }[];
  quickDial: string;
}

/** Where an event lives: tenant, mailbox owner and calendar folder. */
export interface EventOwner {
  tenantId: string;
  userId: string;
}

export interface StoredEvent {
  id: string;
  owner: EventOwner;
  calendarId: string;
  iCalUId: string;
  changeKey: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  subject: string;
  body: { contentType: 'html' | 'text'; content: string };
  startUtc: number;
  endUtc: number;
  /** Zone names as the client gave them (Windows or IANA), for `originalStartTimeZone`. */
  startTimeZone: string;
  endTimeZone: string;
  isAllDay: boolean;
  showAs: ShowAs;
  sensitivity: 'normal' | 'personal' | 'private' | 'confidential';
  importance: 'low' | 'normal' | 'high';
  location: EventLocation;
  locations: EventLocation[];
  attendees: EventAttendee[];
  organizer: { emailAddress: EmailAddress };
  isOrganizer: boolean;
  responseStatus: ResponseStatus;
  responseRequested: boolean;
  recurrence: PatternedRecurrence | null;
  isCancelled: boolean;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: 'teamsForBusiness' | 'skypeForBusiness' | 'skypeForConsumer' | 'unknown';
  onlineMeeting: OnlineMeetingInfo | null;
  transactionId?: string;
  singleValueExtendedProperties: { id: string; value: string }[];
  categories: string[];
  reminderMinutesBeforeStart: number;
  isReminderOn: boolean;
  allowNewTimeProposals: boolean;
  hideAttendees: boolean;
  /** For attendee copies: the organizer's event this copy mirrors. */
  organizerEvent?: EventOwner & { eventId: string };
}

export interface CalendarFolder {
  id: string;
  name: string;
  color: string;
  hexColor: string;
  changeKey: string;
  isDefaultCalendar: boolean;
}

export const NO_RESPONSE_TIME = '0001-01-01T00:00:00Z';
