// The demo appointment as React state.
import { useSyncExternalStore } from 'react';
import type { AppointmentState, AppointmentStore } from './appointment-store.js';

export function useAppointmentState(store: AppointmentStore): AppointmentState {
  return useSyncExternalStore(
    (listener) => store.subscribe(() => listener()),
    () => store.state,
  );
}
