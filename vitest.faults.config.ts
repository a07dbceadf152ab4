// `npm run test:faults`: the whole fault suite (test/faults), fast and slow files, one file at a
// time (they time faults and kill child processes), then the table and bench/faults-results.json.
// `npm test` runs only the `*.fast.test.ts` files (vitest.config.ts excludes `*.slow.test.ts`).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/faults/support/report.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
