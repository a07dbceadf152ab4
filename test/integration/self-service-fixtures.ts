// Orgs and tenant connections for the self-service tests, written straight through the repositories
// (as the connection flows would leave them) after consent is granted in the emulator.
import { randomUUID } from 'node:crypto';
import type { Organization, OrgSettings, TenantConnection } from '../../server/domain/types.js';
import { grantConsent, TENANTS } from '../support/emulator.js';
import type { TestQuorum } from '../support/quorum.js';

export const CONTOSO_DOMAINS = ['contoso.com', 'contoso.onmicrosoft.com', 'contoso.co.uk'];
export const FABRIKAM_DOMAINS = ['fabrikam.com', 'fabrikam.onmicrosoft.com'];

export interface TestOrg {
  org: Organization;
  connection: TenantConnection;
}

/** An org holding `tenant` through an enabled, healthy platform connection. */
export async function createConnectedOrg(
  quorum: TestQuorum,
  tenant: keyof typeof TENANTS,
  settings: Partial<OrgSettings> = {},
): Promise<TestOrg> {
  const { id: tenantId, domain } = TENANTS[tenant];
  await grantConsent(quorum.emulator, domain);
  const org = await quorum.services.orgs.create(
    tenant === 'contoso' ? 'Contoso' : 'Fabrikam',
    settings,
  );
  const now = new Date().toISOString();
  const connection: TenantConnection = {
    id: randomUUID(),
    orgId: org.id,
    tenantId,
    displayName: org.name,
    verifiedDomains: tenant === 'contoso' ? CONTOSO_DOMAINS : FABRIKAM_DOMAINS,
    credential: { kind: 'platform', clientId: quorum.config.clientId },
    grantedRoles: [],
    tier: 'booking',
    enabled: true,
    createdAt: now,
    lastEnabledAt: now,
    lastDisabledAt: null,
    health: { state: 'healthy', reason: null, detail: null, checkedAt: now },
    sync: { lastFullAt: null, lastDeltaAt: null, deltaLink: null, running: null },
  };
  await quorum.services.orgs.putConnection(connection);
  return { org, connection };
}

/** Signs `upn` in once (GET /api/me), which creates their member record; returns its id. */
export async function signIn(quorum: TestQuorum, tenant: string, upn: string): Promise<string> {
  const { status, body } = await quorum.api<{ user: { memberId: string | null } }>(
    { tenant, upn },
    'GET',
    '/api/me',
  );
  if (status !== 200 || !body.user.memberId) {
    throw new Error(`sign-in of ${upn} failed: ${status} ${JSON.stringify(body)}`);
  }
  return body.user.memberId;
}
