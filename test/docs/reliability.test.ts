import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { LoadOutcome } from '../../bench/load/generator.js';
import { phaseRows } from '../../bench/load/report.js';
import { ASSURANCES } from '../../scripts/reliability-promises.js';
import {
  readCommitted,
  readInputs,
  readWorkingTree,
  RELIABILITY_PATH,
  renderReliability,
  type ReliabilityInputs,
} from '../../scripts/reliability-report.js';

const NOTHING: ReliabilityInputs = { faults: null, security: null, bench: null, scripts: {} };

const outcome = (over: Partial<LoadOutcome> = {}): LoadOutcome => ({
  sent: 4200,
  measured: 4000,
  seconds: 2,
  p50Ms: 3.21,
  p99Ms: 12.5,
  statuses: { '200': 4190, '429': 10 },
  firstError: null,
  generatorCpuMs: 900,
  ...over,
});

const phase = (label: string, statusList: boolean) => ({
  label,
  members: 50_000,
  clients: 16,
  latencyMs: 20,
  statusList,
  graphThrottled: 0,
});

describe('docs/reliability.md', () => {
  it('is what `npm run reliability` writes from the inputs (working tree or committed; run it when this fails)', async () => {
    const page = await readFile(RELIABILITY_PATH, 'utf8');
    // The suites rewrite their results whenever they run (the security suite inside `npm test`),
    // so a page rendered from the committed results is as good as one from fresh ones.
    const fromWorkingTree = await renderReliability(await readInputs(readWorkingTree));
    if (page === fromWorkingTree) return;
    const committed = await readInputs(readCommitted).catch(() => null);
    expect(page).toBe(committed ? await renderReliability(committed) : fromWorkingTree);
  });

  it('points every promise at tests that exist, by their exact titles', async () => {
    expect(ASSURANCES.length).toBe(4);
    for (const { promise, proofs } of ASSURANCES) {
      expect(proofs.length, promise).toBeGreaterThan(0);
      for (const proof of proofs) {
        const source = await readFile(new URL(`../../${proof.file}`, import.meta.url), 'utf8');
        const titles = [...source.matchAll(/(?:it|describe)\(\s*(['"`])(.*?)\1,/gs)].map(
          (m) => m[2]!,
        );
        expect(titles, `${proof.file}: ${proof.title}`).toContain(proof.title);
      }
    }
  });

  it('says which command to run for every table it has no input for, and shows no figure', async () => {
    const page = await renderReliability(NOTHING);
    for (const command of [
      'npm run test:faults',
      'npx vitest run test/security',
      'npm run bench:load',
    ])
      expect(page).toContain(
        `Not measured yet — run \`${command}\`, then \`npm run reliability\`.`,
      );
    expect(page).not.toMatch(/^\|/m);
    expect(page).not.toContain('Measured ');
  });

  it('names the security command by its npm script once package.json has one', async () => {
    const page = await renderReliability({ ...NOTHING, scripts: { 'test:security': 'vitest' } });
    expect(page).toContain('run `npm run test:security`');
  });

  it('tables the fault rows with their total and when they were measured', async () => {
    const page = await renderReliability({
      ...NOTHING,
      faults: {
        generatedAt: '2026-11-20T09:05:00.000Z',
        rows: [
          { fault: 'SIGKILL mid-booking', injected: 3, recovered: 3, lost: 0, notes: 'a | b' },
          { fault: '429 storm', injected: 40, recovered: 39, lost: 1, notes: '' },
        ],
      },
    });
    expect(page).toContain('Measured 2026-11-20 09:05 UTC by `npm run test:faults`.');
    expect(page).toMatch(/\| SIGKILL mid-booking +\| +3 \| +3 \| +0 \| a \\\| b +\|/);
    expect(page).toMatch(/\| \*\*all\*\* +\| +43 \| +42 \| +1 \|/);
  });

  it('marks a security check that did not hold', async () => {
    const page = await renderReliability({
      ...NOTHING,
      security: {
        generatedAt: '2026-11-20T09:05:00.000Z',
        rows: [
          { check: 'auth: alg none', cases: 44, passed: 44 },
          { check: 'csv: formula injection', cases: 10, passed: 9 },
        ],
      },
    });
    expect(page).toMatch(/\| auth: alg none +\| +44 \| +44 \| +✓ +\|/);
    expect(page).toMatch(/\| csv: formula injection +\| +10 \| +9 \| +✗ +\|/);
    expect(page).toMatch(/\| \*\*all\*\* +\| +54 \| +53 \| +✗ +\|/);
  });

  it('tables the load rows of bench/results.json, one line per endpoint, with the DESIGN §8 marks', async () => {
    const results = [
      {
        name: 'sample 2000: naive / Quorum time per member',
        value: 38,
        unit: '×',
        target: '≥ 10×',
      },
      ...phaseRows(phase('GET /api/org/members, filtered page of 50', true), outcome()),
      ...phaseRows(
        phase('POST /api/schedule/availability, 20 attendees × 5 days', false),
        outcome({ p99Ms: 250, statuses: { '200': 4199, '500': 1 } }),
      ),
    ];
    const page = await renderReliability({
      ...NOTHING,
      bench: { generatedAt: '2026-11-21T01:00:46.508Z', node: 'v20', cpus: 2, results },
    });
    expect(page).toContain('Measured 2026-11-21 01:00 UTC by `npm run bench:load`.');
    expect(page).toContain('### 50,000 members, 16 clients, emulator at 20 ms');
    expect(page).toMatch(
      /\| GET \/api\/org\/members, filtered page of 50 +\| +2000 ✓ \| +3\.21 \| +12\.5 ✓ \| +4200 \| +0 ✓ \| +10 \| +0 +\|/,
    );
    expect(page).toMatch(
      /\| POST \/api\/schedule\/availability, 20 attendees × 5 days +\| +2000 \| +3\.21 \| +250 \| +4200 \| +1 ✗ \| +0 \| +0 +\|/,
    );
    expect(page).not.toContain('naive');
  });
});
