// The Graph v1.0 shapes Quorum reads and writes, narrowed to the properties it uses
// (graph-facts §2–§4). Properties Graph may omit or null are typed so.

/** `dateTimeTimeZone`: a wall-clock time and the zone it is in (Windows or IANA name). */
export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

export interface EmailAddress {
  address: string;
  name?: string;
}

export interface GraphUser {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string;
  /** `SMTP:` primary, `smtp:` aliases. `$select` only. */
  proxyAddresses?: string[];
  otherMails?: string[];
  accountEnabled?: boolean;
  userType?: 'Member' | 'Guest' | null;
  assignedLicenses?: { skuId: string; disabledPlans: string[] }[];
}

/** An entry of `/users/delta`: a changed user, or a removal marker. */
export type GraphUserDelta =
  | (GraphUser & { '@removed'?: undefined })
  | { id: string; '@removed': { reason: 'changed' | 'deleted' } };

export interface VerifiedDomain {
  name: string;
  isDefault: boolean;
  isInitial: boolean;
  capabilities?: string;
  type?: string;
}

export interface GraphOrganization {
  id: string;
  displayName: string;
  verifiedDomains: VerifiedDomain[];
}

export interface GraphGroup {
  id: string;
  displayName: string;
  mail?: string | null;
}

/** A member of `transitiveMembers`: users, groups, devices, service principals, contacts. */
export interface DirectoryObject {
  '@odata.type': string;
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string;
}

export type DayOfWeek =
  'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';

/** Working hours as Graph sends them; `timeZone` may be a `customTimeZone` with only a name kept. */
export interface GraphWorkingHours {
  daysOfWeek: DayOfWeek[];
  startTime: string;
  endTime: string;
  timeZone?: { name?: string | null; '@odata.type'?: string } | null;
}

export type UserPurpose =
  'user' | 'linked' | 'shared' | 'room' | 'equipment' | 'others' | 'unknownFutureValue';

export interface GraphMailboxSettings {
  timeZone?: string | null;
  workingHours?: GraphWorkingHours | null;
  userPurpose?: { value: UserPurpose } | null;
  language?: { locale?: string; displayName?: string } | null;
}

export type OnlineMeetingProvider =
  'unknown' | 'teamsForBusiness' | 'skypeForBusiness' | 'skypeForConsumer';

export interface GraphCalendar {
  id: string;
  name?: string;
  canEdit?: boolean;
  isDefaultCalendar?: boolean;
  allowedOnlineMeetingProviders?: OnlineMeetingProvider[];
  defaultOnlineMeetingProvider?: OnlineMeetingProvider;
  owner?: EmailAddress;
}

export type ResponseType =
  'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';

export interface ResponseStatus {
  response: ResponseType;
  time: string;
}

export type AttendeeType = 'required' | 'optional' | 'resource';

export interface Attendee {
  emailAddress: EmailAddress;
  type: AttendeeType;
  status?: ResponseStatus;
}

export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';

export interface SingleValueExtendedProperty {
  id: string;
  value: string;
}

export interface GraphEvent {
  id: string;
  iCalUId?: string;
  subject?: string | null;
  start: DateTimeTimeZone;
  end: DateTimeTimeZone;
  isAllDay?: boolean;
  isCancelled?: boolean;
  showAs?: ShowAs;
  type?: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';
  organizer?: { emailAddress: EmailAddress };
  attendees?: Attendee[];
  responseStatus?: ResponseStatus;
  location?: { displayName?: string; locationEmailAddress?: string };
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: OnlineMeetingProvider;
  onlineMeeting?: { joinUrl?: string | null } | null;
  transactionId?: string | null;
  webLink?: string;
  singleValueExtendedProperties?: SingleValueExtendedProperty[];
}

export interface GraphRoom {
  id: string;
  emailAddress: string;
  displayName: string;
  capacity?: number | null;
  building?: string | null;
  floorNumber?: number | null;
  floorLabel?: string | null;
  isWheelChairAccessible?: boolean | null;
  bookingType?: 'standard' | 'reserved' | 'unknown';
  tags?: string[];
  nickname?: string | null;
}

export interface GraphRoomList {
  id: string;
  emailAddress: string;
  displayName: string;
}

/** One `scheduleInformation` of a getSchedule response. */
export interface GraphScheduleInformation {
  scheduleId: string;
  availabilityView?: string;
  scheduleItems?: {
    status: ShowAs;
    start: DateTimeTimeZone;
    end: DateTimeTimeZone;
    isPrivate?: boolean;
  }[];
  workingHours?: GraphWorkingHours | null;
  error?: { message?: string; responseCode?: string } | null;
}
