// Registers Quorum's Entra app in the emulator from the very manifest that provisions it at
// Microsoft (appPackage/aad.manifest.json), so the two can never disagree.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { AppRegistration, SecretCredential } from './types.js';

const manifestSchema = z.object({
  appId: z.string(),
  id: z.string(),
  name: z.string(),
  accessTokenAcceptedVersion: z.union([z.literal(1), z.literal(2), z.null()]).optional(),
  signInAudience: z.enum(['AzureADMyOrg', 'AzureADMultipleOrgs']),
  groupMembershipClaims: z.string().nullable().optional(),
  requiredResourceAccess: z.array(
    z.object({
      resourceAppId: z.string(),
      resourceAccess: z.array(z.object({ id: z.string(), type: z.enum(['Role', 'Scope']) })),
    }),
  ),
  oauth2Permissions: z.array(z.object({ id: z.string(), value: z.string() })).default([]),
  preAuthorizedApplications: z.array(z.object({ appId: z.string() })).default([]),
  identifierUris: z.array(z.string()).default([]),
  replyUrlsWithType: z.array(z.object({ url: z.string(), type: z.string() })).default([]),
});

/** Values for the `${{NAME}}` placeholders that Teams Toolkit fills at provisioning time. */
export type ManifestPlaceholders = Record<string, string>;

/** Replaces every `${{NAME}}` placeholder; a placeholder without a value is an error. */
export function fillPlaceholders(text: string, values: ManifestPlaceholders): string {
  return text.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`manifest placeholder ${name} has no value`);
    return value;
  });
}

export interface AppFromManifestOptions {
  homeTenantId: string;
  placeholders: ManifestPlaceholders;
  secrets?: SecretCredential[];
}

/** Reads the Entra app manifest and turns it into the emulator's app registration. */
export async function loadAppFromManifest(
  file: string,
  options: AppFromManifestOptions,
): Promise<AppRegistration> {
  const text = fillPlaceholders(await readFile(file, 'utf8'), {
    APP_NAME_SUFFIX: '',
    ...options.placeholders,
  });
  const m = manifestSchema.parse(JSON.parse(text));
  const graph = m.requiredResourceAccess.find(
    (r) =>
      r.resourceAppId === 'Microsoft Graph' ||
      r.resourceAppId === '00000003-0000-0000-c000-000000000000',
  );
  const claims = (m.groupMembershipClaims ?? 'None').toLowerCase();
  return {
    appId: m.appId.toLowerCase(),
    objectId: m.id.toLowerCase(),
    displayName: m.name,
    homeTenantId: options.homeTenantId,
    signInAudience: m.signInAudience,
    identifierUris: m.identifierUris,
    redirectUris: m.replyUrlsWithType.map((r) => r.url),
    spaRedirectUris: m.replyUrlsWithType.filter((r) => r.type === 'Spa').map((r) => r.url),
    delegatedGraphScopes:
      graph?.resourceAccess.filter((a) => a.type === 'Scope').map((a) => a.id) ?? [],
    requiredAppRoles: graph?.resourceAccess.filter((a) => a.type === 'Role').map((a) => a.id) ?? [],
    apiScopes: m.oauth2Permissions.map((p) => ({ id: p.id, value: p.value })),
    preAuthorizedClientIds: m.preAuthorizedApplications.map((p) => p.appId.toLowerCase()),
    accessTokenVersion: m.accessTokenAcceptedVersion === 2 ? 2 : 1,
    emitsWids: claims === 'directoryrole' || claims === 'all',
    secrets: options.secrets ?? [],
    certificates: [],
  };
}
