import { describe, expect, it } from 'vitest';
import { AppointmentStore, type AppointmentState } from '../../../addin/demo/appointment-store.js';
import { createFakeOffice } from '../../../addin/demo/fake-office.js';
import {
  appointmentOf,
  applySlot,
  OfficeCallError,
  readAppointment,
  watchAppointment,
} from '../../../addin/taskpane/appointment.js';

const start = new Date('2027-03-15T09:00:00Z');
const end = new Date('2027-03-15T09:30:00Z');

function setup(overrides: Partial<AppointmentState> = {}) {
  const store = new AppointmentStore({
    subject: 'Planning',
    required: [
      { email: 'Adele.Vance@contoso.com', name: 'Adele Vance' },
      { email: 'pat@fabrikam.com', name: '' },
    ],
    optional: [
      { email: 'lee.gu@contoso.com', name: 'Lee Gu' },
      { email: 'adele.vance@contoso.com', name: 'Adele again' },
    ],
    start,
    end,
    locations: [],
    teamsMeeting: false,
    ...overrides,
  });
  const office = createFakeOffice({
    store,
    user: { emailAddress: 'megan.bowen@contoso.com', displayName: 'Megan Bowen' },
    roomName: (email) => (email === 'rainier@contoso.com' ? 'Rainier (12)' : undefined),
    theme: { bodyBackgroundColor: '#ffffff' },
  });
  const item = appointmentOf(office)!;
  return { store, office, item };
}

describe('the appointment through Office.js', () => {
  it('reads times and attendees, required first, each address once, lower-cased', async () => {
    const { office, item } = setup();
    const snapshot = await readAppointment(office, item);
    expect(snapshot.start).toEqual(start);
    expect(snapshot.end).toEqual(end);
    expect(snapshot.attendees).toEqual([
      { email: 'adele.vance@contoso.com', name: 'Adele Vance', required: true, kind: 'user' },
      { email: 'pat@fabrikam.com', name: 'pat@fabrikam.com', required: true, kind: 'externalUser' },
      { email: 'lee.gu@contoso.com', name: 'Lee Gu', required: false, kind: 'user' },
    ]);
  });

  it('applies start, then end, then the room as a Room location', async () => {
    const { office, item, store } = setup();
    const slot = {
      start: new Date('2027-03-16T13:00:00Z'),
      end: new Date('2027-03-16T14:00:00Z'),
      roomEmail: 'rainier@contoso.com',
    };
    await applySlot(office, item, slot);
    expect(store.state.start).toEqual(slot.start);
    expect(store.state.end).toEqual(slot.end);
    expect(store.state.locations).toEqual([
      { id: 'rainier@contoso.com', type: 'room', displayName: 'Rainier (12)' },
    ]);
    expect(office.calls.map((c) => [c.method, c.args])).toEqual([
      ['start.setAsync', ['2027-03-16T13:00:00.000Z']],
      ['end.setAsync', ['2027-03-16T14:00:00.000Z']],
      ['enhancedLocation.addAsync', [[{ id: 'rainier@contoso.com', type: 'room' }]]],
    ]);
  });

  it('replaces the room it applied before, and leaves other locations alone', async () => {
    const { office, item, store } = setup({
      locations: [{ id: 'Lobby', type: 'custom', displayName: 'Lobby' }],
    });
    await applySlot(office, item, { start, end, roomEmail: 'rainier@contoso.com' });
    await applySlot(office, item, {
      start,
      end,
      roomEmail: 'baker@contoso.com',
      previousRoomEmail: 'rainier@contoso.com',
    });
    expect(store.state.locations.map((l) => l.id)).toEqual(['Lobby', 'baker@contoso.com']);
    expect(office.calls.map((c) => c.method).slice(-2)).toEqual([
      'enhancedLocation.removeAsync',
      'enhancedLocation.addAsync',
    ]);
  });

  it('rejects with the host’s message when Outlook refuses a call', async () => {
    const { office, item } = setup();
    const failing = applySlot(office, item, {
      start: new Date('invalid'),
      end,
      roomEmail: null,
    });
    await expect(failing).rejects.toBeInstanceOf(OfficeCallError);
    await expect(failing).rejects.toThrow('start.setAsync: The date is not valid.');
  });

  it('hears the person edit attendees and times in the form', async () => {
    const { office, item, store } = setup();
    const heard: string[] = [];
    watchAppointment(office, item, () => heard.push('change'));
    await new Promise((r) => setTimeout(r, 5));
    store.setRecipients('required', []);
    store.setStart(new Date('2027-03-15T10:00:00Z'));
    await new Promise((r) => setTimeout(r, 5));
    expect(heard).toEqual(['change', 'change']);
    // Outlook keeps the meeting's length when the start moves.
    expect(store.state.end).toEqual(new Date('2027-03-15T10:30:00Z'));
  });
});

describe('choosing no room after a room', () => {
  it('removes the room the pane booked before', async () => {
    const { office, item, store } = setup();
    await applySlot(office, item, { start, end, roomEmail: 'rainier@contoso.com' });
    await applySlot(office, item, {
      start,
      end,
      roomEmail: null,
      previousRoomEmail: 'rainier@contoso.com',
    });
    expect(store.state.locations).toEqual([]);
  });
});
