// Global setup of `npm run test:faults` (vitest.faults.config.ts): gives the test files a ledger
// directory, and when they are done prints the table of faults and writes bench/faults-results.json
// (`{ generatedAt, rows: [{ fault, injected, recovered, lost, notes }] }`).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { FaultRow } from './ledger.js';

const RESULTS = join(import.meta.dirname, '..', '..', '..', 'bench', 'faults-results.json');

/** The rows as a fixed-width table, the way the suite prints them. */
export function faultTable(rows: readonly FaultRow[]): string {
  const header: FaultRow = {
    fault: 'fault',
    injected: 0,
    recovered: 0,
    lost: 0,
    notes: 'notes',
  };
  const cells = (r: FaultRow, head = false) => [
    r.fault,
    head ? 'injected' : String(r.injected),
    head ? 'recovered' : String(r.recovered),
    head ? 'lost' : String(r.lost),
    r.notes,
  ];
  const lines = [cells(header, true), ...rows.map((r) => cells(r))];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines
    .map((l) => l.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join('  '))
    .join('\n');
}

/**
 * The rows measured now, plus the earlier rows of faults this run did not inject: running one file
 * (or the fast subset inside `npm test`) must not drop the other files' rows from the results.
 */
async function mergedRows(measured: readonly FaultRow[]): Promise<FaultRow[]> {
  let earlier: FaultRow[] = [];
  try {
    const parsed = JSON.parse(await readFile(RESULTS, 'utf8')) as { rows?: FaultRow[] };
    earlier = Array.isArray(parsed.rows) ? parsed.rows : [];
  } catch {
    // no earlier results, or unreadable ones: this run's rows alone
  }
  const now = new Set(measured.map((r) => r.fault));
  return [...earlier.filter((r) => !now.has(r.fault)), ...measured].sort((a, b) =>
    a.fault.localeCompare(b.fault),
  );
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'quorum-faults-'));
  project.provide('faultsLedgerDir', dir);
  return async () => {
    let text = '';
    try {
      text = await readFile(join(dir, 'rows.jsonl'), 'utf8');
    } catch {
      // no file recorded a row (every file failed before its end, or none ran)
    }
    await rm(dir, { recursive: true, force: true });
    const rows = text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as FaultRow)
      .sort((a, b) => a.fault.localeCompare(b.fault));
    if (rows.length === 0) return;
    process.stdout.write(
      `\nFaults injected, recovered and lost (lost must be 0):\n${faultTable(rows)}\n\n`,
    );
    const results = { generatedAt: new Date().toISOString(), rows: await mergedRows(rows) };
    await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  };
}
