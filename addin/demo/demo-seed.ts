// The meeting the demo opens with, written for the emulator's Contoso tenant: colleagues in two
// time zones, and people Quorum cannot see (a guest, someone outside the org, a disabled account)
// so the pane has something to explain.
import type { AppointmentState, Recipient } from './appointment-store.js';

/** People of the emulated tenants the attendee fields offer (their display names for the chips). */
export const DEMO_PEOPLE: readonly Recipient[] = [
  { email: 'adele.vance@contoso.com', name: 'Adele Vance' },
  { email: 'allan.deyoung@contoso.com', name: 'Allan Deyoung' },
  { email: 'lynne.robbins@contoso.com', name: 'Lynne Robbins' },
  { email: 'lee.gu@contoso.com', name: 'Lee Gu' },
  { email: 'megan.bowen@contoso.com', name: 'Megan Bowen' },
  { email: 'alex.wilber@contoso.com', name: 'Alex Wilber' },
  { email: 'christie.cline@contoso.com', name: 'Christie Cline' },
  { email: 'johanna.lorenz@contoso.com', name: 'Johanna Lorenz' },
  { email: 'diego.siciliani@contoso.com', name: 'Diego Siciliani' },
  { email: 'nestor.wilke@contoso.com', name: 'Nestor Wilke' },
  { email: 'pat.kowalski@fabrikam.com', name: 'Pat Kowalski (Fabrikam)' },
  { email: 'jordan.reyes@northwind.example', name: 'Jordan Reyes (Northwind)' },
];

const byEmail = (email: string): Recipient =>
  DEMO_PEOPLE.find((p) => p.email === email) ?? { email, name: email };

/** The next weekday at 10:00 local time, at least a day away. */
export function nextWorkdayAtTen(now: Date): Date {
  const day = new Date(now);
  day.setHours(10, 0, 0, 0);
  do day.setDate(day.getDate() + 1);
  while (day.getDay() === 0 || day.getDay() === 6);
  return day;
}

export function demoAppointment(now: Date, organizerEmail: string | null): AppointmentState {
  const start = nextWorkdayAtTen(now);
  const others = (emails: string[]) =>
    emails.filter((e) => e !== organizerEmail?.toLowerCase()).map(byEmail);
  return {
    subject: 'Quarterly planning',
    required: others([
      'adele.vance@contoso.com',
      'allan.deyoung@contoso.com',
      'lynne.robbins@contoso.com',
      'pat.kowalski@fabrikam.com',
      'jordan.reyes@northwind.example',
    ]),
    optional: others(['diego.siciliani@contoso.com']),
    start,
    end: new Date(start.getTime() + 30 * 60_000),
    locations: [],
    teamsMeeting: false,
  };
}

/** A recipient for a typed address: a known person's name, else the address itself. */
export function recipientFor(email: string): Recipient {
  return byEmail(email.trim().toLowerCase());
}
