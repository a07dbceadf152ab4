// The lifecycle of tenant connections (DESIGN J1, J3): bring-your-own creation, verification,
// enable/disable, credential rotation, deletion with purge, and claiming a tenant after consent —
// moving it from another org only when a tenant admin proved control. Every change is audited.
import { newId } from '../domain/ids.js';
import type { MemberRepository } from '../domain/member-repository.js';
import type { OrgRepository } from '../domain/org-repository.js';
import { categoryOf } from '../domain/reasons.js';
import type { Member, StatusReason, TenantConnection } from '../domain/types.js';
import { AppError } from '../http/errors.js';
import type { Clock } from '../microsoft/graph/index.js';
import type { AppCredential, Identity } from '../microsoft/identity/index.js';
import { TenantTakenError, type Store } from '../store/index.js';
import { BackgroundTasks } from './background.js';
import {
  applyProbe,
  markVerifying,
  newConnection,
  type NewConnectionInput,
} from './connection-records.js';
import type { CredentialResolver } from './credential-resolver.js';
import {
  appCredentialOf,
  deleteCredentialSecret,
  saveCredential,
  type CredentialInput,
} from './credentials.js';
import type { ProbeInput, ProbeResult } from './probe.js';
import { verifyWithRetry } from './verification.js';

/** Who acts, as the audit log names them: `member:<id>`, `tenant-admin:<tid>/<oid>` or `system`. */
export interface Actor {
  readonly id: string;
}

export const SYSTEM: Actor = { id: 'system' };

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

export interface VerifyOptions {
  /** A mailbox (object id or UPN) to probe first. */
  mailbox?: string | null | undefined;
  /** Retry `consent_missing` while Microsoft applies a fresh consent or credential. */
  replicating?: boolean;
  /** Turn the connection on when the probe passes (consent callback, enable). */
  enableOnSuccess?: boolean;
  /** Audit every check (admin actions), or only state changes (periodic checks). */
  audit?: 'always' | 'changes';
}

export interface VerifyResult {
  connection: Readonly<TenantConnection>;
  /** False when verification still runs in the background (consent replicating). */
  settled: boolean;
}

const TOMBSTONES_DOC = 'connection-tombstones';

export class ConnectionService {
  readonly tasks = new BackgroundTasks();
  readonly #removalHooks: ((connection: Readonly<TenantConnection>) => Promise<void>)[] = [];

  constructor(private readonly o: ConnectionServiceOptions) {}

  /**
   * Runs `hook` before a connection is deleted or its tenant moves to another org, e.g. to delete
   * its Graph subscriptions or the sync state a module keeps for it.
   */
  onConnectionRemoved(hook: (connection: Readonly<TenantConnection>) => Promise<void>): void {
    this.#removalHooks.push(hook);
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
    await this.clearTombstone(orgId, tenantId);
    await this.audit(orgId, actor, 'connection.created', connection, {
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
    return this.settleInline(
      orgId,
      id,
      this.startVerification(orgId, id, actor, {
        replicating: options.replicating ?? this.recentlyChanged(connection),
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
      await this.setMembersReason(orgId, id, 'connection_disabled', () => true);
      await this.audit(orgId, actor, 'connection.disabled', connection, {});
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
    await this.forgetCredential(orgId, before);
    this.o.resolver.forget(connection.tenantId);
    if (before.enabled) await this.setMembersReason(orgId, id, 'connection_disabled', () => true);
    await this.audit(orgId, actor, 'connection.credential_rotated', connection, {
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
    await this.purge(orgId, connection);
    const adminsSignInFromIt = (await this.o.members.all(orgId)).some(
      (m) => (m.role === 'owner' || m.role === 'admin') && m.tenantId === connection.tenantId,
    );
    const unlinked = adminsSignInFromIt
      ? false
      : await this.o.store.unlinkTenant(connection.tenantId, orgId);
    await this.o.store.updateOrgDoc<Record<string, string>>(orgId, TOMBSTONES_DOC, (current) => ({
      ...current,
      [connection.tenantId]: this.iso(),
    }));
    await this.audit(orgId, actor, 'connection.deleted', connection, {
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
      await this.releaseTenant(holder, tenantId, actor, orgId);
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
    await this.clearTombstone(orgId, tenantId);
    this.o.resolver.forget(tenantId);
    const action =
      holder !== undefined && holder !== orgId
        ? 'tenant.transferred_in'
        : existing
          ? 'connection.consent_renewed'
          : 'connection.created';
    await this.audit(orgId, actor, action, claimed, {
      tenantId,
      kind: 'platform',
      via: args.via,
      ...(holder !== undefined && holder !== orgId ? { fromOrgId: holder } : {}),
    });
    if (args.result) {
      await this.auditVerification(orgId, actor, base, claimed, 1);
      if (claimed.enabled && !base.enabled) {
        await this.audit(orgId, actor, 'connection.enabled', claimed, {});
      }
      return { connection: claimed, settled: true };
    }
    return this.settleInline(
      orgId,
      claimed.id,
      this.startVerification(orgId, claimed.id, actor, {
        mailbox: args.mailbox,
        replicating: true,
        enableOnSuccess: true,
        audit: 'always',
      }),
    );
  }

  /** The periodic check: probes again and records (and audits) what changed. */
  recheck(orgId: string, id: string): Promise<Readonly<TenantConnection>> {
    return this.startVerification(orgId, id, SYSTEM, { audit: 'changes' });
  }

  /** Whether the org deleted its connection to this tenant (discovery then leaves it alone). */
  async isTombstoned(orgId: string, tenantId: string): Promise<boolean> {
    const doc = await this.o.store.getOrgDoc<Record<string, string>>(orgId, TOMBSTONES_DOC);
    return doc?.[tenantId.toLowerCase()] !== undefined;
  }

  async close(): Promise<void> {
    await this.tasks.close();
  }

  // --- verification ---

  /** Starts a verification as tracked background work; resolves to the updated connection. */
  private startVerification(
    orgId: string,
    id: string,
    actor: Actor,
    options: VerifyOptions,
  ): Promise<Readonly<TenantConnection>> {
    const work = this.tasks.run((signal) =>
      this.runVerification(orgId, id, actor, options, signal),
    );
    work.catch((error: unknown) => {
      this.o.logger.error(
        { err: error, orgId, connectionId: id },
        'connection verification failed',
      );
    });
    return work;
  }

  private async runVerification(
    orgId: string,
    id: string,
    actor: Actor,
    options: VerifyOptions,
    signal: AbortSignal,
  ): Promise<Readonly<TenantConnection>> {
    const before = await this.get(orgId, id);
    const credential = await appCredentialOf(
      this.o.store,
      orgId,
      before.credential,
      this.o.platformCredential,
    );
    const mailbox = options.mailbox ?? before.health.mailbox ?? undefined;
    const { result, attempts } = await verifyWithRetry(
      () => this.o.probe({ tenantId: before.tenantId, credential, mailbox }),
      { windowMs: this.o.retryWindowMs, replicating: options.replicating ?? false },
      this.o.clock,
      signal,
    );
    if (result.ok && before.credential.kind !== 'platform') {
      // A working bring-your-own credential proves an admin of the tenant set it up: claim it.
      try {
        await this.o.store.linkTenant(before.tenantId, orgId);
      } catch (error) {
        if (error instanceof TenantTakenError) throw new AppError('ERR_CONNECTION_TENANT_TAKEN');
        throw error;
      }
    }
    const at = this.iso();
    let enabledNow = false;
    const after = await this.o.orgs.updateConnection(orgId, id, (current) => {
      // Rotated while probing: this result is about a credential no longer in use.
      if (current.credential.secretName !== before.credential.secretName) return { ...current };
      const next = applyProbe(current, result, this.now());
      if (options.enableOnSuccess && result.ok && !current.enabled) {
        enabledNow = true;
        return { ...next, enabled: true, lastEnabledAt: at };
      }
      return next;
    });
    this.o.resolver.forget(after.tenantId);
    const changed =
      after.health.state !== before.health.state || after.health.reason !== before.health.reason;
    if (options.audit === 'always' || changed) {
      await this.auditVerification(orgId, actor, before, after, attempts);
    }
    if (enabledNow) {
      await this.setMembersReason(
        orgId,
        id,
        'checking',
        (m) => m.calendar.reason === 'connection_disabled',
      );
      await this.audit(orgId, actor, 'connection.enabled', after, {});
    }
    if (changed) this.o.onHealthChange?.(orgId);
    return after;
  }

  /** Waits up to the inline budget; past it, answers "verifying" and lets the work go on. */
  private async settleInline(
    orgId: string,
    id: string,
    work: Promise<Readonly<TenantConnection>>,
  ): Promise<VerifyResult> {
    const timer = new AbortController();
    const done = work.then((connection) => ({ connection }));
    const waited = this.o.clock.sleep(this.o.inlineWaitMs, timer.signal).then(
      () => undefined,
      () => undefined,
    );
    const first = await Promise.race([done, waited]);
    timer.abort();
    if (first) return { connection: first.connection, settled: true };
    const connection = await this.o.orgs.updateConnection(orgId, id, (current) =>
      current.health.state === 'healthy' || current.health.state === 'broken'
        ? markVerifying(current, this.now())
        : { ...current },
    );
    return { connection, settled: false };
  }

  private async auditVerification(
    orgId: string,
    actor: Actor,
    before: Readonly<TenantConnection>,
    after: Readonly<TenantConnection>,
    attempts: number,
  ): Promise<void> {
    const passed = after.health.state === 'healthy';
    await this.audit(
      orgId,
      actor,
      passed ? 'connection.verified' : 'connection.verification_failed',
      after,
      {
        state: after.health.state,
        previousState: before.health.state,
        reason: after.health.reason,
        detail: after.health.detail,
        aadsts: after.health.aadsts ?? null,
        requestId: after.health.requestId ?? null,
        tier: after.tier,
        grantedRoles: after.grantedRoles,
        attempts,
      },
    );
  }

  /** Consent or a credential changed within the retry window: Microsoft may still be applying it. */
  private recentlyChanged(connection: Readonly<TenantConnection>): boolean {
    const changedAt = Date.parse(connection.credential.updatedAt ?? connection.createdAt);
    return this.now() - changedAt < this.o.retryWindowMs;
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

  /** Moves a tenant out of `fromOrgId` (a proven transfer): purge, unlink, audit there. */
  private async releaseTenant(
    fromOrgId: string,
    tenantId: string,
    actor: Actor,
    toOrgId: string,
  ): Promise<void> {
    const connections = (await this.o.orgs.listConnections(fromOrgId)).filter(
      (c) => c.tenantId === tenantId,
    );
    for (const connection of connections) await this.purge(fromOrgId, connection);
    await this.o.store.unlinkTenant(tenantId, fromOrgId);
    await this.o.store.appendAudit(fromOrgId, {
      actor: actor.id,
      action: 'tenant.transferred_out',
      target: `tenant:${tenantId}`,
      detail: { tenantId, toOrgId, connectionIds: connections.map((c) => c.id) },
    });
  }

  /**
   * Removes a connection and what came from its tenant: removal hooks (subscriptions), members'
   * directory copy and mailbox settings, the credential's secret and msal instance, the document.
   */
  private async purge(orgId: string, connection: Readonly<TenantConnection>): Promise<void> {
    for (const hook of this.#removalHooks) await hook(connection);
    const at = this.iso();
    const affected = (await this.o.members.all(orgId))
      .filter(
        (m) =>
          m.directory?.tenantId === connection.tenantId ||
          m.calendar.tenantConnectionId === connection.id,
      )
      .map((m): Member => ({
        ...m,
        directory: null,
        calendar: {
          ...m.calendar,
          tenantConnectionId: null,
          status: categoryOf('not_in_directory'),
          reason: 'not_in_directory',
          checkedAt: at,
          timeZone: null,
          workingHours: null,
        },
      }));
    await this.o.members.putMany(orgId, affected);
    await this.forgetCredential(orgId, connection);
    await this.o.orgs.deleteConnection(orgId, connection.id, false);
    this.o.resolver.forget(connection.tenantId);
  }

  /** Drops the msal instance (cached tokens) of the connection's credential, then its secret. */
  private async forgetCredential(
    orgId: string,
    connection: Readonly<TenantConnection>,
  ): Promise<void> {
    if (connection.credential.kind === 'platform') return;
    try {
      const credential = await appCredentialOf(
        this.o.store,
        orgId,
        connection.credential,
        this.o.platformCredential,
      );
      this.o.identity.forgetCredential(credential);
    } catch {
      // Secret already gone: there is no msal instance left to forget either.
    }
    await deleteCredentialSecret(this.o.store, orgId, connection.credential);
  }

  /** Sets the calendar reason of the connection's members that `which` selects (one bulk write). */
  private async setMembersReason(
    orgId: string,
    connectionId: string,
    reason: StatusReason,
    which: (member: Member) => boolean,
  ): Promise<void> {
    const at = this.iso();
    const changed = (await this.o.members.all(orgId))
      .filter((m) => m.calendar.tenantConnectionId === connectionId && which(m))
      .map((m): Member => ({
        ...m,
        calendar: { ...m.calendar, status: categoryOf(reason), reason, checkedAt: at },
      }));
    await this.o.members.putMany(orgId, changed);
  }

  private async clearTombstone(orgId: string, tenantId: string): Promise<void> {
    if (!(await this.isTombstoned(orgId, tenantId))) return;
    await this.o.store.updateOrgDoc<Record<string, string>>(orgId, TOMBSTONES_DOC, (current) => {
      const next = { ...current };
      delete next[tenantId];
      return next;
    });
  }

  private async audit(
    orgId: string,
    actor: Actor,
    action: string,
    connection: Readonly<TenantConnection>,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.o.store.appendAudit(orgId, {
      actor: actor.id,
      action,
      target: `connection:${connection.id}`,
      detail: { displayName: connection.displayName, ...detail },
    });
  }

  private now(): number {
    return this.o.clock.now();
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }
}
