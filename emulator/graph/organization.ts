// `GET /organization`: the tenant's profile with its verified domains.
import { Permissions } from './permissions.js';
import { odataContext } from './odata.js';
import type { Call, GraphResponse, RouteDef } from './pipeline.js';

function listOrganization(call: Call): GraphResponse {
  const tenant = call.caller.tenant;
  const initial = tenant.domains.find((d) => d.endsWith('.onmicrosoft.com')) ?? tenant.domains[0];
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(call, 'organization'),
      value: [
        {
          id: tenant.id,
          deletedDateTime: null,
          businessPhones: [],
          city: null,
          country: null,
          countryLetterCode: 'US',
          createdDateTime: '2019-01-01T00:00:00Z',
          displayName: tenant.displayName,
          preferredLanguage: 'en',
          tenantType: 'AAD',
          onPremisesSyncEnabled: null,
          assignedPlans: [],
          verifiedDomains: tenant.domains.map((name) => ({
            capabilities: name === initial ? 'Email, OfficeCommunicationsOnline' : 'Email',
            isDefault: name === tenant.defaultDomain,
            isInitial: name === initial,
            name,
            type: 'Managed',
          })),
        },
      ],
    },
  };
}

export const organizationRoutes: RouteDef[] = [
  {
    method: 'GET',
    pattern: '/organization',
    access: { family: 'directory', anyOf: Permissions.organization },
    handler: listOrganization,
  },
];
