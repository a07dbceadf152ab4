import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  configDocs,
  configDocsMarkdown,
  configVariableNames,
  loadConfig,
} from '../server/config.js';
import { testEnv, TEST_CLIENT_ID } from './support/config.js';

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults to a minimal environment', () => {
    const config = loadConfig({ QUORUM_CLIENT_ID: TEST_CLIENT_ID, QUORUM_CLIENT_SECRET: 's3cret' });
    expect(config).toEqual({
      publicUrl: 'https://localhost:3443',
      http: { port: 3000 },
      https: null,
      caFile: null,
      authorityHost: 'https://login.microsoftonline.com',
      graphBaseUrl: 'https://graph.microsoft.com',
      clientId: TEST_CLIENT_ID,
      clientCredential: { kind: 'secret', secret: 's3cret' },
      apiAppIdUri: `api://localhost:3443/${TEST_CLIENT_ID}`,
      dataDir: './data',
      keyringFile: './data/keyring.json',
      secretKeyBase64: null,
      logLevel: 'info',
      rateLimit: { tenantPerMinute: 6000, userPerMinute: 600 },
      syncIntervalMinutes: 15,
      verifyRetrySeconds: 300,
      trustProxy: false,
      allowPrivateWebhooks: false,
      maxBodyBytes: 262144,
      meetingRetentionDays: 90,
    });
  });

  it('reads every variable when set', () => {
    const key = randomBytes(32).toString('base64');
    const config = loadConfig({
      QUORUM_PUBLIC_URL: 'https://quorum.contoso.example/',
      QUORUM_HTTP_PORT: '0',
      QUORUM_HTTPS_PORT: '8443',
      QUORUM_TLS_CERT_FILE: '/tls/cert.pem',
      QUORUM_TLS_KEY_FILE: '/tls/key.pem',
      QUORUM_CA_FILE: '/tls/ca.pem',
      QUORUM_AUTHORITY_HOST: 'https://127.0.0.1:8000/',
      QUORUM_GRAPH_BASE_URL: 'https://127.0.0.1:8000',
      QUORUM_CLIENT_ID: TEST_CLIENT_ID.toUpperCase(),
      QUORUM_CLIENT_CERT_FILE: '/cred/cert.pem',
      QUORUM_CLIENT_KEY_FILE: '/cred/key.pem',
      QUORUM_API_APP_ID_URI: 'api://quorum.contoso.example/custom',
      QUORUM_DATA_DIR: '/var/lib/quorum/',
      QUORUM_KEYRING_FILE: '/run/secrets/keyring.json',
      QUORUM_SECRET_KEY: key,
      QUORUM_LOG_LEVEL: 'debug',
      QUORUM_RATE_LIMIT_TENANT_PER_MINUTE: '100',
      QUORUM_RATE_LIMIT_USER_PER_MINUTE: '10',
      QUORUM_SYNC_INTERVAL_MINUTES: '60',
      QUORUM_VERIFY_RETRY_SECONDS: '30',
      QUORUM_TRUST_PROXY: 'true',
      QUORUM_ALLOW_PRIVATE_WEBHOOKS: '1',
      QUORUM_MAX_BODY_BYTES: '1024',
      QUORUM_MEETING_RETENTION_DAYS: '30',
    });
    expect(config).toEqual({
      publicUrl: 'https://quorum.contoso.example',
      http: { port: 0 },
      https: { port: 8443, certFile: '/tls/cert.pem', keyFile: '/tls/key.pem' },
      caFile: '/tls/ca.pem',
      authorityHost: 'https://127.0.0.1:8000',
      graphBaseUrl: 'https://127.0.0.1:8000',
      clientId: TEST_CLIENT_ID,
      clientCredential: {
        kind: 'certificate',
        certFile: '/cred/cert.pem',
        keyFile: '/cred/key.pem',
      },
      apiAppIdUri: 'api://quorum.contoso.example/custom',
      dataDir: '/var/lib/quorum',
      keyringFile: '/run/secrets/keyring.json',
      secretKeyBase64: key,
      logLevel: 'debug',
      rateLimit: { tenantPerMinute: 100, userPerMinute: 10 },
      syncIntervalMinutes: 60,
      verifyRetrySeconds: 30,
      trustProxy: true,
      allowPrivateWebhooks: true,
      maxBodyBytes: 1024,
      meetingRetentionDays: 30,
    });
  });

  it('derives the App ID URI from the public host and the keyring from the data dir', () => {
    const config = loadConfig(
      testEnv({ QUORUM_PUBLIC_URL: 'https://quorum.example:8443', QUORUM_DATA_DIR: 'state' }),
    );
    expect(config.apiAppIdUri).toBe(`api://quorum.example:8443/${TEST_CLIENT_ID}`);
    expect(config.keyringFile).toBe('state/keyring.json');
  });

  it('returns a deeply frozen object', () => {
    const config = loadConfig(testEnv());
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.rateLimit)).toBe(true);
    expect(Object.isFrozen(config.clientCredential)).toBe(true);
    expect(() => {
      (config.rateLimit as { userPerMinute: number }).userPerMinute = 1;
    }).toThrow(TypeError);
  });

  it('is a pure function of its input: other variables and blank values are ignored', () => {
    const a = loadConfig(testEnv());
    const b = loadConfig({ ...testEnv(), PATH: '/bin', QUORUM_CA_FILE: '  ', QUORUM_DATA_DIR: '' });
    expect(b).toEqual(a);
  });

  it.each([
    ['a missing client id', { QUORUM_CLIENT_ID: undefined }, 'QUORUM_CLIENT_ID is required'],
    [
      'a client id that is not a GUID',
      { QUORUM_CLIENT_ID: 'quorum' },
      'QUORUM_CLIENT_ID must be a GUID',
    ],
    [
      'a secret key of 16 bytes',
      { QUORUM_SECRET_KEY: randomBytes(16).toString('base64') },
      'QUORUM_SECRET_KEY must be 32 bytes, base64',
    ],
    [
      'a secret key that is not base64',
      { QUORUM_SECRET_KEY: '!'.repeat(44) },
      'QUORUM_SECRET_KEY must be 32 bytes, base64',
    ],
    [
      'a port out of range',
      { QUORUM_HTTP_PORT: '70000' },
      'QUORUM_HTTP_PORT must be a port number',
    ],
    [
      'a port that is not a number',
      { QUORUM_HTTPS_PORT: 'https' },
      'QUORUM_HTTPS_PORT must be a port number',
    ],
    [
      'a public URL that is not a URL',
      { QUORUM_PUBLIC_URL: 'quorum' },
      'QUORUM_PUBLIC_URL must be an http(s) URL',
    ],
    [
      'a plain-HTTP authority',
      { QUORUM_AUTHORITY_HOST: 'http://login.example' },
      'QUORUM_AUTHORITY_HOST must be an https URL',
    ],
    [
      'a plain-HTTP Graph',
      { QUORUM_GRAPH_BASE_URL: 'http://graph.example' },
      'QUORUM_GRAPH_BASE_URL must be an https URL',
    ],
    ['an unknown log level', { QUORUM_LOG_LEVEL: 'verbose' }, 'QUORUM_LOG_LEVEL must be one of'],
    [
      'a zero rate limit',
      { QUORUM_RATE_LIMIT_USER_PER_MINUTE: '0' },
      'QUORUM_RATE_LIMIT_USER_PER_MINUTE must be',
    ],
    [
      'a negative tenant rate',
      { QUORUM_RATE_LIMIT_TENANT_PER_MINUTE: '-5' },
      'QUORUM_RATE_LIMIT_TENANT_PER_MINUTE must be',
    ],
    [
      'a zero sync interval',
      { QUORUM_SYNC_INTERVAL_MINUTES: '0' },
      'QUORUM_SYNC_INTERVAL_MINUTES must be',
    ],
    [
      'a vague boolean',
      { QUORUM_TRUST_PROXY: 'maybe' },
      'QUORUM_TRUST_PROXY must be true or false',
    ],
    [
      'a vague webhook flag',
      { QUORUM_ALLOW_PRIVATE_WEBHOOKS: 'on?' },
      'QUORUM_ALLOW_PRIVATE_WEBHOOKS must be true or false',
    ],
    ['a body limit of zero', { QUORUM_MAX_BODY_BYTES: '0' }, 'QUORUM_MAX_BODY_BYTES must be'],
    [
      'a meeting retention of zero days',
      { QUORUM_MEETING_RETENTION_DAYS: '0' },
      'QUORUM_MEETING_RETENTION_DAYS must be',
    ],
    [
      'an App ID URI that is not a URI',
      { QUORUM_API_APP_ID_URI: 'quorum api' },
      'QUORUM_API_APP_ID_URI must be a URI',
    ],
    [
      'a TLS certificate without a key',
      { QUORUM_TLS_CERT_FILE: '/c.pem' },
      'QUORUM_TLS_CERT_FILE and QUORUM_TLS_KEY_FILE must be set together',
    ],
    [
      'a client key without a certificate',
      { QUORUM_CLIENT_SECRET: undefined, QUORUM_CLIENT_KEY_FILE: '/k.pem' },
      'QUORUM_CLIENT_CERT_FILE and QUORUM_CLIENT_KEY_FILE must be set together',
    ],
    [
      'no client credential',
      { QUORUM_CLIENT_SECRET: undefined },
      'QUORUM_CLIENT_SECRET or QUORUM_CLIENT_CERT_FILE with QUORUM_CLIENT_KEY_FILE is required',
    ],
    [
      'both a secret and a certificate',
      { QUORUM_CLIENT_CERT_FILE: '/c.pem', QUORUM_CLIENT_KEY_FILE: '/k.pem' },
      'set either QUORUM_CLIENT_SECRET or QUORUM_CLIENT_CERT_FILE, not both',
    ],
  ])('fails fast on %s, naming the variable', (_, overrides, message) => {
    const problems = problemsOf(testEnv(overrides));
    expect(problems.some((p) => p.startsWith(message) || p.includes(message))).toBe(true);
  });

  it('reports every problem at once in one message', () => {
    expect(() => loadConfig({ QUORUM_HTTP_PORT: 'x', QUORUM_SECRET_KEY: 'short' })).toThrow(
      /QUORUM_HTTP_PORT must be a port number[\s\S]*QUORUM_CLIENT_ID is required|QUORUM_CLIENT_ID is required[\s\S]*QUORUM_HTTP_PORT/,
    );
    expect(problemsOf({ QUORUM_HTTP_PORT: 'x', QUORUM_SECRET_KEY: 'short' })).toHaveLength(4);
  });

  it('never puts a secret value into its error message', () => {
    const secret = 'do-not-echo-this-secret';
    const problems = problemsOf(testEnv({ QUORUM_CLIENT_ID: 'bad', QUORUM_CLIENT_SECRET: secret }));
    expect(problems.join('\n')).not.toContain(secret);
  });
});

describe('configDocs', () => {
  it('documents exactly the variables the schema reads', () => {
    expect(configDocs.map((d) => d.name).sort()).toEqual([...configVariableNames].sort());
  });

  it('states the defaults loadConfig applies', () => {
    const config = loadConfig(testEnv({ QUORUM_LOG_LEVEL: undefined }));
    const documented = Object.fromEntries(configDocs.map((d) => [d.name, d.default]));
    expect(documented).toMatchObject({
      QUORUM_PUBLIC_URL: config.publicUrl,
      QUORUM_HTTP_PORT: String(config.http.port),
      QUORUM_AUTHORITY_HOST: config.authorityHost,
      QUORUM_GRAPH_BASE_URL: config.graphBaseUrl,
      QUORUM_DATA_DIR: config.dataDir,
      QUORUM_LOG_LEVEL: config.logLevel,
      QUORUM_RATE_LIMIT_TENANT_PER_MINUTE: String(config.rateLimit.tenantPerMinute),
      QUORUM_RATE_LIMIT_USER_PER_MINUTE: String(config.rateLimit.userPerMinute),
      QUORUM_SYNC_INTERVAL_MINUTES: String(config.syncIntervalMinutes),
      QUORUM_VERIFY_RETRY_SECONDS: String(config.verifyRetrySeconds),
      QUORUM_TRUST_PROXY: String(config.trustProxy),
      QUORUM_ALLOW_PRIVATE_WEBHOOKS: String(config.allowPrivateWebhooks),
      QUORUM_MAX_BODY_BYTES: String(config.maxBodyBytes),
      QUORUM_MEETING_RETENTION_DAYS: String(config.meetingRetentionDays),
    });
  });

  it('renders a Markdown table with one row per variable', () => {
    const lines = configDocsMarkdown().split('\n');
    expect(lines).toHaveLength(configDocs.length + 2);
    for (const doc of configDocs)
      expect(lines.some((l) => l.startsWith(`| \`${doc.name}\` |`))).toBe(true);
  });
});
