// The tenant itself (`/organization`): its name and verified domains, for matching members by email.

import type { GraphClient } from './graph/index.js';
import type { GraphOrganization, VerifiedDomain } from './graph-types.js';

/** `GET /organization?$select=id,displayName,verifiedDomains` — the tenant's one organization object. */
export async function getOrganization(
  graph: GraphClient,
  tenantId: string,
): Promise<GraphOrganization> {
  const body = await graph.get<{ value?: GraphOrganization[] }>(tenantId, '/organization', {
    query: { $select: 'id,displayName,verifiedDomains' },
  });
  const [org] = body.value ?? [];
  if (!org) throw new Error(`GET /organization returned no organization for tenant ${tenantId}`);
  return org;
}

/** `GET /organization?$select=…` — the tenant's verified domain names, default domain first. */
export async function listVerifiedDomains(
  graph: GraphClient,
  tenantId: string,
): Promise<VerifiedDomain[]> {
  const { verifiedDomains } = await getOrganization(graph, tenantId);
  return [...verifiedDomains].sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
}
