// `/{tenant}/v2.0/adminconsent` and the legacy `/{tenant}/adminconsent`: a consent page listing the
// app's permissions and a picker of the tenant's people; only a Global Administrator or Privileged
// Role Administrator may approve, which creates the service principal with the requested app roles.
import express, { Router, type Request, type Response } from 'express';
import type { EmulatorContext } from '../context.js';
import { AadstsError } from './aadsts.js';
import { Aadsts } from './errors.js';
import { deliver, errorPage, frontChannelDescription } from './front-channel.js';
import { esc, hiddenFields, sendPage } from './html.js';
import { matchRedirectUri } from './redirect-uri.js';
import { parseScopes, splitScopes } from './scopes.js';
import {
  accountFieldHtml,
  findSignInUser,
  signInGroups,
  userOptionsHtml,
  type SignInGroup,
} from './sign-in-users.js';
import { resolveTenantPath, type TenantPath } from './tenant-path.js';
import { DirectoryRoles, type AppRegistration, type Tenant, type User } from '../world/types.js';

/** The roles that can consent to application permissions for a whole tenant (DESIGN §1). */
const CONSENTING_ROLES: readonly string[] = [
  DirectoryRoles.globalAdministrator,
  DirectoryRoles.privilegedRoleAdministrator,
];

interface ConsentParams {
  client_id?: string;
  redirect_uri?: string;
  scope?: string;
  state?: string;
  login_user?: string;
  login_upn?: string;
  decision?: string;
}

function readParams(req: Request): ConsentParams {
  const source = {
    ...(req.query as Record<string, unknown>),
    ...((req.body ?? {}) as Record<string, unknown>),
  };
  const out: Record<string, string> = {};
  for (const key of [
    'client_id',
    'redirect_uri',
    'scope',
    'state',
    'login_user',
    'login_upn',
    'decision',
  ]) {
    const v = source[key];
    if (typeof v === 'string' && v.length > 0) out[key] = v;
  }
  return out;
}

function consentPage(
  res: Response,
  args: {
    action: string;
    p: ConsentParams;
    app: AppRegistration;
    publisher: Tenant | undefined;
    groups: SignInGroup[];
    redirectUri: string;
    problem?: string;
  },
): void {
  const { app, p } = args;
  const roles = app.requiredAppRoles.map((r) => `<li>${esc(r)} <small>(application)</small></li>`);
  const delegated = (app.delegatedGraphScopes ?? []).map(
    (s) => `<li>${esc(s)} <small>(delegated)</small></li>`,
  );
  sendPage(
    res,
    'Permissions requested',
    `<div class="brand">Microsoft (emulated)</div>
<h1>Permissions requested</h1>
<p><strong>${esc(app.displayName)}</strong><br>
<small>Published by ${esc(args.publisher?.displayName ?? 'an unknown organization')} (${esc(app.homeTenantId)})</small></p>
${args.problem ? `<div class="error" role="alert"><p>${esc(args.problem)}</p></div>` : ''}
<p>This app would like to, for your entire organization:</p>
<ul>${[...roles, ...delegated].join('\n')}</ul>
<form method="post" action="${esc(args.action)}">
${hiddenFields({ client_id: p.client_id, redirect_uri: p.redirect_uri, scope: p.scope, state: p.state })}
<label for="login_user">Signed in as</label>
<select id="login_user" name="login_user" required>
${userOptionsHtml(args.groups, p.login_user, esc)}
</select>
${accountFieldHtml(args.groups)}
<p>Accepting grants these permissions to the app for every user in the organization.</p>
<div class="actions">
<button type="submit" name="decision" value="cancel">Cancel</button>
<button type="submit" name="decision" value="approve" class="primary">Accept</button>
</div>
</form>`,
    { formTargets: [args.redirectUri] },
  );
}

function holdsConsentRole(user: User): boolean {
  return user.directoryRoles.some((r) => CONSENTING_ROLES.includes(r));
}

async function adminConsent(
  ctx: EmulatorContext,
  req: Request,
  res: Response,
  legacy: boolean,
): Promise<void> {
  const now = ctx.now();
  const p = readParams(req);
  let path: TenantPath;
  let app: AppRegistration;
  try {
    path = resolveTenantPath(ctx, String(req.params.tenant));
    // [U] code: the v2 endpoint refuses `common` (documented "do not use"); the legacy one accepts it.
    if (!legacy && path.kind === 'common') {
      throw new AadstsError(
        400,
        'invalid_request',
        90130,
        'Application is not supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.',
      );
    }
    if (!p.client_id) throw Aadsts.missingParameter('client_id');
    const found = ctx.world.findApp(p.client_id);
    const tenantName = path.kind === 'tenant' ? path.tenant.displayName : 'Microsoft';
    if (!found) throw Aadsts.appNotFound(p.client_id, tenantName);
    app = found;
    if (!p.redirect_uri) throw Aadsts.missingParameter('redirect_uri');
    if (!matchRedirectUri(app, p.redirect_uri))
      throw Aadsts.redirectUriMismatch(p.redirect_uri, app.appId);
  } catch (err) {
    if (!(err instanceof AadstsError)) throw err;
    errorPage(res, err, now);
    return;
  }
  const redirectUri = p.redirect_uri;
  const fail = (error: string, err: AadstsError, extra: Record<string, string> = {}) =>
    deliver(res, redirectUri, 'query', {
      ...(legacy ? {} : { admin_consent: 'True' }),
      error,
      error_description: frontChannelDescription(err, now),
      ...extra,
      state: p.state,
    });

  if (!legacy) {
    if (!p.scope) return fail('invalid_request', Aadsts.missingParameter('scope'));
    try {
      parseScopes(ctx.world, p.scope);
    } catch (err) {
      if (err instanceof AadstsError) return fail(err.error, err);
      throw err;
    }
    // Application permissions can only be requested statically, through `/.default`.
    if (!splitScopes(p.scope).some((s) => s.endsWith('/.default'))) {
      return fail('invalid_request', Aadsts.invalidScope(p.scope));
    }
  }
  const groups = signInGroups(ctx, path, app);
  if (app.disabled)
    return fail('unauthorized_client', Aadsts.appDisabled(app.appId, app.displayName));

  if (req.method === 'POST' && p.decision === 'cancel') {
    if (legacy) {
      // The legacy endpoint's documented failure (graph-facts §1.1).
      deliver(res, redirectUri, 'query', {
        error: 'permission_denied',
        error_description: 'The admin canceled the request',
        state: p.state,
      });
      return;
    }
    // The docs' example shows `consent_required` with "The resource owner or authorization server
    // denied the request."; a real cancel answers `access_denied` + subcode `cancel` (as here).
    return fail(
      'access_denied',
      new AadstsError(400, 'access_denied', 65004, 'User declined to consent to access the app.'),
      { error_subcode: 'cancel' },
    );
  }
  const chosen =
    req.method === 'POST' ? findSignInUser(groups, p.login_upn ?? p.login_user) : undefined;
  if (!chosen || p.decision !== 'approve') {
    consentPage(res, {
      action: req.baseUrl + req.path,
      p,
      app,
      publisher: ctx.world.findTenant(app.homeTenantId),
      groups,
      redirectUri,
      problem: req.method === 'POST' && !chosen ? 'Pick the account to sign in with.' : undefined,
    });
    return;
  }
  // [U] Microsoft shows non-admins a "Need admin approval" page; the emulator redirects instead,
  // so the client sees a machine-readable refusal: access_denied + AADSTS90094.
  if (!holdsConsentRole(chosen.user)) {
    return fail(
      'access_denied',
      new AadstsError(
        400,
        'access_denied',
        90094,
        `The grant requires admin permission. ${chosen.user.userPrincipalName} is not a Global Administrator or Privileged Role Administrator of ${chosen.tenant.displayName}.`,
      ),
    );
  }
  if (app.signInAudience === 'AzureADMyOrg' && chosen.tenant.id !== app.homeTenantId) {
    return fail('unauthorized_client', Aadsts.appNotFound(app.appId, chosen.tenant.displayName));
  }
  // Static consent (`/.default`) grants every application permission the app requires.
  ctx.world.grantAdminConsent(chosen.tenant, app, app.requiredAppRoles);
  deliver(res, redirectUri, 'query', {
    admin_consent: 'True',
    tenant: chosen.tenant.id,
    ...(legacy ? {} : { scope: p.scope }),
    state: p.state,
  });
}

/** Admin consent routes (v2 and legacy). */
export function createAdminConsentRouter(ctx: EmulatorContext): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  const v2 = (req: Request, res: Response) => adminConsent(ctx, req, res, false);
  const legacy = (req: Request, res: Response) => adminConsent(ctx, req, res, true);
  router.get('/:tenant/v2.0/adminconsent', v2);
  router.post('/:tenant/v2.0/adminconsent', form, v2);
  router.get('/:tenant/adminconsent', legacy);
  router.post('/:tenant/adminconsent', form, legacy);
  return router;
}
