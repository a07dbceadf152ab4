// The lifecycle of tenant connections (DESIGN J1, J3): bring-your-own creation, verification,
// enable/disable, credential rotation, deletion with purge, and claiming a tenant after consent —
// moving it from another org only when a tenant admin proved control. Every change is audited.
import { newId } from '../domain/ids.js';
import type { MemberRepository } from '../domain/member-repository.js';
import type { OrgRepository } from '../domain/org-repository.js';
import type { TenantConnection } from '../domain/types.js';
import { AppError } from '../http/errors.js';
import type { Clock } from '../microsoft/graph/index.js';
import type { AppCredential, Identity } from '../microsoft/identity/index.js';
import type { Store } from '../store/index.js';
import { BackgroundTasks } from './background.js';
import { auditConnection, auditVerification, SYSTEM, type Actor } from './connection-audit.js';
import {
  applyProbe,
  markVerifying,
  newConnection,
  type NewConnectionInput,
} from './connection-records.js';
import type { CredentialResolver } from './credential-resolver.js';
import { saveCredential, type CredentialInput } from './credentials.js';
import type { ProbeInput, ProbeResult } from './probe.js';
import {
  emptyHooks,
  forgetCredential,
  purgeConnection,
  releaseTenant,
  runHooks,
  setMembersReason,
  tombstones,
  type CleanupDeps,
  type ConnectionHooks,
} from './tenant-cleanup.js';
import {
  VerificationRunner,
  type VerifyOptions,
  type VerifyResult,
} from './verification-runner.js';

/** pino's logger fits. */
export interface ServiceLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ConnectionServiceOptions {
  store: Store;
  orgs: OrgRepository;
  members: MemberRepository;
  identity: Identity;
  platformCredential: AppCredential;
  resolver: CredentialResolver;
  probe(input: ProbeInput): Promise<ProbeResult>;
  clock: Clock;
  /** How long verification keeps retrying while consent or a new credential replicates. */
  retryWindowMs: number;
  /** How long a request waits for verification before answering "still verifying". */
  inlineWaitMs: number;
  logger: ServiceLogger;
  /** Told when a connection's health changes (alerts). */
  onHealthChange?: (orgId: string) => void;
}

export interface ByoInput {
  tenantId: string;
  clientId: string;
  displayName?: string | undefined;
  credential: CredentialInput;
}

export class ConnectionService {
  readonly tasks = new BackgroundTasks();
  /** Other features' reactions to connections being removed, disabled and enabled. */
  readonly hooks: ConnectionHooks = emptyHooks();
  readonly #cleanup: CleanupDeps;
  readonly #verifier: VerificationRunner;

  constructor(private readonly o: ConnectionServiceOptions) {
    this.#cleanup = { ...o, hooks: this.hooks, now: () => o.clock.now() };
    this.#verifier = new VerificationRunner({ ...o, tasks: this.tasks, cleanup: this.#cleanup });
  }

  list(orgId: string): Promise<Readonly<TenantConnection>[]> {
    return this.o.orgs.listConnections(orgId);
  }

  /** The org's connection; `ERR_CONNECTION_NOT_FOUND` for another org's or none. */
  async get(orgId: string, id: string): Promise<Readonly<TenantConnection>> {
    const connection = await this.o.orgs.getConnection(orgId, id);
    if (!connection) throw new AppError('ERR_CONNECTION_NOT_FOUND');
    return connection;
  }

  /** Saves a bring-your-own connection, disabled and unverified; its tenant is claimed on verification. */
  async createByo(orgId: string, actor: Actor, input: ByoInput): Promise<TenantConnection> {
    const tenantId = input.tenantId.toLowerCase();
    await this.assertTenantAvailable(orgId, tenantId);
    const id = newId();
    const credential = await saveCredential({
      store: this.o.store,
      orgId,
      connectionId: id,
      clientId: input.clientId.toLowerCase(),
      input: input.credential,
      subject: `Quorum - ${input.displayName ?? tenantId}`,
      now: this.now(),
    });
    const connection = newConnection({
      id,
      orgId,
      tenantId,
      displayName: input.displayName,
      credential,
      now: this.now(),
    } satisfies NewConnectionInput);
    await this.o.orgs.putConnection(connection, { linkTenant: false });
    await tombstones.clear(this.o.store, orgId, tenantId);
    await auditConnection(this.o.store, orgId, actor, 'connection.created', connection, {
      tenantId,
      kind: credential.kind,
      clientId: credential.clientId,
      generatedCertificate: credential.generated === true,
      expiresAt: credential.expiresAt ?? null,
    });
    return connection;
  }

  /** Probes the connection now; answers within the inline wait even if Microsoft is slow. */
  async verify(orgId: string, id: string, actor: Actor, options: VerifyOptions = {}) {
    const connection = await this.get(orgId, id);
    await this.assertTenantAvailable(orgId, connection.tenantId, connection.id);
    return this.#verifier.settleInline(
      orgId,
      id,
      this.#verifier.start(orgId, id, actor, {
        replicating: options.replicating ?? this.#verifier.recentlyChanged(connection),
        audit: 'always',
        ...options,
      }),
    );
  }

  /** Verifies, then enables; `ERR_CONNECTION_VERIFICATION_FAILED` (recorded) when the probe fails. */
  async enable(orgId: string, id: string, actor: Actor): Promise<Readonly<TenantConnection>> {
    const { connection, settled } = await this.verify(orgId, id, actor, { enableOnSuccess: true });
    if (!settled) throw new AppError('ERR_CONNECTION_VERIFYING');
    if (!connection.enabled || connection.health.state !== 'healthy') {
      const detail = connection.health.detail ?? 'The verification probe did not pass.';
      const reason = connection.health.reason ?? 'throttled';
      throw new AppError('ERR_CONNECTION_VERIFICATION_FAILED', {
        detail: `${reason}: ${detail}`,
      });
    }
    return connection;
  }

  /** Stops org-managed access at once; members keep their calendar choices for a later enable. */
  async disable(orgId: string, id: string, actor: Actor): Promise<Readonly<TenantConnection>> {
    const before = await this.get(orgId, id);
    const at = this.iso();
    const connection = await this.o.orgs.updateConnection(orgId, id, (current) =>
      current.enabled ? { ...current, enabled: false, lastDisabledAt: at } : { ...current },
    );
    this.o.resolver.forget(connection.tenantId);
    if (before.enabled) {
      await setMembersReason(this.#cleanup, orgId, id, 'connection_disabled');
      await runHooks(this.hooks.disabled, connection);
      await auditConnection(this.o.store, orgId, actor, 'connection.disabled', connection, {});
    }
    return connection;
  }

  /** Replaces a bring-your-own credential: the connection goes off until verified and enabled again. */
  async rotateCredential(
    orgId: string,
    id: string,
    actor: Actor,
    input: CredentialInput,
  ): Promise<Readonly<TenantConnection>> {
    const before = await this.get(orgId, id);
    if (before.credential.kind === 'platform') {
      throw new AppError('ERR_CONNECTION_KIND', {
        detail: "A platform connection uses Quorum's own credential; there is nothing to rotate.",
      });
    }
    const credential = await saveCredential({
      store: this.o.store,
      orgId,
      connectionId: id,
      clientId: before.credential.clientId,
      input,
      subject: `Quorum - ${before.displayName}`,
      now: this.now(),
    });
    const at = this.iso();
    const connection = await this.o.orgs.updateConnection(orgId, id, (current) => ({
      ...current,
      credential,
      enabled: false,
      lastDisabledAt: current.enabled ? at : current.lastDisabledAt,
      tier: 'none',
      grantedRoles: [],
      health: { state: 'unverified', reason: null, detail: null, checkedAt: null, since: at },
    }));
    await forgetCredential(this.#cleanup, orgId, before);
    this.o.resolver.forget(connection.tenantId);
    if (before.enabled) {
      await setMembersReason(this.#cleanup, orgId, id, 'connection_disabled');
      await runHooks(this.hooks.disabled, connection);
    }
    await auditConnection(this.o.store, orgId, actor, 'connection.credential_rotated', connection, {
      kind: credential.kind,
      expiresAt: credential.expiresAt ?? null,
      generatedCertificate: credential.generated === true,
      wasEnabled: before.enabled,
    });
    return connection;
  }

  /**
   * Deletes the connection and purges what was copied from its tenant. The tenant is unlinked unless
   * the org's admins sign in from it (their org would otherwise become unreachable to them).
   */
  async remove(orgId: string, id: string, actor: Actor): Promise<void> {
    const connection = await this.get(orgId, id);
    await purgeConnection(this.#cleanup, orgId, connection);
    const adminsSignInFromIt = (await this.o.members.all(orgId)).some(
      (m) => (m.role === 'owner' || m.role === 'admin') && m.tenantId === connection.tenantId,
    );
    const unlinked = adminsSignInFromIt
      ? false
      : await this.o.store.unlinkTenant(connection.tenantId, orgId);
    await tombstones.add(this.o.store, orgId, connection.tenantId, this.iso());
    await auditConnection(this.o.store, orgId, actor, 'connection.deleted', connection, {
      tenantId: connection.tenantId,
      kind: connection.credential.kind,
      tenantUnlinked: unlinked,
    });
  }

  /** The public certificate (PEM) of a certificate connection. */
  async certificatePem(orgId: string, id: string): Promise<string> {
    const connection = await this.get(orgId, id);
    const pem = connection.credential.certificatePem;
    if (connection.credential.kind !== 'certificate' || !pem) {
      throw new AppError('ERR_CONNECTION_KIND', {
        detail: 'Only certificate connections have a certificate to download.',
      });
    }
    return pem;
  }

  /**
   * Connects a tenant with Quorum's own credential after consent. `proven`: a tenant admin showed
   * control (signed in after consenting), so a tenant held by another org moves here. With a probe
   * `result` already in hand (discovery), it is applied; otherwise verification starts, retrying
   * while consent replicates, and the connection turns on when it passes.
   */
  async claimTenant(args: {
    orgId: string;
    tenantId: string;
    actor: Actor;
    proven: boolean;
    via: 'activation_link' | 'teams_admin_center';
    mailbox?: string | null | undefined;
    result?: ProbeResult;
    /** Name of a new connection until `/organization` tells the tenant's own. */
    displayName?: string;
  }): Promise<VerifyResult> {
    const { orgId, actor } = args;
    const tenantId = args.tenantId.toLowerCase();
    const holder = await this.o.store.findOrgByTenant(tenantId);
    if (holder !== undefined && holder !== orgId) {
      if (!args.proven) throw new AppError('ERR_CONNECTION_TENANT_TAKEN');
      await releaseTenant(this.#cleanup, {
        fromOrgId: holder,
        toOrgId: orgId,
        tenantId,
        actorId: actor.id,
      });
    }
    const existing = await this.o.orgs.findConnectionByTenant(orgId, tenantId);
    if (existing && existing.credential.kind !== 'platform') {
      throw new AppError('ERR_CONNECTION_EXISTS', {
        detail:
          'This tenant is connected with your own app registration; delete that connection to use the activation link.',
      });
    }
    const base =
      existing ??
      newConnection({
        orgId,
        tenantId,
        displayName: args.displayName,
        credential: {
          kind: 'platform',
          clientId: this.o.platformCredential.clientId,
          updatedAt: this.iso(),
        },
        now: this.now(),
      });
    const at = this.iso();
    let claimed: TenantConnection = {
      ...markVerifying(base, this.now()),
      credential: { ...base.credential, updatedAt: at },
    };
    if (args.result) {
      claimed = applyProbe(claimed, args.result, this.now());
      if (args.result.ok && !claimed.enabled) {
        claimed = { ...claimed, enabled: true, lastEnabledAt: at };
      }
    }
    await this.o.orgs.putConnection(claimed);
    await tombstones.clear(this.o.store, orgId, tenantId);
    this.o.resolver.forget(tenantId);
    const action =
      holder !== undefined && holder !== orgId
        ? 'tenant.transferred_in'
        : existing
          ? 'connection.consent_renewed'
          : 'connection.created';
    await auditConnection(this.o.store, orgId, actor, action, claimed, {
      tenantId,
      kind: 'platform',
      via: args.via,
      ...(holder !== undefined && holder !== orgId ? { fromOrgId: holder } : {}),
    });
    if (args.result) {
      await auditVerification(this.o.store, orgId, actor, base, claimed, 1);
      if (claimed.enabled && !base.enabled) {
        await runHooks(this.hooks.enabled, claimed);
        await auditConnection(this.o.store, orgId, actor, 'connection.enabled', claimed, {});
      }
      return { connection: claimed, settled: true };
    }
    return this.#verifier.settleInline(
      orgId,
      claimed.id,
      this.#verifier.start(orgId, claimed.id, actor, {
        mailbox: args.mailbox,
        replicating: true,
        enableOnSuccess: true,
        audit: 'always',
      }),
    );
  }

  /** The periodic check: probes again and records (and audits) what changed. */
  recheck(orgId: string, id: string): Promise<Readonly<TenantConnection>> {
    return this.#verifier.start(orgId, id, SYSTEM, { audit: 'changes' });
  }

  /** Whether the org deleted its connection to this tenant (discovery then leaves it alone). */
  isTombstoned(orgId: string, tenantId: string): Promise<boolean> {
    return tombstones.has(this.o.store, orgId, tenantId);
  }

  async close(): Promise<void> {
    await this.tasks.close();
  }

  // --- tenants, members, secrets ---

  /** `ERR_CONNECTION_TENANT_TAKEN` if another org holds it, `ERR_CONNECTION_EXISTS` if this one has it. */
  private async assertTenantAvailable(
    orgId: string,
    tenantId: string,
    exceptConnectionId?: string,
  ): Promise<void> {
    const holder = await this.o.store.findOrgByTenant(tenantId);
    if (holder !== undefined && holder !== orgId) throw new AppError('ERR_CONNECTION_TENANT_TAKEN');
    const existing = (await this.o.orgs.listConnections(orgId)).find(
      (c) => c.tenantId === tenantId && c.id !== exceptConnectionId,
    );
    if (existing) throw new AppError('ERR_CONNECTION_EXISTS');
  }

  private now(): number {
    return this.o.clock.now();
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }
}
