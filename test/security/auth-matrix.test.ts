// Every bearer-protected operation of the OpenAPI description, attacked with every kind of bad token:
// none, expired, an unpublished key, a published kid over another key, `alg: none`, another API's
// audience, another tenant's issuer, no `access_as_user`; v1 and v2 tokens of Fabrikam (no org, then
// an org of its own) on Contoso's routes and ids; a member on admin routes. Each answer is the exact
// problem+json refusal and shows none of Contoso's data, and no log line or response holds a secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slot } from '../integration/meetings-fixtures.js';
import { TENANTS } from '../support/emulator.js';
import { fetchOpenApi, fillPath, operationsOf, type Operation } from './support/openapi.js';
import { leaksIn, outcome } from './support/problems.js';
import { knownSecrets, scanForSecrets } from './support/secrets.js';
import { CheckTally, recordRows } from './support/results.js';
import {
  ADELE,
  KIM,
  MEGAN,
  PAT,
  startSecurityQuorum,
  type SecurityQuorum,
  type Sent,
} from './support/security-quorum.js';

let sq: SecurityQuorum;
let operations: Operation[];
/** Contoso's real ids, by the path prefix they belong under. */
const contosoIds: Record<string, string> = {};
/** Strings that would show Contoso's data if they appeared in an answer to someone else. */
let contosoMarkers: string[] = [];
const tallies = new Map<string, CheckTally>();

function tally(check: string): CheckTally {
  let t = tallies.get(check);
  if (!t) tallies.set(check, (t = new CheckTally(check)));
  return t;
}

function pathOf(op: Operation): string {
  const prefix = Object.keys(contosoIds).find((p) => op.path.startsWith(p));
  return fillPath(op.path, { id: prefix ? contosoIds[prefix]! : crypto.randomUUID() });
}

function call(op: Operation, token: string | undefined): Promise<Sent> {
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(op.method);
  return sq.send(op.method, pathOf(op), { token, body: hasBody ? {} : undefined });
}

/** Markers the caller did not send themselves (an id echoed from the path is no leak). */
function leaks(op: Operation, sent: Sent): string[] {
  const path = pathOf(op);
  return leaksIn(
    sent,
    contosoMarkers.filter((m) => !path.includes(m)),
  );
}

beforeAll(async () => {
  sq = await startSecurityQuorum();
  operations = operationsOf(await fetchOpenApi(sq.quorum.url)).filter((op) => op.auth);
  const megan = await sq.tokenOf(MEGAN);
  const sync = await sq.send('POST', '/api/org/sync', { token: megan, body: {} });
  const booked = await sq.send('POST', '/api/meetings', {
    token: megan,
    body: { subject: 'Board offsite planning', ...slot(150), timeZone: 'America/Los_Angeles' },
  });
  expect([sync.status, booked.status]).toEqual([202, 201]);
  const { org, connection } = sq.contoso;
  const adele = (await sq.quorum.services.members.findByEmail(org.id, ADELE.upn))!;
  Object.assign(contosoIds, {
    '/api/org/connections/': connection.id,
    '/api/org/members/': adele.id,
    '/api/org/jobs/': (sync.json as { jobId: string }).jobId,
    '/api/meetings/': (booked.json as { id: string }).id,
  });
  contosoMarkers = [
    TENANTS.contoso.id,
    org.id,
    connection.id,
    adele.id,
    MEGAN.upn,
    ADELE.upn,
    'Megan Bowen',
    'Adele Vance',
    'Board offsite planning',
  ];
});

afterAll(async () => {
  const { findings, scanned } = await sq.scan();
  const scan = new CheckTally('no secret in responses or logs (auth matrix)');
  const dirty = new Set(findings.map((f) => f.where));
  for (let i = 0; i < scanned; i += 1) scan.count(i >= dirty.size);
  await recordRows([...[...tallies.values()].map((t) => t.row()), scan.row()]);
  await sq.close();
  expect(findings).toEqual([]);
});

describe('tokens that prove nothing', () => {
  const cases: [string, number, string, () => Promise<string | undefined>][] = [
    ['no token', 401, 'ERR_AUTH_TOKEN_MISSING', () => Promise.resolve(undefined)],
    [
      'an expired token',
      401,
      'ERR_AUTH_TOKEN_EXPIRED',
      () => sq.tokens.sign(MEGAN, { expiresIn: -3600 }),
    ],
    [
      'an expired v1 token',
      401,
      'ERR_AUTH_TOKEN_EXPIRED',
      () => sq.tokens.sign(MEGAN, { version: 'v1', expiresIn: -3600 }),
    ],
    [
      'a token signed by an unknown key',
      401,
      'ERR_AUTH_KEY_UNKNOWN',
      () => sq.tokens.unknownKey(MEGAN),
    ],
    [
      "Entra's kid over another key",
      401,
      'ERR_AUTH_TOKEN_INVALID',
      () => sq.tokens.stolenKid(MEGAN),
    ],
    ['alg none', 401, 'ERR_AUTH_ALGORITHM', () => Promise.resolve(sq.tokens.algNone(MEGAN))],
    [
      'a token for another audience',
      401,
      'ERR_AUTH_AUDIENCE',
      () => sq.tokens.sign(MEGAN, { claims: { aud: 'https://graph.microsoft.com' } }),
    ],
    [
      "a token naming another tenant's issuer",
      401,
      'ERR_AUTH_ISSUER',
      () =>
        sq.tokens.sign(MEGAN, {
          claims: { iss: `${sq.quorum.emulator.loginUrl}/${TENANTS.fabrikam.id}/v2.0` },
        }),
    ],
    [
      'a token without access_as_user',
      403,
      'ERR_AUTH_SCOPE_MISSING',
      () => sq.tokens.sign(MEGAN, { claims: { scp: 'User.Read' } }),
    ],
  ];

  it.each(cases)(
    'refuses %s on every protected operation with %i %s',
    async (kind, status, code, mint) => {
      const token = await mint();
      const results: unknown[] = [];
      for (const op of operations) {
        const sent = await call(op, token);
        const result = {
          op: `${op.method} ${op.path}`,
          outcome: outcome(sent),
          challenge:
            status === 401 ? sent.headers.get('www-authenticate')?.startsWith('Bearer') : true,
          leaks: leaks(op, sent),
        };
        const expected = { ...result, outcome: [status, code], challenge: true, leaks: [] };
        tally(`auth: ${kind}`).count(JSON.stringify(result) === JSON.stringify(expected));
        results.push(JSON.stringify(result) === JSON.stringify(expected) ? 'ok' : result);
      }
      expect(results.filter((r) => r !== 'ok')).toEqual([]);
      expect(results.length).toBeGreaterThan(40);
    },
  );
});

describe('another tenant on Contoso’s routes', () => {
  it.each(['v1', 'v2'] as const)(
    'refuses a %s token of a Fabrikam user whose tenant no org holds, on every org route',
    async (version) => {
      const token = await sq.tokens.sign(PAT, { version });
      const wrong: unknown[] = [];
      for (const op of operations) {
        const sent = await call(op, token);
        const orgScoped = op.codes(403).includes('ERR_ORG_NOT_SET_UP');
        const held = orgScoped
          ? JSON.stringify(outcome(sent)) === JSON.stringify([403, 'ERR_ORG_NOT_SET_UP'])
          : sent.status < 500;
        const leaked = leaks(op, sent);
        tally(`auth: Fabrikam ${version} token, no org`).count(held && leaked.length === 0);
        if (!held || leaked.length > 0)
          wrong.push({ op: `${op.method} ${op.path}`, outcome: outcome(sent), leaked });
      }
      expect(wrong).toEqual([]);
    },
  );

  it.each(['v1', 'v2'] as const)(
    "shows a %s token of Fabrikam's own tenant admin nothing of Contoso's, and finds none of its ids",
    async (version) => {
      const token = await sq.tokens.sign(KIM, { version });
      const wrong: unknown[] = [];
      let tried = 0;
      for (const op of operations) {
        const withId = op.pathParams.length > 0;
        if (!withId && op.method !== 'GET') continue;
        tried += 1;
        const sent = await call(op, token);
        const [status, code] = outcome(sent);
        const refused =
          (status === 404 && op.codes(404).includes(code ?? '')) ||
          (status === 400 && code === 'ERR_VALIDATION');
        const held = withId ? refused : status < 500;
        const leaked = leaks(op, sent);
        tally(`auth: Fabrikam ${version} admin on Contoso ids`).count(held && leaked.length === 0);
        if (!held || leaked.length > 0)
          wrong.push({ op: `${op.method} ${op.path}`, outcome: [status, code], leaked });
      }
      expect(wrong).toEqual([]);
      expect(tried).toBeGreaterThan(20);
    },
  );
});

describe('a member on admin routes', () => {
  it('refuses Adele on every admin and owner operation with ERR_ROLE_REQUIRED / ERR_OWNER_REQUIRED', async () => {
    const token = await sq.tokenOf(ADELE);
    const wrong: unknown[] = [];
    let tried = 0;
    for (const op of operations) {
      const needed = ['ERR_ROLE_REQUIRED', 'ERR_OWNER_REQUIRED'].find((c) =>
        op.codes(403).includes(c),
      );
      if (!needed) continue;
      tried += 1;
      const sent = await call(op, token);
      const held = JSON.stringify(outcome(sent)) === JSON.stringify([403, needed]);
      const leaked = leaksIn(
        sent,
        ['Board offsite planning', TENANTS.contoso.id, sq.contoso.connection.id].filter(
          (m) => !pathOf(op).includes(m),
        ),
      );
      tally('auth: member token on admin routes').count(held && leaked.length === 0);
      if (!held || leaked.length > 0)
        wrong.push({ op: `${op.method} ${op.path}`, outcome: outcome(sent), leaked });
    }
    expect(wrong).toEqual([]);
    expect(tried).toBeGreaterThan(25);
  });
});

describe('the checks themselves', () => {
  it("see Contoso's data where it belongs: the owner's own answers carry the markers", async () => {
    const megan = await sq.tokenOf(MEGAN);
    const members = await sq.send('GET', '/api/org/members?limit=100', { token: megan });
    const meeting = await sq.send('GET', `/api/meetings/${contosoIds['/api/meetings/']}`, {
      token: megan,
    });
    expect(leaksIn(members, ['Adele Vance', ADELE.upn])).toEqual(['Adele Vance', ADELE.upn]);
    expect(leaksIn(meeting, ['Board offsite planning'])).toEqual(['Board offsite planning']);
  });

  it('would find a secret, a refresh token or an access token in a log line', async () => {
    const secrets = await knownSecrets(sq.quorum, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    const probe = [
      { where: 'secret', text: `x ${sq.quorum.emulator.quorumApp.clientSecret} y` },
      { where: 'token', text: `authorization: Bearer ${await sq.tokenOf(ADELE)}` },
      { where: 'pem', text: '-----BEGIN PRIVATE KEY-----\nMII…' },
    ];
    expect(scanForSecrets(probe, secrets).map((f) => f.where)).toEqual(['secret', 'token', 'pem']);
  });
});
