// Applying a slot: one at a time, remembering the room this pane booked so the next Apply replaces
// it rather than adding a second room.
import { useCallback, useRef, useState } from 'react';
import { applySlot } from './appointment.js';
import type { OfficeApi, OfficeAppointmentCompose } from './office-api.js';

export interface Applied {
  readonly start: string;
  readonly end: string;
  readonly roomEmail: string | null;
}

export interface ApplyView {
  readonly applying: string | null;
  readonly applied: Applied | null;
  readonly error: unknown;
  apply(slot: Applied): Promise<void>;
}

export function useApply(office: OfficeApi, item: OfficeAppointmentCompose): ApplyView {
  const [applying, setApplying] = useState<string | null>(null);
  const [applied, setApplied] = useState<Applied | null>(null);
  const [error, setError] = useState<unknown>(null);
  const bookedRoom = useRef<string | null>(null);

  const apply = useCallback(
    async (slot: Applied) => {
      setApplying(slot.start);
      setError(null);
      try {
        await applySlot(office, item, {
          start: new Date(slot.start),
          end: new Date(slot.end),
          roomEmail: slot.roomEmail,
          previousRoomEmail: bookedRoom.current,
        });
        bookedRoom.current = slot.roomEmail;
        setApplied(slot);
      } catch (e) {
        setError(e);
      } finally {
        setApplying(null);
      }
    },
    [office, item],
  );
  return { applying, applied, error, apply };
}
