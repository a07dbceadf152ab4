import { describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../server/store/lowdb-store.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();

describe('tenant index', () => {
  it('finds the org a tenant belongs to, after a restart', async () => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({ dataDir });
    await store.linkTenant('tid-1', 'org-a');
    await store.linkTenant('tid-2', 'org-a');
    await store.linkTenant('tid-3', 'org-b');
    await store.close();

    const reopened = await openLowdbStore({ dataDir });
    expect(await reopened.findOrgByTenant('tid-1')).toBe('org-a');
    expect(await reopened.listTenantIds('org-a')).toEqual(['tid-1', 'tid-2']);
    expect(await reopened.findOrgByTenant('tid-unknown')).toBeUndefined();
    await reopened.close();
  });

  it('refuses to link a tenant to a second org with ERR_STORE_TENANT_TAKEN', async () => {
    const store = await openLowdbStore({ dataDir: await tempDir() });
    await store.linkTenant('tid-1', 'org-a');
    await store.linkTenant('tid-1', 'org-a');
    await expect(store.linkTenant('tid-1', 'org-b')).rejects.toMatchObject({
      code: 'ERR_STORE_TENANT_TAKEN',
      tenantId: 'tid-1',
    });
    await store.close();
  });

  it('lets only the owning org unlink a tenant', async () => {
    const store = await openLowdbStore({ dataDir: await tempDir() });
    await store.linkTenant('tid-1', 'org-a');
    expect(await store.unlinkTenant('tid-1', 'org-b')).toBe(false);
    expect(await store.findOrgByTenant('tid-1')).toBe('org-a');
    expect(await store.unlinkTenant('tid-1', 'org-a')).toBe(true);
    expect(await store.findOrgByTenant('tid-1')).toBeUndefined();
    await store.close();
  });
});
