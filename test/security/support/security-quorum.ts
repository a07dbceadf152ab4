// One emulator and one Quorum per security test file: Contoso connected (Megan its owner, Adele a
// member), Fabrikam without an org, a known at-rest key, and a client that keeps every response so
// the file can end with a scan of all responses and log lines for secrets.
import { randomBytes } from 'node:crypto';
import {
  createConnectedOrg,
  signIn,
  type TestOrg,
} from '../../integration/self-service-fixtures.js';
import { startQuorum, type TestQuorum } from '../../support/quorum.js';
import { knownSecrets, scanForSecrets, type Finding } from './secrets.js';
import { TokenFactory, type Person } from './tokens.js';

export const MEGAN: Person = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
export const ADELE: Person = { tenant: 'contoso.com', upn: 'adele.vance@contoso.com' };
export const PAT: Person = { tenant: 'fabrikam.com', upn: 'pat.kowalski@fabrikam.com' };
export const KIM: Person = { tenant: 'fabrikam.com', upn: 'kim.akers@fabrikam.com' };

export interface Sent {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed JSON body, or undefined. */
  readonly json: unknown;
}

export interface SendOptions {
  readonly token?: string;
  /** A JSON value, or a raw string sent as is. */
  readonly body?: unknown;
  readonly rawBody?: string | Uint8Array;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
}

export interface SecurityQuorum {
  readonly quorum: TestQuorum;
  readonly tokens: TokenFactory;
  readonly contoso: TestOrg;
  /** Calls Quorum on loopback and keeps the response for the final scan. */
  send(method: string, path: string, options?: SendOptions): Promise<Sent>;
  /** A valid v2 token of `who`, minted once and reused. */
  tokenOf(who: Person): Promise<string>;
  /** Responses kept so far. */
  readonly responseCount: number;
  /** Secrets in any response or log line so far, and how many texts were scanned. */
  scan(): Promise<{ findings: Finding[]; scanned: number }>;
  close(): Promise<void>;
}

export interface SecurityQuorumOptions {
  readonly env?: Record<string, string>;
  readonly https?: boolean;
}

export async function startSecurityQuorum(
  options: SecurityQuorumOptions = {},
): Promise<SecurityQuorum> {
  const storeKey = randomBytes(32).toString('base64');
  const quorum = await startQuorum({
    https: options.https,
    env: {
      QUORUM_SECRET_KEY: storeKey,
      QUORUM_VERIFY_RETRY_SECONDS: '0',
      QUORUM_RATE_LIMIT_TENANT_PER_MINUTE: '1000000',
      QUORUM_RATE_LIMIT_USER_PER_MINUTE: '1000000',
      ...options.env,
    },
  });
  const contoso = await createConnectedOrg(quorum, 'contoso');
  for (const who of [MEGAN, ADELE]) await signIn(quorum, who.tenant, who.upn);
  const tokens = new TokenFactory(quorum);
  const minted = new Map<string, Promise<string>>();
  const responses: { where: string; text: string }[] = [];

  return {
    quorum,
    tokens,
    contoso,
    get responseCount() {
      return responses.length;
    },
    tokenOf(who) {
      const key = `${who.tenant}/${who.upn}`;
      let token = minted.get(key);
      if (!token) {
        token = tokens.sign(who);
        minted.set(key, token);
      }
      return token;
    },
    async send(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token !== undefined) headers.authorization = `Bearer ${o.token}`;
      const raw = typeof o.rawBody === 'object' ? new Uint8Array(o.rawBody) : o.rawBody;
      const body = raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
      if (body !== undefined) headers['content-type'] = o.contentType ?? 'application/json';
      const res = await fetch(`${quorum.url}${path}`, {
        method,
        headers,
        body,
        redirect: 'manual',
      });
      const text = await res.text();
      const head = [...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n');
      responses.push({
        where: `${method} ${path.slice(0, 120)} → ${res.status}`,
        text: `${head}\n${text}`,
      });
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, text, json };
    },
    async scan() {
      const secrets = await knownSecrets(quorum, storeKey);
      const texts = [
        ...responses,
        ...quorum
          .logs()
          .split('\n')
          .filter(Boolean)
          .map((line, i) => ({ where: `log line ${i + 1}`, text: line })),
      ];
      return { findings: scanForSecrets(texts, secrets), scanned: texts.length };
    },
    close: () => quorum.close(),
  };
}
