// Teams meetings on events: a join URL and dial-in details when the organizer's calendar allows
// `teamsForBusiness`; otherwise Outlook still creates the event, without the meeting.
import { randomBytes, randomInt } from 'node:crypto';
import type { Tenant, User } from '../world/types.js';
import type { OnlineMeetingInfo } from './event-model.js';

/** `allowedOnlineMeetingProviders` of a mailbox's calendars. */
export function allowedProviders(user: User): string[] {
  return user.mailbox.teamsEnabled ? ['teamsForBusiness'] : [];
}

export function newTeamsMeeting(tenant: Tenant, organizer: User): OnlineMeetingInfo {
  const thread = `19%3ameeting_${randomBytes(36).toString('base64url')}%40thread.v2`;
  const context = encodeURIComponent(JSON.stringify({ Tid: tenant.id, Oid: organizer.id }));
  return {
    joinUrl: `https://teams.microsoft.com/l/meetup-join/${thread}/0?context=${context}`,
    conferenceId: String(randomInt(100_000_000, 999_999_999)),
    tollNumber: '+1 206-555-0100',
    tollFreeNumbers: [],
    phones: [],
    quickDial: '',
  };
}

/** The HTML blob Outlook appends to a Teams meeting's body. */
export function teamsBodyBlob(meeting: OnlineMeetingInfo): string {
  return (
    '<div style="width:100%">________________________________________________________________________________</div>' +
    '<div><span style="font-size:24px">Microsoft Teams meeting</span></div>' +
    `<div><a href="${meeting.joinUrl}">Join the meeting now</a></div>` +
    `<div>Meeting ID: ${meeting.conferenceId}</div>` +
    '<div>________________________________________________________________________________</div>'
  );
}
