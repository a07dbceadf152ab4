// `GET|POST /{tenant}/oauth2/v2.0/authorize`: authorization code + PKCE with an HTML user picker.
// Picking a user is the sign-in and the consent; the code is one-time and lives 10 minutes.
import { randomBytes } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import type { EmulatorContext } from '../context.js';
import { AadstsError } from './aadsts.js';
import { clientInfo } from './access-tokens.js';
import { Aadsts } from './errors.js';
import { deliver, errorPage, frontChannelDescription } from './front-channel.js';
import { esc, hiddenFields, sendPage } from './html.js';
import { matchRedirectUri, type ResponseMode } from './redirect-uri.js';
import { parseScopes, type ScopeRequest } from './scopes.js';
import {
  accountFieldHtml,
  findSignInUser,
  signInGroups,
  userOptionsHtml,
  type SignInGroup,
} from './sign-in-users.js';
import { entraState } from './state.js';
import { resolveTenantPath, type TenantPath } from './tenant-path.js';

const CODE_LIFETIME_MS = 10 * 60_000;
const PARAMS = [
  'client_id',
  'response_type',
  'redirect_uri',
  'scope',
  'response_mode',
  'state',
  'nonce',
  'prompt',
  'login_hint',
  'domain_hint',
  'code_challenge',
  'code_challenge_method',
  'client_info',
] as const;
type Params = Partial<Record<(typeof PARAMS)[number], string>>;

function readParams(
  req: Request,
): Params & { login_user?: string; login_upn?: string; decision?: string } {
  const source = {
    ...(req.query as Record<string, unknown>),
    ...((req.body ?? {}) as Record<string, unknown>),
  };
  const out: Record<string, string> = {};
  for (const key of [...PARAMS, 'login_user', 'login_upn', 'decision']) {
    const v = source[key];
    if (typeof v === 'string' && v.length > 0) out[key] = v;
  }
  return out;
}

/** An error to send back to the (trusted) redirect URI. */
class RedirectError extends Error {
  constructor(
    readonly error: string,
    readonly aadsts: AadstsError,
    readonly subcode?: string,
  ) {
    super(aadsts.message);
  }
}

function redirectError(err: AadstsError, error = err.error, subcode?: string): RedirectError {
  return new RedirectError(error, err, subcode);
}

function pickerPage(
  res: Response,
  action: string,
  p: Params,
  groups: SignInGroup[],
  appName: string,
  preselected: string | undefined,
  redirectUri: string,
): void {
  const carried: Record<string, string | undefined> = {};
  for (const key of PARAMS) carried[key] = p[key];
  sendPage(
    res,
    'Sign in to your account',
    `<div class="brand">Microsoft (emulated)</div>
<h1>Pick an account</h1>
<p>to continue to <strong>${esc(appName)}</strong></p>
<form method="post" action="${esc(action)}">
${hiddenFields(carried)}
<label for="login_user">Account</label>
<select id="login_user" name="login_user" required>
${userOptionsHtml(groups, preselected, esc)}
</select>
${accountFieldHtml(groups)}
<div class="actions">
<button type="submit" name="decision" value="cancel">Cancel</button>
<button type="submit" name="decision" value="signin" class="primary">Sign in</button>
</div>
</form>`,
    { formTargets: [redirectUri] },
  );
}

function validateBeforeRedirect(ctx: EmulatorContext, path: TenantPath, p: Params) {
  if (!p.client_id) throw Aadsts.missingParameter('client_id');
  const app = ctx.world.findApp(p.client_id);
  const tenantName = path.kind === 'tenant' ? path.tenant.displayName : 'Microsoft';
  if (!app) throw Aadsts.appNotFound(p.client_id, tenantName);
  if (!p.redirect_uri) throw Aadsts.missingParameter('redirect_uri');
  const matched = matchRedirectUri(app, p.redirect_uri);
  if (!matched) throw Aadsts.redirectUriMismatch(p.redirect_uri, app.appId);
  return { app, matched };
}

function validateAfterRedirect(
  ctx: EmulatorContext,
  path: TenantPath,
  p: Params,
  app: NonNullable<ReturnType<typeof ctx.world.findApp>>,
  spa: boolean,
): { scopes: ScopeRequest; groups: SignInGroup[] } {
  if (p.response_type !== 'code') {
    throw redirectError(
      new AadstsError(
        400,
        'unsupported_response_type',
        700054,
        `response_type '${p.response_type ?? ''}' is not enabled for the application.`,
      ),
    );
  }
  if (!p.scope) throw redirectError(Aadsts.missingParameter('scope'));
  if (app.disabled) throw redirectError(Aadsts.appDisabled(app.appId, app.displayName));
  if (
    app.signInAudience === 'AzureADMyOrg' &&
    path.kind === 'tenant' &&
    path.tenant.id !== app.homeTenantId
  ) {
    throw redirectError(Aadsts.appNotFound(app.appId, path.tenant.displayName));
  }
  let scopes: ScopeRequest;
  try {
    scopes = parseScopes(ctx.world, p.scope);
  } catch (err) {
    if (err instanceof AadstsError) throw redirectError(err);
    throw err;
  }
  if (scopes.resource.kind === 'app') {
    const api = scopes.resource.app;
    if (api.appId !== app.appId && !api.preAuthorizedClientIds.includes(app.appId)) {
      throw redirectError(Aadsts.consentRequired(app.appId, app.displayName), 'consent_required');
    }
  }
  const method = p.code_challenge_method ?? (p.code_challenge ? 'plain' : undefined);
  if (method !== undefined && method !== 'S256' && method !== 'plain') {
    throw redirectError(
      new AadstsError(
        400,
        'invalid_request',
        50149,
        `The code_challenge_method '${method}' is not supported.`,
      ),
    );
  }
  // SPA redirects may only redeem codes cross-origin, which Entra allows only with PKCE S256.
  if (spa && (!p.code_challenge || method !== 'S256')) {
    throw redirectError(
      new AadstsError(
        400,
        'invalid_request',
        9002325,
        'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
      ),
    );
  }
  return { scopes, groups: signInGroups(ctx, path, app) };
}

async function authorize(ctx: EmulatorContext, req: Request, res: Response): Promise<void> {
  const now = ctx.now();
  const p = readParams(req);
  let path: TenantPath;
  let checked: ReturnType<typeof validateBeforeRedirect>;
  try {
    path = resolveTenantPath(ctx, String(req.params.tenant));
    checked = validateBeforeRedirect(ctx, path, p);
  } catch (err) {
    if (!(err instanceof AadstsError)) throw err;
    errorPage(res, err, now);
    return;
  }
  const { app, matched } = checked;
  const redirectUri = p.redirect_uri as string;
  const modes = ['query', 'fragment', 'form_post'] as const;
  const mode: ResponseMode = modes.find((m) => m === p.response_mode) ?? 'query';
  const fail = (err: AadstsError, error = err.error, subcode?: string) =>
    deliver(res, redirectUri, mode, {
      error,
      error_description: frontChannelDescription(err, now),
      error_subcode: subcode,
      state: p.state,
    });

  let scopes: ScopeRequest;
  let groups: SignInGroup[];
  try {
    ({ scopes, groups } = validateAfterRedirect(ctx, path, p, app, matched.spa));
  } catch (err) {
    if (!(err instanceof RedirectError)) throw err;
    fail(err.aadsts, err.error, err.subcode);
    return;
  }

  if (req.method === 'POST' && p.decision === 'cancel') {
    fail(
      new AadstsError(400, 'access_denied', 65004, 'User declined to consent to access the app.'),
      'access_denied',
      'cancel',
    );
    return;
  }
  let chosen =
    req.method === 'POST' ? findSignInUser(groups, p.login_upn ?? p.login_user) : undefined;
  // [U] There is no browser session here: `prompt=none` succeeds only when login_hint names a user.
  if (!chosen && p.prompt === 'none') {
    chosen = findSignInUser(groups, p.login_hint);
    if (!chosen) {
      fail(
        new AadstsError(
          400,
          'login_required',
          50058,
          'A silent sign-in request was sent but no user is signed in.',
        ),
      );
      return;
    }
  }
  if (!chosen) {
    const hinted = findSignInUser(groups, p.login_hint);
    const preselected = hinted ? `${hinted.tenant.id}/${hinted.user.id}` : undefined;
    pickerPage(res, req.baseUrl + req.path, p, groups, app.displayName, preselected, redirectUri);
    return;
  }

  // Picking a user is the consent: for Graph scopes it creates the app's service principal there.
  if (scopes.resource.kind === 'graph') ctx.world.grantUserConsent(chosen.tenant, app);
  const code = randomBytes(64).toString('base64url');
  const method = p.code_challenge
    ? ((p.code_challenge_method ?? 'plain') as 'S256' | 'plain')
    : undefined;
  entraState(ctx).codes.set(code, {
    clientId: app.appId,
    redirectUri,
    spa: matched.spa,
    codeChallenge: p.code_challenge,
    codeChallengeMethod: method,
    scopes,
    tenantId: chosen.tenant.id,
    userId: chosen.user.id,
    nonce: p.nonce,
    expiresAt: now + CODE_LIFETIME_MS,
    redeemed: false,
  });
  deliver(res, redirectUri, mode, {
    code,
    client_info: p.client_info === '1' ? clientInfo(chosen.tenant, chosen.user) : undefined,
    state: p.state,
    session_state: chosen.user.id,
  });
}

/** The authorize endpoint routes. */
export function createAuthorizeRouter(ctx: EmulatorContext): Router {
  const router = Router();
  const handler = (req: Request, res: Response) => authorize(ctx, req, res);
  router.get('/:tenant/oauth2/v2.0/authorize', handler);
  router.post(
    '/:tenant/oauth2/v2.0/authorize',
    express.urlencoded({ extended: false, limit: '64kb' }),
    handler,
  );
  return router;
}
