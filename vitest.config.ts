import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The slow half of the fault suite runs under `npm run test:faults` (vitest.faults.config.ts).
    exclude: [...configDefaults.exclude, 'test/faults/**/*.slow.test.ts'],
    setupFiles: ['test/setup.ts'],
    // The browser tests load the built UI: rebuild it first when addin/ changed.
    globalSetup: ['test/support/web-build.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
