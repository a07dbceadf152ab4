// Where everything lives under the data directory, and the checks that keep ids inside it.
import path from 'node:path';
import { StoreInvalidIdError } from './errors.js';

/*
 * <dataDir>/
 *   tenants.json                     tenant index { tenants: { tenantId: orgId } }
 *   system-secrets.json              secrets that belong to no org { secrets: { name: envelope } }
 *   orgs/<orgId>/org.json            org documents { memberShards, docs: { key: value } }
 *   orgs/<orgId>/secrets.json        the org's secrets { secrets: { name: envelope } }
 *   orgs/<orgId>/members/shard-NNN.json  { members: { id: record } }, id hashed into memberShards files
 *   orgs/<orgId>/audit-<n>.jsonl     audit log; the highest n is appended to, lower ones are rotated
 */

export const ORGS_DIR = 'orgs';
export const SECRETS_FILE = 'secrets.json';
export const SYSTEM_SECRETS_FILE = 'system-secrets.json';
export const SYSTEM_SCOPE = 'system';

const ORG_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Org ids become directory names, so only plain path segments are accepted. */
export function assertOrgId(orgId: string): void {
  if (typeof orgId !== 'string' || !ORG_ID.test(orgId) || orgId.includes('..')) {
    throw new StoreInvalidIdError('org id', String(orgId));
  }
}

/** Keys, member ids, tenant ids and secret names are map keys, never paths: any non-empty string. */
export function assertKey(kind: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > 256) {
    throw new StoreInvalidIdError(kind, String(value));
  }
}

export function isOrgId(name: string): boolean {
  return ORG_ID.test(name) && !name.includes('..');
}

export function orgDir(dataDir: string, orgId: string): string {
  return path.join(dataDir, ORGS_DIR, orgId);
}

export function orgFile(dataDir: string, orgId: string): string {
  return path.join(orgDir(dataDir, orgId), 'org.json');
}

export function orgSecretsFile(dataDir: string, orgId: string): string {
  return path.join(orgDir(dataDir, orgId), SECRETS_FILE);
}

export function memberShardFile(dataDir: string, orgId: string, shard: number): string {
  const name = `shard-${String(shard).padStart(3, '0')}.json`;
  return path.join(orgDir(dataDir, orgId), 'members', name);
}

export function tenantsFile(dataDir: string): string {
  return path.join(dataDir, 'tenants.json');
}

export function systemSecretsFile(dataDir: string): string {
  return path.join(dataDir, SYSTEM_SECRETS_FILE);
}

/** The scope string bound into a secret's ciphertext. */
export function orgScope(orgId: string): string {
  return `org:${orgId}`;
}

/** FNV-1a: cheap, stable across processes and versions, good enough spread for shard choice. */
export function shardOf(id: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shards;
}
