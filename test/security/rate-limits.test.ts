// Rate limits (DESIGN §9): per user, per tenant, and per IP for requests without a verified caller
// (a flood of forged tokens is cut off before any is verified). Every refusal is 429 problem+json
// ERR_RATE_LIMITED with a Retry-After in whole seconds; another tenant is not slowed down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf } from './support/problems.js';
import { CheckTally, recordRows } from './support/results.js';
import {
  ADELE,
  MEGAN,
  PAT,
  startSecurityQuorum,
  type SecurityQuorum,
  type Sent,
} from './support/security-quorum.js';
import type { Person } from './support/tokens.js';

const USER_PER_MINUTE = 5;
const TENANT_PER_MINUTE = 12;
const OTHERS: Person[] = ['irvin.sayers', 'patti.fernandez', 'alex.wilber', 'lynne.robbins'].map(
  (name) => ({ tenant: 'contoso.com', upn: `${name}@contoso.com` }),
);

let sq: SecurityQuorum;
const tally = new CheckTally('rate limits answered 429 + Retry-After (ERR_RATE_LIMITED)');

function isRateLimited(sent: Sent): boolean {
  const retryAfter = Number(sent.headers.get('retry-after'));
  return (
    sent.status === 429 &&
    problemOf(sent)?.code === 'ERR_RATE_LIMITED' &&
    Number.isInteger(retryAfter) &&
    retryAfter >= 1 &&
    retryAfter <= 60
  );
}

async function me(who: Person): Promise<Sent> {
  return sq.send('GET', '/api/me', { token: await sq.tokenOf(who) });
}

beforeAll(async () => {
  sq = await startSecurityQuorum({
    env: {
      QUORUM_RATE_LIMIT_USER_PER_MINUTE: String(USER_PER_MINUTE),
      QUORUM_RATE_LIMIT_TENANT_PER_MINUTE: String(TENANT_PER_MINUTE),
    },
  });
});

afterAll(async () => {
  await recordRows([tally.row()]);
  await sq.close();
});

describe('rate limits', () => {
  it("stops one user at their budget while the tenant's others go on", async () => {
    // Sign-in (in the fixture) spent one of Adele's tokens.
    const answers: number[] = [];
    for (let i = 0; i < USER_PER_MINUTE; i += 1) answers.push((await me(ADELE)).status);
    expect(answers).toEqual([200, 200, 200, 200, 429]);
    const refused = await me(ADELE);
    tally.count(isRateLimited(refused));
    expect(isRateLimited(refused)).toBe(true);
    expect((await me(MEGAN)).status).toBe(200);
  });

  it('stops the whole tenant at its budget, and only that tenant', async () => {
    // Spent so far: 2 sign-ins, Adele's 4 and Megan's 1 → 7 of 12.
    const statuses: number[] = [];
    let refusal: Sent | undefined;
    for (const who of OTHERS) {
      for (let i = 0; i < 2 && !refusal; i += 1) {
        const sent = await me(who);
        statuses.push(sent.status);
        if (sent.status === 429) refusal = sent;
      }
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    tally.count(refusal !== undefined && isRateLimited(refusal));
    expect(refusal && isRateLimited(refusal)).toBe(true);
    // Fabrikam has no org, so /api/me just describes the caller: answered, not slowed down.
    const fabrikam = await me(PAT);
    tally.count(fabrikam.status === 200);
    expect(fabrikam.status).toBe(200);
  });

  it('cuts off a flood of forged tokens from one address before verifying them', async () => {
    const forged = sq.tokens.algNone(MEGAN);
    const codes: (string | undefined)[] = [];
    for (let i = 0; i <= TENANT_PER_MINUTE; i += 1) {
      codes.push(problemOf(await sq.send('GET', '/api/me', { token: forged }))?.code);
    }
    expect(codes).toEqual([
      ...Array<string>(TENANT_PER_MINUTE).fill('ERR_AUTH_ALGORITHM'),
      'ERR_RATE_LIMITED',
    ]);
    // Even a good token from that address now waits (the address spent its budget on failures).
    const afterFlood = await sq.send('GET', '/api/me', { token: await sq.tokenOf(PAT) });
    const anonymous = await sq.send('GET', '/app-config.json');
    for (const sent of [afterFlood, anonymous]) tally.count(isRateLimited(sent));
    expect([isRateLimited(afterFlood), isRateLimited(anonymous)]).toEqual([true, true]);
  });
});
