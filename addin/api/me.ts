// The caller's own endpoints: who am I, my org-managed calendar, my calendars, personal calendars.
import type { ApiClient } from './client.js';
import type { StatusCategory, StatusReason } from './status-types.js';

export type Role = 'owner' | 'admin' | 'member';

export interface OrgCalendar {
  managed: boolean;
  status: StatusCategory;
  reason: StatusReason;
  summary: string;
  fix: string | null;
  timeZone: string | null;
  checkedAt: string | null;
  requestId?: string;
  retryAt?: string;
  disconnected: boolean;
  canDisconnect: boolean;
  selectedCalendarIds: string[];
  destinationCalendarId: string | null;
}

export interface PersonalCalendar {
  id: string;
  email: string;
  displayName: string;
  tenantId: string;
  status: 'connected' | 'reauth_required' | 'error';
  connectedAt: string;
  checkedAt: string | null;
  shadowedByOrg: boolean;
}

export interface Me {
  user: {
    tenantId: string;
    objectId: string;
    name: string | null;
    username: string | null;
    memberId: string | null;
    role: Role | null;
  };
  org: { id: string; name: string; settings: { allowMemberDisconnect: boolean } } | null;
  calendar: OrgCalendar | null;
  personalCalendars: PersonalCalendar[];
  onboarding: {
    canGrantConsent: boolean;
    nextStep: 'grant_admin_consent' | 'ask_tenant_admin';
    message: string;
  } | null;
}

export interface MyCalendars {
  calendars: {
    id: string;
    name: string;
    canEdit: boolean;
    isDefault: boolean;
    selected: boolean;
    destination: boolean;
  }[];
  scheduler: { id: 'scheduler'; name: string; exists: boolean; destination: boolean };
  destinationCalendarId: string | null;
}

export interface CalendarSelection {
  selectedCalendarIds: string[];
  destinationCalendarId: string | null;
}

/** `GET /api/me` */
export const getMe = (api: ApiClient) => api.get<Me>('/api/me');

/** `POST /api/me/calendar/disconnect` · `/reconnect` */
export const setOrgCalendarConnected = (api: ApiClient, connected: boolean) =>
  api.post<OrgCalendar>(`/api/me/calendar/${connected ? 'reconnect' : 'disconnect'}`);

/** `GET /api/me/calendars` */
export const getMyCalendars = (api: ApiClient) => api.get<MyCalendars>('/api/me/calendars');

/** `PUT /api/me/calendars/selection` */
export const putCalendarSelection = (api: ApiClient, selection: CalendarSelection) =>
  api.put<MyCalendars>('/api/me/calendars/selection', selection);

/** `POST /api/me/personal-calendars/connect` — the delegated sign-in URL to open. */
export const startPersonalCalendarConnect = (api: ApiClient) =>
  api.post<{ url: string; expiresAt: string }>('/api/me/personal-calendars/connect');

/** `DELETE /api/me/personal-calendars/{id}` */
export const removePersonalCalendar = (api: ApiClient, id: string) =>
  api.delete(`/api/me/personal-calendars/${encodeURIComponent(id)}`);
