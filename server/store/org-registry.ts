// Which orgs exist and their loaded files: one `OrgState` per org, loaded once and shared by callers.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ORGS_DIR, assertOrgId, isOrgId, orgDir } from './layout.js';
import { OrgState, type OrgStateOptions } from './org-state.js';

export class OrgRegistry {
  readonly #options: OrgStateOptions;
  readonly #orgs = new Map<string, Promise<OrgState>>();
  /** Orgs written in this process, so they list before their first file lands. */
  readonly #touched = new Set<string>();

  constructor(options: OrgStateOptions) {
    this.#options = options;
  }

  /** The org's files, loading them on first use. */
  get(orgId: string): Promise<OrgState> {
    assertOrgId(orgId);
    let loading = this.#orgs.get(orgId);
    if (!loading) {
      loading = OrgState.open(orgId, this.#options);
      // A failed load (corrupt file) is not cached: the next call reports it again.
      loading.catch(() => this.#orgs.delete(orgId));
      this.#orgs.set(orgId, loading);
    }
    return loading;
  }

  /** Records that the org was written, so it exists from now on even before its files land. */
  touch(orgId: string): void {
    this.#touched.add(orgId);
  }

  async list(): Promise<string[]> {
    const ids = new Set(this.#touched);
    try {
      for (const name of await readdir(path.join(this.#options.dataDir, ORGS_DIR))) {
        if (isOrgId(name)) ids.add(name);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return [...ids].sort();
  }

  async has(orgId: string): Promise<boolean> {
    assertOrgId(orgId);
    if (this.#touched.has(orgId)) return true;
    return stat(orgDir(this.#options.dataDir, orgId)).then(
      () => true,
      () => false,
    );
  }

  /** Stops the org's pending writes and removes its directory. */
  async delete(orgId: string): Promise<void> {
    assertOrgId(orgId);
    const loading = this.#orgs.get(orgId);
    this.#orgs.delete(orgId);
    this.#touched.delete(orgId);
    const state = await loading?.catch(() => undefined);
    await state?.discard();
    await rm(orgDir(this.#options.dataDir, orgId), { recursive: true, force: true });
  }
}
