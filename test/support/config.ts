// A valid configuration for tests, from a minimal environment plus overrides.
import { loadConfig, type Config } from '../../server/config.js';

export const TEST_CLIENT_ID = '11111111-2222-4333-8444-555555555555';

export function testEnv(
  overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    QUORUM_CLIENT_ID: TEST_CLIENT_ID,
    QUORUM_CLIENT_SECRET: 'test-client-secret-value',
    QUORUM_LOG_LEVEL: 'silent',
    ...overrides,
  };
}

export function testConfig(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig(testEnv(overrides));
}
