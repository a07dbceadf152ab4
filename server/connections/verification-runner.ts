// Runs verification probes for the connection service: tracked as background work, retried while
// Microsoft applies consent, applied to the record only if its credential did not change meanwhile,
// and answered inline when it settles within the request's budget.
import type { OrgRepository } from '../domain/org-repository.js';
import type { Member, StatusReason, TenantConnection } from '../domain/types.js';
import { AppError } from '../http/errors.js';
import type { Clock } from '../microsoft/graph/index.js';
import type { AppCredential, Identity } from '../microsoft/identity/index.js';
import { TenantTakenError, type Store } from '../store/index.js';
import { ShutdownError, type BackgroundTasks } from './background.js';
import { auditConnection, auditVerification, type Actor } from './connection-audit.js';
import { applyProbe, markVerifying } from './connection-records.js';
import type { ServiceLogger } from './connection-service.js';
import { appCredentialOf } from './credentials.js';
import type { ProbeInput, ProbeResult } from './probe.js';
import { runHooks, setMembersReason, type CleanupDeps } from './tenant-cleanup.js';
import { verifyWithRetry } from './verification.js';

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

export interface VerificationRunnerOptions {
  store: Store;
  orgs: OrgRepository;
  platformCredential: AppCredential;
  probe(input: ProbeInput): Promise<ProbeResult>;
  clock: Clock;
  retryWindowMs: number;
  inlineWaitMs: number;
  logger: ServiceLogger;
  onHealthChange?: (orgId: string) => void;
  tasks: BackgroundTasks;
  cleanup: CleanupDeps;
  resolver: { forget(tenantId: string): void };
  /** Drops msal's tokens of a bring-your-own credential Entra refuses now. */
  identity?: Pick<Identity, 'forgetCredential'>;
}

/** Reasons that concern the whole connection: its members show them as soon as a probe finds one. */
const CONNECTION_REASONS: ReadonlySet<StatusReason> = new Set([
  'consent_missing',
  'credential_invalid',
  'credential_expired',
]);

/** Members whose status a connection-level reason replaces (not what the directory or they decided). */
function reachedThroughConnection(member: Member): boolean {
  const { reason, disconnected } = member.calendar;
  return (
    !disconnected &&
    reason !== 'not_in_directory' &&
    reason !== 'account_disabled' &&
    reason !== 'guest_account'
  );
}

export class VerificationRunner {
  constructor(private readonly o: VerificationRunnerOptions) {}

  /** Starts a verification as tracked background work; resolves to the updated connection. */
  start(
    orgId: string,
    id: string,
    actor: Actor,
    options: VerifyOptions,
  ): Promise<Readonly<TenantConnection>> {
    const work = this.o.tasks.run((signal) =>
      this.runVerification(orgId, id, actor, options, signal),
    );
    work.catch((error: unknown) => {
      if (error instanceof ShutdownError) return;
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
    const before = await this.o.orgs.getConnection(orgId, id);
    if (!before) throw new AppError('ERR_CONNECTION_NOT_FOUND');
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
    if (after.enabled && after.credential.secretName === before.credential.secretName) {
      await this.showOnMembers(orgId, before, after, result, credential);
    }
    const changed =
      after.health.state !== before.health.state || after.health.reason !== before.health.reason;
    if (options.audit === 'always' || changed) {
      await auditVerification(this.o.store, orgId, actor, before, after, attempts);
    }
    if (enabledNow) {
      await setMembersReason(
        this.o.cleanup,
        orgId,
        id,
        'checking',
        (m) => m.calendar.reason === 'connection_disabled',
      );
      await runHooks(this.o.cleanup.hooks.enabled, after);
      await auditConnection(this.o.store, orgId, actor, 'connection.enabled', after, {});
    }
    if (changed) this.o.onHealthChange?.(orgId);
    return after;
  }

  /**
   * A connection-level reason reaches the connection's members at once (as disabling does), and
   * they are checked again once the connection recovers.
   */
  private async showOnMembers(
    orgId: string,
    before: Readonly<TenantConnection>,
    after: Readonly<TenantConnection>,
    result: ProbeResult,
    credential: AppCredential,
  ): Promise<void> {
    if (!result.ok && CONNECTION_REASONS.has(result.failure.reason)) {
      // msal would go on sending a token issued before Entra refused the credential (for up to an
      // hour), and sweeps would show members connected through a broken connection. The platform
      // credential serves every tenant, and Graph refuses it once consent is gone: it stays.
      if (after.credential.kind !== 'platform') this.o.identity?.forgetCredential(credential);
      await setMembersReason(
        this.o.cleanup,
        orgId,
        after.id,
        result.failure.reason,
        reachedThroughConnection,
      );
    } else if (result.ok && before.health.state === 'broken') {
      await setMembersReason(this.o.cleanup, orgId, after.id, 'checking', (m) =>
        CONNECTION_REASONS.has(m.calendar.reason),
      );
    }
  }

  /** Waits up to the inline budget; past it, answers "verifying" and lets the work go on. */
  async settleInline(
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

  /** Consent or a credential changed within the retry window: Microsoft may still be applying it. */
  recentlyChanged(connection: Readonly<TenantConnection>): boolean {
    const changedAt = Date.parse(connection.credential.updatedAt ?? connection.createdAt);
    return this.now() - changedAt < this.o.retryWindowMs;
  }

  private now(): number {
    return this.o.clock.now();
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }
}
