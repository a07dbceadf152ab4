// A tiny HTTPS Entra stand-in whose token endpoint answers what each test scripts, and which records
// every request: enough to pin down exactly how the identity layer reacts to each kind of answer.
import type { ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  createCertificateAuthority,
  issueServerCertificate,
  type CertificateAuthority,
} from '../../../emulator/tls/ca.js';

export interface TokenRequest {
  readonly tenant: string;
  readonly form: URLSearchParams;
  readonly query: URLSearchParams;
}

export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** An object is sent as JSON; a string as is. */
  readonly body: unknown;
}

export type TokenScript = (request: TokenRequest) => ScriptedAnswer;

export interface ScriptedEntra {
  readonly origin: string;
  readonly ca: CertificateAuthority;
  /** Token requests received, oldest first. */
  readonly tokenRequests: TokenRequest[];
  /** Paths of metadata requests received. */
  readonly metadataRequests: string[];
  /** What the token endpoint answers next (default: a token for the requested tenant). */
  script: TokenScript;
  /** What the openid-configuration answers for a tenant; default: the document. */
  metadataScript: (tenant: string) => ScriptedAnswer | undefined;
  close(): Promise<void>;
}

/** An unsigned-looking JWT with the claims the identity layer reads. Not a real token. */
export function fakeGraphToken(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'RS256' })}.${part(claims)}.c2lnbmF0dXJl`;
}

/** A successful client-credentials answer for `tenant`, carrying `roles`. */
export function tokenAnswer(tenant: string, roles: string[] = ['User.Read.All']): ScriptedAnswer {
  const now = Math.floor(Date.now() / 1000);
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: fakeGraphToken({
        aud: 'https://graph.microsoft.com',
        tid: tenant,
        roles,
        iat: now,
        exp: now + 3599,
      }),
    },
  };
}

/** Entra's error body shape (graph-facts §1.5). */
export function aadstsAnswer(
  status: number,
  error: string,
  code: number,
  description: string,
  headers: Record<string, string> = {},
): ScriptedAnswer {
  const traceId = '0a1b2c3d-0000-4000-8000-00000000aaaa';
  const correlationId = '0a1b2c3d-0000-4000-8000-00000000cccc';
  return {
    status,
    headers,
    body: {
      error,
      error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: 2026-01-01 00:00:00Z`,
      error_codes: [code],
      timestamp: '2026-01-01 00:00:00Z',
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

function send(res: ServerResponse, answer: ScriptedAnswer): void {
  const json = typeof answer.body !== 'string';
  res.writeHead(answer.status, {
    'content-type': json ? 'application/json; charset=utf-8' : 'text/html',
    ...answer.headers,
  });
  res.end(json ? JSON.stringify(answer.body) : answer.body);
}

/** Starts the stand-in on a free localhost port, with a certificate from a fresh local CA. */
export async function startScriptedEntra(): Promise<ScriptedEntra> {
  const ca = await createCertificateAuthority('Quorum identity test CA');
  const tls = await issueServerCertificate(ca, ['localhost', '127.0.0.1']);
  let origin = '';
  const server = https.createServer({ cert: tls.certPem, key: tls.keyPem });
  const entra: ScriptedEntra = {
    get origin() {
      return origin;
    },
    ca,
    tokenRequests: [],
    metadataRequests: [],
    script: (request) => tokenAnswer(request.tenant),
    metadataScript: () => undefined,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const [tenant = '', ...rest] = url.pathname.split('/').filter(Boolean);
    const path = rest.join('/');
    if (req.method === 'GET' && path === 'v2.0/.well-known/openid-configuration') {
      entra.metadataRequests.push(url.pathname);
      send(
        res,
        entra.metadataScript(tenant) ?? {
          status: 200,
          body: {
            issuer: `${origin}/${tenant}/v2.0`,
            authorization_endpoint: `${origin}/${tenant}/oauth2/v2.0/authorize`,
            token_endpoint: `${origin}/${tenant}/oauth2/v2.0/token`,
            jwks_uri: `${origin}/${tenant}/discovery/v2.0/keys`,
          },
        },
      );
      return;
    }
    if (req.method === 'POST' && path === 'oauth2/v2.0/token') {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => {
        const request = { tenant, form: new URLSearchParams(raw), query: url.searchParams };
        entra.tokenRequests.push(request);
        send(res, entra.script(request));
      });
      return;
    }
    send(res, { status: 404, body: { error: 'not_found' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://localhost:${(server.address() as AddressInfo).port}`;
  return entra;
}
