// The activation link (DESIGN J1.1): the v2 admin-consent URL with a signed state, and what
// `/consent/callback` does with Entra's answer. A tenant the org already holds is verified at once;
// a new tenant, or one another org holds, is claimed only after its admin signs in to prove control.
import type { MemberRepository } from '../domain/member-repository.js';
import { canGrantTenantConsent } from '../domain/membership.js';
import type { OrgRepository } from '../domain/org-repository.js';
import type { Member, Organization, TenantConnection } from '../domain/types.js';
import type { Caller } from '../http/auth/caller.js';
import { AppError } from '../http/errors.js';
import type { Store } from '../store/index.js';
import { adminSignInUrl, redeemAdminSignIn, type AdminSignInOptions } from './admin-sign-in.js';
import type { ConnectionService } from './connection-service.js';
import type { ConsentMode, ConsentState, ConsentStates } from './consent-state.js';

export interface ConsentFlowOptions {
  states: ConsentStates;
  store: Store;
  orgs: OrgRepository;
  members: MemberRepository;
  service: ConnectionService;
  /** Quorum's own token verification, for the token the admin's sign-in yields. */
  verifyUserToken(token: string): Promise<Caller>;
  signIn: AdminSignInOptions;
  /** Activation links live this long (24 h). */
  linkTtlMs?: number;
  /** The admin's sign-in after consent must finish within this (15 min). */
  confirmTtlMs?: number;
}

/** What the callback page shows, or where the browser goes next. */
export type ConsentOutcome =
  | { kind: 'redirect'; url: string }
  | { kind: 'done'; mode: ConsentMode; connection: Readonly<TenantConnection>; settled: boolean }
  | { kind: 'failed'; mode: ConsentMode; error: AppError };

/** Query values of the callback; anything not a single string counts as absent. */
export type CallbackQuery = Readonly<Record<string, unknown>>;

const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;

function param(query: CallbackQuery, name: string): string | undefined {
  const value = query[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Entra's `error_description` is several lines (trace ids, timestamp); the first one says it. */
function entraMessage(query: CallbackQuery): string {
  const error = param(query, 'error') ?? 'error';
  const first = (param(query, 'error_description') ?? '').split(/\r?\n/)[0]?.trim() ?? '';
  return `Microsoft answered ${error}${first ? `: ${first.slice(0, 300)}` : '.'}`;
}

export class ConsentFlow {
  readonly #linkTtl: number;
  readonly #confirmTtl: number;

  constructor(private readonly o: ConsentFlowOptions) {
    this.#linkTtl = o.linkTtlMs ?? DAY_MS;
    this.#confirmTtl = o.confirmTtlMs ?? 15 * 60_000;
  }

  /** `{authorityHost}/organizations/v2.0/adminconsent?…` with a fresh state bound to the member's org. */
  async createLink(
    org: Readonly<Organization>,
    member: Member,
    mode: ConsentMode,
  ): Promise<{ url: string; expiresAt: string }> {
    const { token, state } = await this.o.states.sign(
      { kind: 'consent', orgId: org.id, memberId: member.id, mode },
      this.#linkTtl,
    );
    const { authorityHost, clientId, redirectUri } = this.o.signIn;
    const url = new URL(`${authorityHost}/organizations/v2.0/adminconsent`);
    url.search = new URLSearchParams({
      client_id: clientId,
      scope: GRAPH_DEFAULT_SCOPE,
      redirect_uri: redirectUri,
      state: token,
    }).toString();
    const expiresAt = new Date(state.expiresAt).toISOString();
    await this.o.store.appendAudit(org.id, {
      actor: `member:${member.id}`,
      action: 'consent_link.created',
      target: `org:${org.id}`,
      detail: { mode, expiresAt },
    });
    return { url: url.toString(), expiresAt };
  }

  /** Handles one redirect to `/consent/callback` (the consent answer or the admin's sign-in). */
  async handle(query: CallbackQuery): Promise<ConsentOutcome> {
    const confirming =
      param(query, 'code') !== undefined ||
      (param(query, 'error') !== undefined && param(query, 'admin_consent') === undefined);
    let mode: ConsentMode = 'page';
    try {
      if (!param(query, 'state')) throw new AppError('ERR_CONSENT_CALLBACK_INVALID');
      const state = await this.o.states.verify(
        param(query, 'state'),
        confirming ? 'confirm' : 'consent',
      );
      mode = state.mode;
      const member = await this.boundMember(state);
      if (param(query, 'error')) {
        throw new AppError('ERR_CONSENT_DENIED', { detail: entraMessage(query) });
      }
      return confirming
        ? await this.confirm(state, query)
        : await this.consented(state, member, query);
    } catch (error) {
      if (error instanceof AppError) return { kind: 'failed', mode, error };
      throw error;
    }
  }

  /** The state's org still exists and its member is still one of its admins. */
  private async boundMember(state: ConsentState): Promise<Member> {
    const org = await this.o.orgs.get(state.orgId);
    const member = org ? await this.o.members.get(state.orgId, state.memberId) : undefined;
    if (!member || (member.role !== 'admin' && member.role !== 'owner')) {
      throw new AppError('ERR_CONSENT_STATE_ORG_MISMATCH');
    }
    return member;
  }

  private async consented(
    state: ConsentState,
    member: Member,
    query: CallbackQuery,
  ): Promise<ConsentOutcome> {
    const tenant = param(query, 'tenant');
    if (param(query, 'admin_consent')?.toLowerCase() !== 'true' || !tenant || !GUID.test(tenant)) {
      throw new AppError('ERR_CONSENT_CALLBACK_INVALID');
    }
    await this.o.states.consume(state);
    const tenantId = tenant.toLowerCase();
    const holder = await this.o.store.findOrgByTenant(tenantId);
    if (holder === state.orgId) {
      // Already this org's tenant: a forged `tenant` could only name it, and the probe checks consent.
      const { connection, settled } = await this.o.service.claimTenant({
        orgId: state.orgId,
        tenantId,
        actor: { id: `member:${member.id}` },
        proven: false,
        via: 'activation_link',
        mailbox: member.tenantId === tenantId ? member.objectId : undefined,
      });
      return { kind: 'done', mode: state.mode, connection, settled };
    }
    const confirm = await this.o.states.sign(
      { kind: 'confirm', orgId: state.orgId, memberId: state.memberId, mode: state.mode, tenantId },
      this.#confirmTtl,
    );
    const { challenge } = await this.o.states.pkce(confirm.state);
    return {
      kind: 'redirect',
      url: adminSignInUrl(this.o.signIn, {
        tenantId,
        state: confirm.token,
        codeChallenge: challenge,
      }),
    };
  }

  private async confirm(state: ConsentState, query: CallbackQuery): Promise<ConsentOutcome> {
    const code = param(query, 'code');
    const tenantId = state.tenantId;
    if (!code || !tenantId) throw new AppError('ERR_CONSENT_CALLBACK_INVALID');
    await this.o.states.consume(state);
    const { verifier } = await this.o.states.pkce(state);
    const token = await redeemAdminSignIn(this.o.signIn, {
      tenantId,
      code,
      codeVerifier: verifier,
    });
    let admin: Caller;
    try {
      admin = await this.o.verifyUserToken(token);
    } catch (error) {
      throw new AppError('ERR_CONSENT_SIGN_IN_FAILED', {
        detail: 'The token from the sign-in did not verify.',
        cause: error,
      });
    }
    if (admin.tenantId.toLowerCase() !== tenantId) {
      throw new AppError('ERR_CONSENT_TENANT_MISMATCH');
    }
    if (!canGrantTenantConsent(admin)) throw new AppError('ERR_CONSENT_NOT_TENANT_ADMIN');
    const { connection, settled } = await this.o.service.claimTenant({
      orgId: state.orgId,
      tenantId,
      actor: { id: `tenant-admin:${tenantId}/${admin.objectId.toLowerCase()}` },
      proven: true,
      via: 'activation_link',
      mailbox: admin.objectId,
    });
    return { kind: 'done', mode: state.mode, connection, settled };
  }
}
