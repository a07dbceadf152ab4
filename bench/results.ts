// The shape of bench/results.json (DESIGN §8) and how a run adds to it.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The target as written in DESIGN §8, e.g. "≤ 1.02 × lowerBound" or "< 60 s"; informational where none is set. */
  target: string;
  lowerBound?: number;
  /** Whether the value meets the target, where the target is a checkable number. */
  pass?: boolean;
}

export interface BenchFile {
  generatedAt: string;
  node: string;
  cpus: number;
  cpuModel: string;
  results: BenchResult[];
}

/** A benchmark contributes results; it must stop by itself and touch only loopback addresses. */
export interface Benchmark {
  name: string;
  run(): Promise<BenchResult[]>;
}

export function newBenchFile(): BenchFile {
  const cpus = os.cpus();
  return {
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    results: [],
  };
}

export async function writeBenchFile(file: string, data: BenchFile): Promise<void> {
  await writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
}

/** p-th percentile (0–100) of a sample, nearest-rank. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
