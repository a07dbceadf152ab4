// One row per injected fault kind: how many faults fired, how many operations they hit came back,
// and how many were lost (a member flipped by a transient fault, a meeting lost or doubled, a sweep
// that never finished). Under `npm run test:faults` the rows go to the report (report.ts); under
// `npm test` there is no report and rows are only asserted.
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';

export interface FaultRow {
  fault: string;
  injected: number;
  recovered: number;
  lost: number;
  notes: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Directory the fault rows are appended to (set by the faults config's global setup). */
    faultsLedgerDir: string;
  }
}

/** Appends `row` to the run's ledger (one JSON line per row), when a report is being made. */
export async function recordFault(row: FaultRow): Promise<void> {
  const dir = inject('faultsLedgerDir') as string | undefined;
  if (!dir) return;
  await appendFile(join(dir, 'rows.jsonl'), `${JSON.stringify(row)}\n`);
}
