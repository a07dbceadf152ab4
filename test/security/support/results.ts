// The security suite's summary, `bench/security-results.json`: one row per check with how many cases
// it tried and how many held. Every test file merges its own rows in (vitest runs files in parallel
// processes, so the read-merge-write happens under an exclusive lock file).
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface SecurityRow {
  readonly check: string;
  readonly cases: number;
  readonly passed: number;
}

export interface SecurityResults {
  readonly generatedAt: string;
  readonly rows: SecurityRow[];
}

export const RESULTS_FILE = fileURLToPath(
  new URL('../../../bench/security-results.json', import.meta.url),
);
const LOCK_FILE = `${RESULTS_FILE}.lock`;

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const handle = await open(LOCK_FILE, 'wx');
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(LOCK_FILE, { force: true });
  }
}

async function readResults(): Promise<SecurityResults | undefined> {
  try {
    return JSON.parse(await readFile(RESULTS_FILE, 'utf8')) as SecurityResults;
  } catch {
    return undefined;
  }
}

/** Replaces the rows of the same checks (a re-run overwrites, never adds up) and stamps the time. */
export async function recordRows(rows: readonly SecurityRow[]): Promise<void> {
  await withLock(async () => {
    const previous = (await readResults())?.rows ?? [];
    const names = new Set(rows.map((r) => r.check));
    const merged = [...previous.filter((r) => !names.has(r.check)), ...rows];
    const results: SecurityResults = { generatedAt: new Date().toISOString(), rows: merged };
    const temp = `${RESULTS_FILE}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(results, null, 2)}\n`);
    await rename(temp, RESULTS_FILE);
  });
}

/** Counts the cases of one check as a test file runs them; `row()` gives what to record. */
export class CheckTally {
  #cases = 0;
  #passed = 0;

  constructor(readonly check: string) {}

  /** Counts one case; pass whether it held (the assertion itself still fails the test). */
  count(held: boolean): void {
    this.#cases += 1;
    if (held) this.#passed += 1;
  }

  row(): SecurityRow {
    return { check: this.check, cases: this.#cases, passed: this.#passed };
  }
}
