// The form's attendees and times as React state: read when the pane opens, and again whenever the
// organizer edits them in Outlook (a burst of edits is read once).
import { useCallback, useEffect, useRef, useState } from 'react';
import { readAppointment, watchAppointment, type AppointmentSnapshot } from './appointment.js';
import type { OfficeApi, OfficeAppointmentCompose } from './office-api.js';

export interface AppointmentView {
  readonly snapshot: AppointmentSnapshot | null;
  readonly error: unknown;
  /** Reads the form again now. */
  refresh(): void;
}

const SETTLE_MS = 150;

export function useAppointment(office: OfficeApi, item: OfficeAppointmentCompose): AppointmentView {
  const [snapshot, setSnapshot] = useState<AppointmentSnapshot | null>(null);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(0);

  const refresh = useCallback(() => {
    const read = ++latest.current;
    readAppointment(office, item).then(
      (next) => {
        if (read !== latest.current) return;
        setSnapshot(next);
        setError(null);
      },
      (e: unknown) => {
        if (read === latest.current) setError(e);
      },
    );
  }, [office, item]);

  useEffect(() => {
    refresh();
    let timer: ReturnType<typeof setTimeout> | undefined;
    watchAppointment(office, item, () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, SETTLE_MS);
    });
    return () => clearTimeout(timer);
  }, [office, item, refresh]);

  return { snapshot, error, refresh };
}
