// Configuration: the only module that reads the environment. Parsed once, frozen, fails fast naming the variable.
import { z } from 'zod';

/** Log levels pino understands, plus `silent`. */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** How Quorum proves its identity to Entra ID. */
export type ClientCredential =
  | { readonly kind: 'secret'; readonly secret: string }
  | { readonly kind: 'certificate'; readonly certFile: string; readonly keyFile: string };

/** Quorum's validated, deeply frozen configuration. */
export interface Config {
  /** Public base URL (no trailing slash): the base for redirects and links. */
  readonly publicUrl: string;
  /** Plain HTTP listener; `port: 0` means no HTTP listener. */
  readonly http: { readonly port: number };
  /** HTTPS listener, present only when both a certificate and a key file are configured. */
  readonly https: {
    readonly port: number;
    readonly certFile: string;
    readonly keyFile: string;
  } | null;
  /** Extra CA certificate (PEM file) trusted for outbound TLS, on top of the system roots. */
  readonly caFile: string | null;
  /** Entra ID authority host, no trailing slash, e.g. `https://login.microsoftonline.com`. */
  readonly authorityHost: string;
  /** Microsoft Graph base URL, no trailing slash, e.g. `https://graph.microsoft.com`. */
  readonly graphBaseUrl: string;
  /** Quorum's Entra application (client) id. */
  readonly clientId: string;
  readonly clientCredential: ClientCredential;
  /** Application ID URI of Quorum's API: the second accepted token audience. */
  readonly apiAppIdUri: string;
  readonly dataDir: string;
  readonly keyringFile: string;
  /** Base64 of a 32-byte key (validated), or null when the keyring file is the only key source. */
  readonly secretKeyBase64: string | null;
  readonly logLevel: LogLevel;
  readonly rateLimit: { readonly tenantPerMinute: number; readonly userPerMinute: number };
  readonly syncIntervalMinutes: number;
  /** Seconds verification keeps retrying while Microsoft applies a fresh consent or credential. */
  readonly verifyRetrySeconds: number;
  readonly trustProxy: boolean;
  readonly allowPrivateWebhooks: boolean;
  readonly maxBodyBytes: number;
  /** Days after its end that a meeting is kept in the store before it is pruned. */
  readonly meetingRetentionDays: number;
}

/** One documented variable, for the README table. */
export interface ConfigDoc {
  readonly name: string;
  readonly default: string;
  readonly meaning: string;
}

/** Every variable Quorum reads, with its default and meaning. A test keeps this and the schema in sync. */
export const configDocs: readonly ConfigDoc[] = Object.freeze(
  [
    [
      'QUORUM_PUBLIC_URL',
      'https://localhost:3443',
      'Public base URL; base for redirects and links',
    ],
    ['QUORUM_HTTP_PORT', '3000', 'HTTP listener port; 0 disables the HTTP listener'],
    [
      'QUORUM_HTTPS_PORT',
      '3443',
      'HTTPS listener port; used only when a certificate and key are set',
    ],
    ['QUORUM_TLS_CERT_FILE', '(none)', 'PEM certificate (chain) for the HTTPS listener'],
    ['QUORUM_TLS_KEY_FILE', '(none)', 'PEM private key for the HTTPS listener'],
    [
      'QUORUM_CA_FILE',
      '(none)',
      'Extra CA certificate (PEM) trusted for outbound TLS, e.g. the emulator CA; verification is never turned off',
    ],
    ['QUORUM_AUTHORITY_HOST', 'https://login.microsoftonline.com', 'Entra ID authority host'],
    ['QUORUM_GRAPH_BASE_URL', 'https://graph.microsoft.com', 'Microsoft Graph base URL'],
    ['QUORUM_CLIENT_ID', '(required)', "Quorum's Entra application (client) id, a GUID"],
    ['QUORUM_CLIENT_SECRET', '(none)', 'Client secret; this or a certificate and key is required'],
    ['QUORUM_CLIENT_CERT_FILE', '(none)', 'Client certificate (PEM) used instead of a secret'],
    ['QUORUM_CLIENT_KEY_FILE', '(none)', 'Private key (PEM) of the client certificate'],
    [
      'QUORUM_API_APP_ID_URI',
      'api://<public host>/<client id>',
      "Application ID URI of Quorum's API, accepted as a token audience",
    ],
    ['QUORUM_DATA_DIR', './data', 'Directory for the embedded store'],
    ['QUORUM_KEYRING_FILE', '<data dir>/keyring.json', 'Keyring for encryption at rest'],
    [
      'QUORUM_SECRET_KEY',
      '(none)',
      'Base64 of exactly 32 bytes: a key for encryption at rest supplied from outside the data dir',
    ],
    ['QUORUM_LOG_LEVEL', 'info', 'fatal, error, warn, info, debug, trace or silent'],
    [
      'QUORUM_RATE_LIMIT_TENANT_PER_MINUTE',
      '6000',
      'Requests per minute per tenant (and per IP before sign-in)',
    ],
    ['QUORUM_RATE_LIMIT_USER_PER_MINUTE', '600', 'Requests per minute per signed-in user'],
    ['QUORUM_SYNC_INTERVAL_MINUTES', '15', 'Minutes between directory syncs'],
    [
      'QUORUM_VERIFY_RETRY_SECONDS',
      '300',
      'Seconds a connection check keeps retrying while Microsoft applies a fresh consent or credential (0: try once)',
    ],
    [
      'QUORUM_TRUST_PROXY',
      'false',
      'Trust X-Forwarded-* from one reverse proxy in front of Quorum',
    ],
    [
      'QUORUM_ALLOW_PRIVATE_WEBHOOKS',
      'false',
      'Allow webhook URLs on private, loopback or link-local addresses (the local default sets true)',
    ],
    ['QUORUM_MAX_BODY_BYTES', '262144', 'Largest accepted request body in bytes'],
    [
      'QUORUM_MEETING_RETENTION_DAYS',
      '90',
      'Days after a meeting ends before Quorum deletes its record (1-3650)',
    ],
  ].map(([name, dflt, meaning]) =>
    Object.freeze({ name: name!, default: dflt!, meaning: meaning! }),
  ),
);

/** Raised when the environment does not describe a valid configuration. Lists every problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function url(name: string, dflt: string, https: 'https-only' | 'any') {
  const message =
    https === 'https-only' ? `${name} must be an https URL` : `${name} must be an http(s) URL`;
  return z
    .string()
    .default(dflt)
    .refine((value) => {
      if (!URL.canParse(value)) return false;
      const { protocol } = new URL(value);
      return https === 'https-only' ? protocol === 'https:' : /^https?:$/.test(protocol);
    }, message)
    .transform((value) => value.replace(/\/+$/, ''));
}

function int(name: string, dflt: number, min: number, max: number, what: string) {
  return z
    .string()
    .default(String(dflt))
    .refine(
      (value) => /^\d+$/.test(value) && +value >= min && +value <= max,
      `${name} must be ${what}`,
    )
    .transform(Number);
}

function bool(name: string, dflt: boolean) {
  return z
    .string()
    .default(String(dflt))
    .refine((value) => /^(true|false|1|0|yes|no)$/i.test(value), `${name} must be true or false`)
    .transform((value) => /^(true|1|yes)$/i.test(value));
}

const file = z.string().optional();

const schema = z.object({
  QUORUM_PUBLIC_URL: url('QUORUM_PUBLIC_URL', 'https://localhost:3443', 'any'),
  QUORUM_HTTP_PORT: int('QUORUM_HTTP_PORT', 3000, 0, 65535, 'a port number (0-65535)'),
  QUORUM_HTTPS_PORT: int('QUORUM_HTTPS_PORT', 3443, 0, 65535, 'a port number (0-65535)'),
  QUORUM_TLS_CERT_FILE: file,
  QUORUM_TLS_KEY_FILE: file,
  QUORUM_CA_FILE: file,
  QUORUM_AUTHORITY_HOST: url(
    'QUORUM_AUTHORITY_HOST',
    'https://login.microsoftonline.com',
    'https-only',
  ),
  QUORUM_GRAPH_BASE_URL: url('QUORUM_GRAPH_BASE_URL', 'https://graph.microsoft.com', 'https-only'),
  QUORUM_CLIENT_ID: z
    .string({ error: 'QUORUM_CLIENT_ID is required (the Entra application id, a GUID)' })
    .regex(GUID, 'QUORUM_CLIENT_ID must be a GUID'),
  QUORUM_CLIENT_SECRET: z.string().optional(),
  QUORUM_CLIENT_CERT_FILE: file,
  QUORUM_CLIENT_KEY_FILE: file,
  QUORUM_API_APP_ID_URI: z
    .string()
    .optional()
    .refine(
      (value) => value === undefined || URL.canParse(value),
      'QUORUM_API_APP_ID_URI must be a URI such as api://host/client-id',
    ),
  QUORUM_DATA_DIR: z.string().default('./data'),
  QUORUM_KEYRING_FILE: file,
  QUORUM_SECRET_KEY: z
    .string()
    .optional()
    .refine(
      (value) =>
        value === undefined ||
        (/^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32),
      'QUORUM_SECRET_KEY must be 32 bytes, base64',
    ),
  QUORUM_LOG_LEVEL: z
    .string()
    .default('info')
    .refine(
      (value): value is LogLevel => (logLevels as readonly string[]).includes(value),
      `QUORUM_LOG_LEVEL must be one of ${logLevels.join(', ')}`,
    )
    .transform((value) => value as LogLevel),
  QUORUM_RATE_LIMIT_TENANT_PER_MINUTE: int(
    'QUORUM_RATE_LIMIT_TENANT_PER_MINUTE',
    6000,
    1,
    10_000_000,
    'a positive whole number',
  ),
  QUORUM_RATE_LIMIT_USER_PER_MINUTE: int(
    'QUORUM_RATE_LIMIT_USER_PER_MINUTE',
    600,
    1,
    10_000_000,
    'a positive whole number',
  ),
  QUORUM_SYNC_INTERVAL_MINUTES: int(
    'QUORUM_SYNC_INTERVAL_MINUTES',
    15,
    1,
    10_080,
    'a whole number of minutes (1-10080)',
  ),
  QUORUM_VERIFY_RETRY_SECONDS: int(
    'QUORUM_VERIFY_RETRY_SECONDS',
    300,
    0,
    3600,
    'a whole number of seconds (0-3600)',
  ),
  QUORUM_TRUST_PROXY: bool('QUORUM_TRUST_PROXY', false),
  QUORUM_ALLOW_PRIVATE_WEBHOOKS: bool('QUORUM_ALLOW_PRIVATE_WEBHOOKS', false),
  QUORUM_MAX_BODY_BYTES: int(
    'QUORUM_MAX_BODY_BYTES',
    262_144,
    1,
    100 * 1024 * 1024,
    'a positive number of bytes (at most 100 MiB)',
  ),
  QUORUM_MEETING_RETENTION_DAYS: int(
    'QUORUM_MEETING_RETENTION_DAYS',
    90,
    1,
    3650,
    'a whole number of days (1-3650)',
  ),
});

/** Rules spanning several variables; checked on the raw input so they are reported with field errors. */
function crossFieldProblems(env: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const pair = (a: string, b: string) => {
    if ((env[a] === undefined) !== (env[b] === undefined))
      problems.push(`${a} and ${b} must be set together`);
  };
  pair('QUORUM_TLS_CERT_FILE', 'QUORUM_TLS_KEY_FILE');
  pair('QUORUM_CLIENT_CERT_FILE', 'QUORUM_CLIENT_KEY_FILE');
  const hasSecret = env.QUORUM_CLIENT_SECRET !== undefined;
  const hasCert = env.QUORUM_CLIENT_CERT_FILE !== undefined;
  if (!hasSecret && !hasCert) {
    problems.push(
      'QUORUM_CLIENT_SECRET or QUORUM_CLIENT_CERT_FILE with QUORUM_CLIENT_KEY_FILE is required',
    );
  }
  if (hasSecret && hasCert) {
    problems.push('set either QUORUM_CLIENT_SECRET or QUORUM_CLIENT_CERT_FILE, not both');
  }
  return problems;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses Quorum's configuration from `env` (only `QUORUM_*` variables; empty values count as unset).
 * Pure: the same input always yields an equal, deeply frozen Config. Throws ConfigError naming each bad variable.
 */
export function loadConfig(env: Env = process.env): Config {
  const input: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const trimmed = value?.trim();
    if (key.startsWith('QUORUM_') && trimmed) input[key] = trimmed;
  }
  const parsed = schema.safeParse(input);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => issue.message)),
    ...crossFieldProblems(input),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const clientCredential: ClientCredential =
    e.QUORUM_CLIENT_SECRET !== undefined
      ? { kind: 'secret', secret: e.QUORUM_CLIENT_SECRET }
      : {
          kind: 'certificate',
          certFile: e.QUORUM_CLIENT_CERT_FILE!,
          keyFile: e.QUORUM_CLIENT_KEY_FILE!,
        };
  const dataDir = e.QUORUM_DATA_DIR.replace(/(.)\/+$/, '$1');
  return deepFreeze<Config>({
    publicUrl: e.QUORUM_PUBLIC_URL,
    http: { port: e.QUORUM_HTTP_PORT },
    https:
      e.QUORUM_TLS_CERT_FILE !== undefined && e.QUORUM_TLS_KEY_FILE !== undefined
        ? {
            port: e.QUORUM_HTTPS_PORT,
            certFile: e.QUORUM_TLS_CERT_FILE,
            keyFile: e.QUORUM_TLS_KEY_FILE,
          }
        : null,
    caFile: e.QUORUM_CA_FILE ?? null,
    authorityHost: e.QUORUM_AUTHORITY_HOST,
    graphBaseUrl: e.QUORUM_GRAPH_BASE_URL,
    clientId: e.QUORUM_CLIENT_ID.toLowerCase(),
    clientCredential,
    apiAppIdUri:
      e.QUORUM_API_APP_ID_URI ??
      `api://${new URL(e.QUORUM_PUBLIC_URL).host}/${e.QUORUM_CLIENT_ID.toLowerCase()}`,
    dataDir,
    keyringFile: e.QUORUM_KEYRING_FILE ?? `${dataDir}/keyring.json`,
    secretKeyBase64: e.QUORUM_SECRET_KEY ?? null,
    logLevel: e.QUORUM_LOG_LEVEL,
    rateLimit: {
      tenantPerMinute: e.QUORUM_RATE_LIMIT_TENANT_PER_MINUTE,
      userPerMinute: e.QUORUM_RATE_LIMIT_USER_PER_MINUTE,
    },
    syncIntervalMinutes: e.QUORUM_SYNC_INTERVAL_MINUTES,
    verifyRetrySeconds: e.QUORUM_VERIFY_RETRY_SECONDS,
    trustProxy: e.QUORUM_TRUST_PROXY,
    allowPrivateWebhooks: e.QUORUM_ALLOW_PRIVATE_WEBHOOKS,
    maxBodyBytes: e.QUORUM_MAX_BODY_BYTES,
    meetingRetentionDays: e.QUORUM_MEETING_RETENTION_DAYS,
  });
}

/** The names of every variable the schema reads (for the docs test). */
export const configVariableNames: readonly string[] = Object.freeze(Object.keys(schema.shape));

/** Renders configDocs as the Markdown table the README carries. */
export function configDocsMarkdown(): string {
  const rows = configDocs.map((d) => `| \`${d.name}\` | ${d.default} | ${d.meaning} |`);
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
