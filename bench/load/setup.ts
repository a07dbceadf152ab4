// The load bench's settings: from the environment, so `npm run bench -- load` and
// `npm run bench:load` take the same ones.

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
