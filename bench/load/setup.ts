// The load bench's settings (from the environment, so `npm run bench -- load` and
// `npm run bench:load` take the same ones), the emulator's control API, and the week it books.
import { createFetch } from '../../server/net/fetch.js';

/** What the directory-sync bench's emulator role answers to `info`. */
export interface EmulatorInfo {
  loginUrl: string;
  graphUrl: string;
  caPem: string;
  clientId: string;
  clientSecret: string;
  /** Default domain → tenant id: `dirbench2000.example`, `dirbench10000.example`, … */
  tenants: Record<string, string>;
}

export interface LoadSettings {
  /** Which of the directory bench's generated tenants to load. */
  members: number;
  warmupMs: number;
  durationMs: number;
  /** Per phase, warm-up included. */
  maxRequests: number;
}

/** The sizes the directory-sync bench's emulator generates. */
export const TENANT_SIZES = [2_000, 10_000, 50_000] as const;

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}`);
  return value;
}

/**
 * `BENCH_LOAD_MEMBERS` (2000, 10000 or 50000; default 50000), `BENCH_LOAD_SECONDS` (measured
 * seconds per phase, default 10), `BENCH_LOAD_MAX_REQUESTS` (per phase, default 100,000).
 */
export function loadSettings(env: NodeJS.ProcessEnv): LoadSettings {
  const members = whole(env, 'BENCH_LOAD_MEMBERS', 50_000, 1, 50_000);
  if (!(TENANT_SIZES as readonly number[]).includes(members))
    throw new Error(`BENCH_LOAD_MEMBERS must be one of ${TENANT_SIZES.join(', ')}`);
  return {
    members,
    warmupMs: 1_000,
    durationMs: whole(env, 'BENCH_LOAD_SECONDS', 10, 1, 300) * 1000,
    maxRequests: whole(env, 'BENCH_LOAD_MAX_REQUESTS', 100_000, 16, 10_000_000),
  };
}

export function emulatorControl(info: EmulatorInfo) {
  const fetch = createFetch({ caPem: info.caPem });
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${info.loginUrl}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** Monday 00:00Z of next week. */
export function nextMonday(now = new Date()): number {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return midnight + ((8 - now.getUTCDay()) % 7 || 7) * 86_400_000;
}
