// Tenant connection routes (DESIGN §4, J1, J3): the activation link and its consent callback, and
// the lifecycle of connections — list, bring-your-own, verify, enable, disable, rotate, delete —
// for the org's admins. Nothing here ever returns a secret or a private key.
import type { Request, RequestHandler, Response } from 'express';
import type { RouteModule } from '../../app.js';
import { connectionView } from '../../connections/index.js';
import { ShutdownError } from '../../connections/background.js';
import { CONSENT_OPENER_POLICY, renderConsentPage } from '../../connections/consent-page.js';
import { readTeamsScript, TEAMS_SCRIPT_PATH } from '../../connections/teams-script.js';
import type { Actor } from '../../connections/connection-audit.js';
import { directoryRuntime } from '../../directory/runtime.js';
import { systemClock } from '../../microsoft/graph/index.js';
import { membershipOf, requireMembership, requireOrgAdmin } from '../../domain/membership.js';
import type { Services } from '../../services.js';
import { validate } from '../validate.js';
import {
  AlertSchema,
  ConnectionListSchema,
  ConnectionSchema,
  ConsentLinkBody,
  ConsentLinkSchema,
  CreateConnectionBody,
  CredentialBody,
  IdParams,
  SigningSecretSchema,
  VerifyBody,
} from '../../connections/schemas.js';

const ADMIN_ERRORS = ['ERR_ORG_NOT_SET_UP', 'ERR_ROLE_REQUIRED', 'ERR_VALIDATION'] as const;

function actorOf(res: Response): Actor {
  return { id: `member:${membershipOf(res).member.id}` };
}

const wired = new WeakSet<Services>();
const SYNC_AFTER_ENABLE_MS = 2_000;

/**
 * Lets the directory feature follow connections (once per app's services): a disabled connection's
 * members show `connection_disabled` at once, a deleted one's directory snapshot goes, an enabled
 * one syncs and sweeps right away, and `GET /api/org/status` carries the connection alerts.
 */
function wireDirectory(deps: Parameters<RouteModule>[0]['deps'], services: Services): void {
  if (wired.has(services)) return;
  wired.add(services);
  const runtime = directoryRuntime(deps);
  const { hooks } = services.connections.service;
  hooks.disabled.push((c) => runtime.connectionDisabled(c.orgId, c.id));
  hooks.removed.push((c) => runtime.connectionDeleted(c.orgId, c.id));
  const { tasks } = services.connections.service;
  hooks.enabled.push((c) => {
    // A moment later, not at once: the admin whose sign-in connected the tenant is recorded as a
    // member first, so the sync links them instead of racing to provision the same person.
    void tasks
      .run((signal) => systemClock.sleep(SYNC_AFTER_ENABLE_MS, signal))
      .then(() => runtime.syncOrg(c.orgId, { requestedBy: 'system' }))
      .catch((error: unknown) => {
        if (error instanceof ShutdownError) return;
        deps.logger.warn({ err: error, orgId: c.orgId }, 'sync after enabling a connection failed');
      });
    return Promise.resolve();
  });
  runtime.statusExtensions.push(async (orgId, status) => {
    for (const alert of await services.connections.alerts(orgId)) {
      status.alerts.push({
        kind: alert.kind,
        severity: alert.severity,
        message: alert.message,
        connectionId: alert.connectionId,
        at: alert.since,
      });
    }
  });
}

function json(schema: unknown, description: string) {
  return { description, content: { 'application/json': { schema: schema as never } } };
}

export const connectionRoutes: RouteModule = ({ router, api, deps }) => {
  const services = deps.services;
  if (!services) throw new TypeError('the connection routes need AppDeps.services');
  const { connections, config } = { connections: services.connections, config: deps.config };
  wireDirectory(deps, services);
  const service = connections.service;
  const flow = connections.consentFlow((token) => deps.tokenVerifier.verify(token));
  const admin: RequestHandler[] = [requireMembership(services.membership), requireOrgAdmin()];
  const orgIdOf = (res: Response) => membershipOf(res).org.id;
  api.schema('Connection', ConnectionSchema);
  api.schema('ConnectionAlert', AlertSchema);

  const linkInput = validate({ body: ConsentLinkBody });
  api.route({
    method: 'post',
    path: '/api/org/connections/consent-link',
    summary: 'Activation link: the admin-consent URL with a signed, single-use state (24 h)',
    request: { body: { content: { 'application/json': { schema: ConsentLinkBody } } } },
    responses: { 201: json(ConsentLinkSchema, 'The link to send to a tenant admin') },
    errors: [...ADMIN_ERRORS],
  });
  router.post('/api/org/connections/consent-link', ...admin, linkInput, async (_req, res) => {
    const { org, member } = membershipOf(res);
    const link = await flow.createLink(org, member, linkInput.get(res).body.mode);
    res.status(201).json(link);
  });

  api.route({
    method: 'get',
    path: '/consent/callback',
    summary: 'Admin-consent redirect target: checks the state, proves the tenant admin, verifies',
    auth: false,
    responses: {
      200: { description: 'Connected (HTML page; posts the outcome to its opener)' },
      202: { description: 'Consent received; verification still running (HTML page)' },
      302: { description: "To the tenant admin's sign-in that proves control of the tenant" },
    },
    errors: [
      'ERR_CONSENT_CALLBACK_INVALID',
      'ERR_CONSENT_STATE_INVALID',
      'ERR_CONSENT_STATE_EXPIRED',
      'ERR_CONSENT_STATE_REPLAYED',
      'ERR_CONSENT_STATE_ORG_MISMATCH',
      'ERR_CONSENT_DENIED',
      'ERR_CONSENT_NOT_TENANT_ADMIN',
      'ERR_CONSENT_TENANT_MISMATCH',
      'ERR_CONSENT_SIGN_IN_FAILED',
      'ERR_CONNECTION_EXISTS',
    ],
  });
  router.get('/consent/callback', async (req: Request, res: Response) => {
    const outcome = await flow.handle(req.query);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.set(CONSENT_OPENER_POLICY);
    if (outcome.kind === 'redirect') {
      res.redirect(302, outcome.url);
      return;
    }
    const page = renderConsentPage(outcome, {
      openerOrigin: new URL(config.publicUrl).origin,
      appUrl: config.publicUrl,
    });
    res.status(page.status).set(page.headers).send(page.html);
  });

  api.route({
    method: 'get',
    path: TEAMS_SCRIPT_PATH,
    summary: "teams-js for the consent result page in Teams' authentication window",
    auth: false,
    responses: { 200: { description: 'JavaScript (the UMD build of @microsoft/teams-js)' } },
  });
  router.get(TEAMS_SCRIPT_PATH, async (_req: Request, res: Response) => {
    res
      .status(200)
      .type('text/javascript')
      .set({ 'Cache-Control': 'public, max-age=86400', 'X-Content-Type-Options': 'nosniff' })
      .send(await readTeamsScript());
  });

  api.route({
    method: 'get',
    path: '/api/org/connections',
    summary: "The org's tenant connections and their alerts",
    responses: { 200: json(ConnectionListSchema, 'Connections, oldest first, and alerts') },
    errors: ['ERR_ORG_NOT_SET_UP', 'ERR_ROLE_REQUIRED'],
  });
  router.get('/api/org/connections', ...admin, async (_req, res) => {
    const orgId = orgIdOf(res);
    const list = await service.list(orgId);
    res.json({ connections: list.map(connectionView), alerts: await connections.alerts(orgId) });
  });

  const createInput = validate({ body: CreateConnectionBody });
  api.route({
    method: 'post',
    path: '/api/org/connections',
    summary: 'Bring your own app registration (secret, certificate, or a generated key pair)',
    description:
      'Saved disabled and unverified; verify, then enable. With `generateCertificate`, download the public certificate and add it to the app registration.',
    request: { body: { content: { 'application/json': { schema: CreateConnectionBody } } } },
    responses: { 201: json(ConnectionSchema, 'The new connection (disabled)') },
    errors: [
      ...ADMIN_ERRORS,
      'ERR_CONNECTION_EXISTS',
      'ERR_CONNECTION_TENANT_TAKEN',
      'ERR_CONNECTION_CREDENTIAL_INVALID',
    ],
  });
  router.post('/api/org/connections', ...admin, createInput, async (_req, res) => {
    const { body } = createInput.get(res);
    const connection = await service.createByo(orgIdOf(res), actorOf(res), body);
    res.status(201).json(connectionView(connection));
  });

  const idInput = validate({ params: IdParams });
  api.route({
    method: 'get',
    path: '/api/org/connections/:id',
    summary: 'One connection',
    request: { params: IdParams },
    responses: { 200: json(ConnectionSchema, 'The connection') },
    errors: [...ADMIN_ERRORS, 'ERR_CONNECTION_NOT_FOUND'],
  });
  router.get('/api/org/connections/:id', ...admin, idInput, async (_req, res) => {
    res.json(connectionView(await service.get(orgIdOf(res), idInput.get(res).params.id)));
  });

  const verifyInput = validate({ params: IdParams, body: VerifyBody });
  api.route({
    method: 'post',
    path: '/api/org/connections/:id/verify',
    summary: 'Probe the connection now (fresh token, one mailbox’s settings and calendar)',
    request: {
      params: IdParams,
      body: { content: { 'application/json': { schema: VerifyBody } } },
    },
    responses: {
      200: json(ConnectionSchema, 'Checked: `health` says how it went'),
      202: json(ConnectionSchema, 'Still verifying while Microsoft applies consent'),
    },
    errors: [
      ...ADMIN_ERRORS,
      'ERR_CONNECTION_NOT_FOUND',
      'ERR_CONNECTION_EXISTS',
      'ERR_CONNECTION_TENANT_TAKEN',
    ],
  });
  router.post('/api/org/connections/:id/verify', ...admin, verifyInput, async (_req, res) => {
    const { params, body } = verifyInput.get(res);
    const { member } = membershipOf(res);
    const current = await service.get(orgIdOf(res), params.id);
    const own = member.tenantId === current.tenantId ? member.objectId : undefined;
    const { connection, settled } = await service.verify(orgIdOf(res), params.id, actorOf(res), {
      mailbox: body.mailbox ?? current.health.mailbox ?? own,
    });
    res.status(settled ? 200 : 202).json(connectionView(connection));
  });

  for (const [action, summary, errors] of [
    [
      'enable',
      'Verify and turn on (refused when the probe fails)',
      [
        'ERR_CONNECTION_VERIFICATION_FAILED',
        'ERR_CONNECTION_VERIFYING',
        'ERR_CONNECTION_TENANT_TAKEN',
      ],
    ],
    ['disable', "Stop org-managed access now (members' calendar choices are kept)", []],
  ] as const) {
    api.route({
      method: 'post',
      path: `/api/org/connections/:id/${action}`,
      summary,
      request: { params: IdParams },
      responses: { 200: json(ConnectionSchema, 'The connection') },
      errors: [...ADMIN_ERRORS, 'ERR_CONNECTION_NOT_FOUND', ...errors],
    });
    router.post(`/api/org/connections/:id/${action}`, ...admin, idInput, async (_req, res) => {
      const { id } = idInput.get(res).params;
      const connection =
        action === 'enable'
          ? await service.enable(orgIdOf(res), id, actorOf(res))
          : await service.disable(orgIdOf(res), id, actorOf(res));
      res.json(connectionView(connection));
    });
  }

  const rotateInput = validate({ params: IdParams, body: CredentialBody });
  api.route({
    method: 'put',
    path: '/api/org/connections/:id/credential',
    summary:
      'Rotate the secret or certificate (the connection turns off until verified and enabled)',
    request: {
      params: IdParams,
      body: { content: { 'application/json': { schema: CredentialBody } } },
    },
    responses: { 200: json(ConnectionSchema, 'The connection, disabled and unverified') },
    errors: [
      ...ADMIN_ERRORS,
      'ERR_CONNECTION_NOT_FOUND',
      'ERR_CONNECTION_KIND',
      'ERR_CONNECTION_CREDENTIAL_INVALID',
    ],
  });
  router.put('/api/org/connections/:id/credential', ...admin, rotateInput, async (_req, res) => {
    const { params, body } = rotateInput.get(res);
    const connection = await service.rotateCredential(orgIdOf(res), params.id, actorOf(res), body);
    res.json(connectionView(connection));
  });

  api.route({
    method: 'delete',
    path: '/api/org/connections/:id',
    summary: 'Delete the connection and purge the directory data copied from its tenant',
    request: { params: IdParams },
    responses: { 204: { description: 'Deleted' } },
    errors: [...ADMIN_ERRORS, 'ERR_CONNECTION_NOT_FOUND'],
  });
  router.delete('/api/org/connections/:id', ...admin, idInput, async (_req, res) => {
    await service.remove(orgIdOf(res), idInput.get(res).params.id, actorOf(res));
    res.status(204).end();
  });

  api.route({
    method: 'get',
    path: '/api/org/connections/:id/certificate',
    summary: 'The public certificate (PEM) to add to the app registration',
    request: { params: IdParams },
    responses: {
      200: {
        description: 'PEM certificate',
        content: { 'application/x-pem-file': { schema: { type: 'string' } } },
      },
    },
    errors: [...ADMIN_ERRORS, 'ERR_CONNECTION_NOT_FOUND', 'ERR_CONNECTION_KIND'],
  });
  router.get('/api/org/connections/:id/certificate', ...admin, idInput, async (_req, res) => {
    const connection = await service.get(orgIdOf(res), idInput.get(res).params.id);
    const pem = await service.certificatePem(orgIdOf(res), connection.id);
    // attachment() would type a .pem as a CA certificate; set the type after it.
    res.attachment(`quorum-${connection.tenantId}.pem`).type('application/x-pem-file').send(pem);
  });

  api.route({
    method: 'post',
    path: '/api/org/alert-webhook/signing-secret',
    summary: 'A new signing secret for alert webhooks (shown this once)',
    description:
      'Alerts are POSTed with `X-Quorum-Signature: sha256=<hex HMAC-SHA256 of the raw body>` under this secret. Rotating replaces the previous one at once.',
    responses: { 201: json(SigningSecretSchema, 'The secret; store it now') },
    errors: ['ERR_ORG_NOT_SET_UP', 'ERR_ROLE_REQUIRED'],
  });
  router.post('/api/org/alert-webhook/signing-secret', ...admin, async (_req, res) => {
    const orgId = orgIdOf(res);
    const secret = await connections.rotateAlertSigningSecret(orgId);
    await services.store.appendAudit(orgId, {
      actor: actorOf(res).id,
      action: 'alert_webhook.signing_secret_rotated',
      target: `org:${orgId}`,
    });
    res.status(201).json({ secret });
  });
};
