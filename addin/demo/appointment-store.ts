// The demo's appointment: the state behind the Outlook-like form, changed by the person typing in it
// and by the add-in through the fake Office host, with Outlook's own rules (moving the start moves
// the end; the end may not precede the start) and change notifications for both.

export interface Recipient {
  readonly email: string;
  readonly name: string;
}

export interface FormLocation {
  /** The room's SMTP address, or the text of a custom location. */
  readonly id: string;
  readonly type: 'room' | 'custom';
  readonly displayName: string;
}

export interface AppointmentState {
  readonly subject: string;
  readonly required: readonly Recipient[];
  readonly optional: readonly Recipient[];
  readonly start: Date;
  readonly end: Date;
  readonly locations: readonly FormLocation[];
  /** The form's own "Teams meeting" toggle: only the person can switch it (Office.js cannot). */
  readonly teamsMeeting: boolean;
}

/** What changed, so the fake host can raise the matching Outlook event. */
export type ChangeKind = 'recipients' | 'time' | 'location' | 'other';

export type ChangeListener = (state: AppointmentState, kinds: ReadonlySet<ChangeKind>) => void;

export class AppointmentStore {
  #state: AppointmentState;
  readonly #listeners = new Set<ChangeListener>();

  constructor(initial: AppointmentState) {
    this.#state = initial;
  }

  get state(): AppointmentState {
    return this.#state;
  }

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #commit(next: AppointmentState, kinds: ChangeKind[]): void {
    this.#state = next;
    const set = new Set(kinds);
    for (const listener of this.#listeners) listener(next, set);
  }

  setSubject(subject: string): void {
    this.#commit({ ...this.#state, subject }, ['other']);
  }

  setTeamsMeeting(on: boolean): void {
    this.#commit({ ...this.#state, teamsMeeting: on }, ['other']);
  }

  setRecipients(field: 'required' | 'optional', recipients: readonly Recipient[]): void {
    this.#commit({ ...this.#state, [field]: [...recipients] }, ['recipients']);
  }

  /** Like Outlook: a new start keeps the meeting's length, moving the end along. */
  setStart(start: Date): void {
    const length = this.#state.end.getTime() - this.#state.start.getTime();
    this.#commit(
      { ...this.#state, start: new Date(start), end: new Date(start.getTime() + length) },
      ['time'],
    );
  }

  /** Like Outlook: refuses an end before the start (`InvalidEndTime`). */
  setEnd(end: Date): void {
    if (end.getTime() < this.#state.start.getTime()) {
      throw new RangeError('The appointment end time is before the appointment start time.');
    }
    this.#commit({ ...this.#state, end: new Date(end) }, ['time']);
  }

  addLocations(locations: readonly FormLocation[]): void {
    const present = new Set(this.#state.locations.map((l) => `${l.type}:${l.id.toLowerCase()}`));
    const added = locations.filter((l) => !present.has(`${l.type}:${l.id.toLowerCase()}`));
    this.#commit({ ...this.#state, locations: [...this.#state.locations, ...added] }, ['location']);
  }

  /** Removes every location with a matching id, as `enhancedLocation.removeAsync` does. */
  removeLocations(ids: readonly string[]): void {
    const gone = new Set(ids.map((id) => id.toLowerCase()));
    this.#commit(
      {
        ...this.#state,
        locations: this.#state.locations.filter((l) => !gone.has(l.id.toLowerCase())),
      },
      ['location'],
    );
  }
}
