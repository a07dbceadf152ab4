// What to search: how far ahead, and whether to book a room (how many seats, which building).
import { Field, Input, makeStyles, Select, Switch, tokens } from '@fluentui/react-components';
import type { SearchFilters, SearchRange } from './suggestion-request.js';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(8.5rem, 1fr))',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    alignItems: 'end',
  },
});

const RANGES: readonly { value: SearchRange; label: string }[] = [
  { value: 'day', label: 'That day' },
  { value: 'week', label: 'Next 7 days' },
  { value: 'twoWeeks', label: 'Next 14 days' },
];

export interface SearchFiltersProps {
  readonly filters: SearchFilters;
  readonly buildings: readonly string[];
  onChange(filters: SearchFilters): void;
}

export function SearchFiltersPanel({ filters, buildings, onChange }: SearchFiltersProps) {
  const styles = useStyles();
  return (
    <section aria-label="Search options" className={styles.grid}>
      <Field label="Look at">
        <Select
          value={filters.range}
          onChange={(_, data) => onChange({ ...filters, range: data.value as SearchRange })}
        >
          {RANGES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </Select>
      </Field>
      <Switch
        label="Book a room"
        checked={filters.needRoom}
        onChange={(_, data) => onChange({ ...filters, needRoom: data.checked })}
      />
      {filters.needRoom ? (
        <>
          <Field label="Seats">
            <Input
              type="number"
              min={1}
              max={500}
              placeholder="Everyone"
              value={filters.minCapacity === null ? '' : String(filters.minCapacity)}
              onChange={(_, data) => {
                const seats = Number.parseInt(data.value, 10);
                onChange({
                  ...filters,
                  minCapacity: Number.isFinite(seats) && seats > 0 ? seats : null,
                });
              }}
            />
          </Field>
          <Field label="Building">
            <Select
              value={filters.building ?? ''}
              onChange={(_, data) => onChange({ ...filters, building: data.value || null })}
            >
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
    </section>
  );
}
