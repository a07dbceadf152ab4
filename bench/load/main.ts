// `npm run bench:load`: the load bench alone. Unlike `npm run bench -- load` (which writes a fresh
// bench/results.json), it replaces only the load rows of the existing file and keeps every other
// benchmark's rows; `generatedAt` then says when the file last changed, i.e. when load was measured.
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newBenchFile, writeBenchFile, type BenchFile, type BenchResult } from '../results.js';
import { loadBenchmark } from './index.js';
import { LOAD_PREFIX } from './report.js';

/** `previous` with its load rows replaced by `rows` (appended after the others). */
export function mergeLoadRows(previous: BenchFile | null, rows: BenchResult[]): BenchFile {
  const fresh = newBenchFile();
  const kept = (previous?.results ?? []).filter((r) => !r.name.startsWith(`${LOAD_PREFIX},`));
  return { ...fresh, results: [...kept, ...rows] };
}

async function main() {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results.json');
  const previous = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as BenchFile,
    () => null,
  );
  const started = performance.now();
  console.log(`▶ ${loadBenchmark.name}`);
  const rows = await loadBenchmark.run();
  for (const r of rows) {
    const verdict = r.pass === undefined ? '' : r.pass ? '  ✓' : '  ✗';
    console.log(`  ${r.name}: ${r.value} ${r.unit} (target ${r.target})${verdict}`);
  }
  console.log(`  (${Math.round(performance.now() - started)} ms)`);
  await writeBenchFile(file, mergeLoadRows(previous, rows));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await main();
}
