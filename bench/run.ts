// `npm run bench`: runs every benchmark against the emulator on loopback and writes
// bench/results.json (DESIGN §8). Figures on shared machines are noisy: read ratios within one run.
import 'reflect-metadata';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { directorySyncBenchmark } from './directory-sync.js';
import { newBenchFile, writeBenchFile, type Benchmark } from './results.js';
import { graphThroughputBenchmark } from './graph-throughput.js';
import { loadBenchmark } from './load/index.js';
import { schedulingBenchmark } from './scheduling.js';
import { tokenAcquisitionBenchmark } from './token-acquisition.js';

const benchmarks: Benchmark[] = [
  tokenAcquisitionBenchmark,
  graphThroughputBenchmark,
  directorySyncBenchmark,
  schedulingBenchmark,
  loadBenchmark,
];

const only = process.argv.slice(2);
const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');
const out = newBenchFile();
for (const bench of benchmarks) {
  if (only.length > 0 && !only.includes(bench.name)) continue;
  const started = performance.now();
  console.log(`▶ ${bench.name}`);
  const results = await bench.run();
  out.results.push(...results);
  for (const r of results) {
    const verdict = r.pass === undefined ? '' : r.pass ? '  ✓' : '  ✗';
    console.log(`  ${r.name}: ${r.value} ${r.unit} (target ${r.target})${verdict}`);
  }
  console.log(`  (${Math.round(performance.now() - started)} ms)`);
}
await writeBenchFile(file, out);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
