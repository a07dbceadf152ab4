// Exactly the part of Office.js the task pane and the Outlook host use, as types. The pane takes an
// object of this shape instead of the global `Office`, so the demo's fake host implements the same
// contract — and test/addin/taskpane/office-api.types.test.ts checks that the real Office.js
// typings (@types/office-js) satisfy it, so the subset cannot drift from Outlook.

/** `Office.AsyncResult`: `status` is `"succeeded"` or `"failed"` (`Office.AsyncResultStatus`). */
export interface OfficeAsyncResult<T> {
  readonly status: unknown;
  readonly value: T;
  /** Set when `status` is `"failed"`. */
  readonly error?: { readonly name: string; readonly message: string; readonly code: number };
}

export type OfficeCallback<T> = (result: OfficeAsyncResult<T>) => void;

/** `item.start` / `item.end` (Mailbox 1.1): UTC `Date`s. */
export interface OfficeTime {
  getAsync(callback: OfficeCallback<Date>): void;
  setAsync(dateTime: Date, callback?: OfficeCallback<void>): void;
}

/** `Office.EmailAddressDetails` as `Recipients.getAsync` returns it. */
export interface OfficeEmailAddressDetails {
  readonly emailAddress: string;
  readonly displayName: string;
  /** `user`, `externalUser`, `distributionList` or `other`. */
  readonly recipientType: string;
}

/** `item.requiredAttendees` / `item.optionalAttendees` (Mailbox 1.1). */
export interface OfficeRecipients {
  getAsync(callback: OfficeCallback<OfficeEmailAddressDetails[]>): void;
}

/** `Office.LocationIdentifier`: a room by its SMTP address, or a custom text location. */
export interface OfficeLocationIdentifier {
  id: string;
  type: string;
}

/** `item.enhancedLocation` (Mailbox 1.8). */
export interface OfficeEnhancedLocation {
  addAsync(locationIdentifiers: OfficeLocationIdentifier[], callback?: OfficeCallback<void>): void;
  removeAsync(
    locationIdentifiers: OfficeLocationIdentifier[],
    callback?: OfficeCallback<void>,
  ): void;
}

/** `Office.context.mailbox.item` as an `AppointmentCompose` (the organizer's form). */
export interface OfficeAppointmentCompose {
  readonly start: OfficeTime;
  readonly end: OfficeTime;
  readonly requiredAttendees: OfficeRecipients;
  readonly optionalAttendees: OfficeRecipients;
  readonly enhancedLocation: OfficeEnhancedLocation;
  /** `RecipientsChanged` and `AppointmentTimeChanged` (Mailbox 1.7). */
  addHandlerAsync(
    eventType: unknown,
    handler: (event: unknown) => void,
    callback?: OfficeCallback<void>,
  ): void;
}

/** `Office.OfficeTheme` (the colours of the host's current theme). */
export interface OfficeThemeColors {
  readonly bodyBackgroundColor: string;
}

/** The global `Office` object, reduced to what Quorum calls. */
export interface OfficeApi {
  onReady(): Promise<{ host: unknown; platform: unknown }>;
  readonly context: {
    readonly displayLanguage: string;
    readonly officeTheme?: OfficeThemeColors;
    readonly requirements: { isSetSupported(name: string, minVersion?: string): boolean };
    readonly mailbox: {
      readonly item?: OfficeAppointmentCompose;
      readonly userProfile: {
        readonly emailAddress: string;
        readonly displayName: string;
        /**
         * The mailbox's time zone: a Windows name ("Pacific Standard Time") in most hosts; Outlook
         * on the web and new Outlook give the calendar's default zone, sometimes as an IANA name.
         */
        readonly timeZone?: string;
      };
      /** `OfficeThemeChanged` (Mailbox 1.14). */
      addHandlerAsync(
        eventType: unknown,
        handler: (event: unknown) => void,
        callback?: OfficeCallback<void>,
      ): void;
    };
  };
  readonly AsyncResultStatus: { readonly Succeeded: unknown; readonly Failed: unknown };
  readonly MailboxEnums: { readonly LocationType: { readonly Room: string } };
  readonly EventType: {
    readonly RecipientsChanged: unknown;
    readonly AppointmentTimeChanged: unknown;
    readonly OfficeThemeChanged: unknown;
  };
}
