// `npm run reliability`: writes docs/reliability.md — what Quorum promises, the tests that prove
// each promise (scripts/reliability-promises.ts), and the tables the suites measured: faults
// (bench/faults-results.json), security (bench/security-results.json) and load (the load rows of
// bench/results.json). A missing input reads "not measured yet"; nothing here invents a figure.
// test/docs/reliability.test.ts fails when the page is stale.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { z } from 'zod';
import { parseLoadName, type METRICS } from '../bench/load/report.js';
import { ASSURANCES } from './reliability-promises.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RELIABILITY_PATH = path.join(root, 'docs', 'reliability.md');

/** The generator's inputs, relative to the repository root. */
export const INPUT_FILES = {
  faults: 'bench/faults-results.json',
  security: 'bench/security-results.json',
  bench: 'bench/results.json',
  packageJson: 'package.json',
} as const;

const FaultsSchema = z.object({
  generatedAt: z.string(),
  rows: z.array(
    z.object({
      fault: z.string(),
      injected: z.number(),
      recovered: z.number(),
      lost: z.number(),
      notes: z.string(),
    }),
  ),
});
const SecuritySchema = z.object({
  generatedAt: z.string(),
  rows: z.array(z.object({ check: z.string(), cases: z.number(), passed: z.number() })),
});
const BenchSchema = z.object({
  generatedAt: z.string(),
  node: z.string(),
  cpus: z.number(),
  cpuModel: z.string().optional(),
  results: z.array(
    z.object({
      name: z.string(),
      value: z.number(),
      unit: z.string(),
      target: z.string(),
      pass: z.boolean().optional(),
    }),
  ),
});
const PackageSchema = z.object({ scripts: z.record(z.string(), z.string()) });

export interface ReliabilityInputs {
  faults: z.infer<typeof FaultsSchema> | null;
  security: z.infer<typeof SecuritySchema> | null;
  bench: z.infer<typeof BenchSchema> | null;
  scripts: Record<string, string>;
}

/** Reads one input's text, or null when it does not exist. */
export type ReadText = (relativePath: string) => Promise<string | null>;

export const readWorkingTree: ReadText = (rel) =>
  readFile(path.join(root, rel), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });

/**
 * The committed version (HEAD) of an input. The suites rewrite their results files whenever they
 * run (the security suite inside `npm test`), so the committed inputs are what the committed page
 * must agree with. Throws outside a git checkout.
 */
export const readCommitted: ReadText = async (rel) => {
  try {
    const { stdout } = await promisify(execFile)('git', ['show', `HEAD:${rel}`], {
      cwd: root,
      maxBuffer: 64 * 2 ** 20,
    });
    return stdout;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    if (/does not exist in|exists on disk, but not in/.test(stderr)) return null;
    throw error;
  }
};

export async function readInputs(read: ReadText): Promise<ReliabilityInputs> {
  const parsed = async <T>(rel: string, schema: z.ZodType<T>): Promise<T | null> => {
    const text = await read(rel);
    if (text === null) return null;
    const result = schema.safeParse(JSON.parse(text));
    if (!result.success) throw new Error(`${rel} is not in the expected shape: ${result.error}`);
    return result.data;
  };
  const pkg = await parsed(INPUT_FILES.packageJson, PackageSchema);
  return {
    faults: await parsed(INPUT_FILES.faults, FaultsSchema),
    security: await parsed(INPUT_FILES.security, SecuritySchema),
    bench: await parsed(INPUT_FILES.bench, BenchSchema),
    scripts: pkg?.scripts ?? {},
  };
}

const cell = (text: string | number) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const row = (cells: (string | number)[]) => `| ${cells.map(cell).join(' | ')} |`;
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** The security suite's command: its npm script once package.json has one. */
function securityCommand(scripts: Record<string, string>) {
  return 'test:security' in scripts ? 'npm run test:security' : 'npx vitest run test/security';
}

function provenance(measure: string, generatedAt: string | null): string {
  const regenerate = `Regenerate: \`${measure}\`, then \`npm run reliability\`.`;
  return generatedAt === null
    ? `Not measured yet — run \`${measure}\`, then \`npm run reliability\`.`
    : `Measured ${when(generatedAt)} by \`${measure}\`. ${regenerate}`;
}

function faultSection(inputs: ReliabilityInputs): string[] {
  const measure = 'npm run test:faults';
  const lines = ['## Fault suite', '', provenance(measure, inputs.faults?.generatedAt ?? null)];
  if (!inputs.faults) return lines;
  const rows = inputs.faults.rows;
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + pick(r), 0);
  lines.push(
    '',
    'Faults injected into the emulator or the server while Quorum works; _lost_ counts members flipped by a transient fault, meetings lost or doubled and sweeps that never finished; it must be 0.',
    '',
    row(['fault', 'injected', 'recovered', 'lost', 'notes']),
    row(['---', '--:', '--:', '--:', '---']),
    ...rows.map((r) => row([r.fault, r.injected, r.recovered, r.lost, r.notes])),
    row(['**all**', sum((r) => r.injected), sum((r) => r.recovered), sum((r) => r.lost), '']),
  );
  return lines;
}

function securitySection(inputs: ReliabilityInputs): string[] {
  const measure = securityCommand(inputs.scripts);
  const lines = [
    '## Security suite',
    '',
    provenance(measure, inputs.security?.generatedAt ?? null),
  ];
  if (!inputs.security) return lines;
  const rows = inputs.security.rows;
  const cases = rows.reduce((s, r) => s + r.cases, 0);
  const passed = rows.reduce((s, r) => s + r.passed, 0);
  lines.push(
    '',
    'Each check is tried on every case it applies to (for the token checks: every bearer-protected operation of the OpenAPI description); a case holds when Quorum answers exactly as it must and leaks nothing.',
    '',
    row(['check', 'cases', 'held', '']),
    row(['---', '--:', '--:', ':-:']),
    ...rows.map((r) => row([r.check, r.cases, r.passed, r.passed === r.cases ? '✓' : '✗'])),
    row(['**all**', cases, passed, passed === cases ? '✓' : '✗']),
  );
  return lines;
}

function loadSection(inputs: ReliabilityInputs): string[] {
  const measure = 'npm run bench:load';
  const results = inputs.bench?.results ?? [];
  const parsed = results.flatMap((r) => {
    const name = parseLoadName(r.name);
    return name ? [{ ...name, result: r }] : [];
  });
  const lines = [
    '## Load',
    '',
    provenance(measure, parsed.length > 0 ? inputs.bench!.generatedAt : null),
  ];
  if (parsed.length === 0) return lines;
  const bench = inputs.bench!;
  lines.push(
    '',
    `Closed-loop clients in a load-generator process of their own, against Quorum and the emulator in theirs, on loopback (${bench.cpus} × ${bench.cpuModel ?? 'CPU'}, Node ${bench.node}, a machine shared with other work: figures are noisy). The status list is read by one owner; availability and suggestions by 16 distinct members with their own tokens, about colleagues whose calendars hold a seeded working week. Quorum's per-tenant and per-user rate limits are lifted to 10,000,000 a minute for the bench, so it measures the routes and not the limiter. Errors are answers neither 2xx nor 429; 429s are counted apart. ✓/✗ marks a DESIGN §8 target (the status list: p99 ≤ 20 ms and ≥ 2,000 requests/s at 50,000 members).`,
  );
  for (const tag of [...new Set(parsed.map((p) => p.tag))]) {
    lines.push(
      '',
      `### ${tag.split(', ').slice(1).join(', ')}`,
      '',
      row(['endpoint', 'requests/s', 'p50 ms', 'p99 ms', 'sent', 'errors', '429s', 'Graph 429s']),
      row(['---', '--:', '--:', '--:', '--:', '--:', '--:', '--:']),
    );
    for (const label of [...new Set(parsed.filter((p) => p.tag === tag).map((p) => p.label))]) {
      const of = (metric: keyof typeof METRICS) => {
        const r = parsed.find((p) => p.tag === tag && p.label === label && p.metric === metric);
        if (!r) return '—';
        const mark = r.result.pass === undefined ? '' : r.result.pass ? ' ✓' : ' ✗';
        return `${r.result.value}${mark}`;
      };
      lines.push(
        row([
          label,
          of('throughput'),
          of('p50'),
          of('p99'),
          of('sent'),
          of('errors'),
          of('throttled'),
          of('graphThrottled'),
        ]),
      );
    }
  }
  return lines;
}

function promiseSection(): string[] {
  return ASSURANCES.flatMap((a) => [
    `### ${a.promise}`,
    '',
    a.how,
    '',
    'Proved by:',
    '',
    ...a.proofs.map((p) => `- [\`${p.file}\`](../${p.file}): “${p.title}”`),
    '',
  ]);
}

/** The whole page, formatted as Prettier formats Markdown in this repository. */
export async function renderReliability(inputs: ReliabilityInputs): Promise<string> {
  const parts = [
    '# Reliability',
    '',
    '<!-- Generated by scripts/reliability-report.ts (`npm run reliability`) from scripts/reliability-promises.ts, bench/faults-results.json, bench/security-results.json and bench/results.json; do not edit. -->',
    '',
    'What Quorum promises an organization, how it keeps each promise, the tests that prove it, and what the fault, security and load suites measured. Everything runs against the emulator on loopback (see [emulator.md](emulator.md)).',
    '',
    '## Promises',
    '',
    ...promiseSection(),
    ...faultSection(inputs),
    '',
    ...securitySection(inputs),
    '',
    ...loadSection(inputs),
    '',
  ];
  const options = await resolveConfig(RELIABILITY_PATH);
  return format(parts.join('\n'), { ...options, filepath: RELIABILITY_PATH });
}

// `--committed` renders from the inputs as committed (HEAD) instead of the working tree: for a
// commit of the page alone while a suite's fresh results are not committed yet.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const read = process.argv.includes('--committed') ? readCommitted : readWorkingTree;
  await writeFile(RELIABILITY_PATH, await renderReliability(await readInputs(read)));
  console.log(`wrote ${path.relative(root, RELIABILITY_PATH)}`);
}
