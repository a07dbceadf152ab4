// What to look for: subject, attendees, length, which days, a room, a Teams meeting.
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  Select,
  tokens,
} from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import type { Room, SuggestionRequest } from '../../api/schedule.js';
import { EmailListInput } from '../../ui/email-list-input.js';
import { dateInputValue } from '../../ui/zoned-format.js';

const useStyles = makeStyles({
  form: { display: 'grid', rowGap: tokens.spacingVerticalM },
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(12rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
  },
  people: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(16rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
  },
});

export interface ScheduleDraft {
  subject: string;
  required: string[];
  optional: string[];
  durationMinutes: number;
  from: string;
  to: string;
  wantRoom: boolean;
  minCapacity: string;
  building: string;
  teams: boolean;
}

export function initialDraft(now = new Date()): ScheduleDraft {
  const end = new Date(now);
  end.setDate(end.getDate() + 7);
  return {
    subject: '',
    required: [],
    optional: [],
    durationMinutes: 30,
    from: dateInputValue(now),
    to: dateInputValue(end),
    wantRoom: false,
    minCapacity: '',
    building: '',
    teams: true,
  };
}

/** The suggestions request for a draft: whole days in the organizer's zone, `to` inclusive. */
export function suggestionRequest(d: ScheduleDraft, timeZone: string): SuggestionRequest {
  const end = new Date(`${d.to}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  const capacity = Number(d.minCapacity);
  return {
    required: d.required,
    optional: d.optional,
    includeOrganizer: true,
    durationMinutes: d.durationMinutes,
    start: `${d.from}T00:00`,
    end: `${end.toISOString().slice(0, 10)}T00:00`,
    organizerTimeZone: timeZone,
    maxResults: 10,
    ...(d.wantRoom
      ? {
          rooms: {
            count: 1,
            ...(capacity > 0 ? { minCapacity: capacity } : {}),
            ...(d.building ? { building: d.building } : {}),
          },
        }
      : {}),
  };
}

export function ScheduleForm({
  draft,
  onChange,
  rooms,
  busy,
  onFind,
}: {
  draft: ScheduleDraft;
  onChange: (d: ScheduleDraft) => void;
  rooms: Room[];
  busy: boolean;
  onFind: () => void;
}) {
  const styles = useStyles();
  const set = (patch: Partial<ScheduleDraft>) => onChange({ ...draft, ...patch });
  const buildings = useMemo(
    () => [...new Set(rooms.map((r) => r.building).filter((b): b is string => Boolean(b)))].sort(),
    [rooms],
  );
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        if (!draft.subject.trim()) return setProblem('Give the meeting a subject.');
        if (draft.to < draft.from) return setProblem('The last day is before the first day.');
        setProblem(null);
        onFind();
      }}
    >
      <Field label="Subject" required validationMessage={problem ?? undefined}>
        <Input value={draft.subject} onChange={(_, d) => set({ subject: d.value })} />
      </Field>
      <div className={styles.people}>
        <EmailListInput
          label="Required attendees"
          values={draft.required}
          onChange={(required) => set({ required })}
        />
        <EmailListInput
          label="Optional attendees"
          values={draft.optional}
          onChange={(optional) => set({ optional })}
        />
      </div>
      <div className={styles.row}>
        <Field label="Length">
          <Select
            value={String(draft.durationMinutes)}
            onChange={(_, d) => set({ durationMinutes: Number(d.value) })}
          >
            {[15, 30, 45, 60, 90, 120].map((m) => (
              <option key={m} value={m}>
                {m < 60 ? `${m} minutes` : `${m / 60} hour${m > 60 ? 's' : ''}`}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="First day">
          <Input type="date" value={draft.from} onChange={(_, d) => set({ from: d.value })} />
        </Field>
        <Field label="Last day">
          <Input type="date" value={draft.to} onChange={(_, d) => set({ to: d.value })} />
        </Field>
      </div>
      <div className={styles.row}>
        <Checkbox
          label="Book a room"
          checked={draft.wantRoom}
          onChange={(_, d) => set({ wantRoom: d.checked === true })}
        />
        {draft.wantRoom ? (
          <>
            <Field label="Seats at least">
              <Input
                type="number"
                min={1}
                value={draft.minCapacity}
                onChange={(_, d) => set({ minCapacity: d.value })}
              />
            </Field>
            <Field label="Building">
              <Select value={draft.building} onChange={(_, d) => set({ building: d.value })}>
                <option value="">Any building</option>
                {buildings.map((b) => (
                  <option key={b} value={b}>
                    {b}
                  </option>
                ))}
              </Select>
            </Field>
          </>
        ) : null}
        <Checkbox
          label="Add a Teams meeting"
          checked={draft.teams}
          onChange={(_, d) => set({ teams: d.checked === true })}
        />
      </div>
      <div>
        <Button appearance="primary" type="submit" icon={<SearchRegular />} disabled={busy}>
          {busy ? 'Finding times…' : 'Find times'}
        </Button>
      </div>
    </form>
  );
}
