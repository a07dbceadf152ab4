// Connection alerts (DESIGN J3): a connection that broke, and a secret or certificate that expires in
// 30, 14, 7 or 1 days or already has. Pure, so the status route, the tab and the webhook share it.
import { REASONS } from '../domain/reasons.js';
import type { Organization, StatusReason, TenantConnection } from '../domain/types.js';

export type ConnectionAlertKind =
  'connection_broken' | 'credential_expiring' | 'credential_expired';

export interface ConnectionAlert {
  /** Stable per occurrence: the same outage or threshold keeps its id, so it is sent once. */
  id: string;
  kind: ConnectionAlertKind;
  severity: 'warning' | 'critical';
  orgId: string;
  connectionId: string;
  tenantId: string;
  displayName: string;
  /** For `connection_broken`. */
  reason?: StatusReason;
  /** For expiry alerts: the threshold crossed (30, 14, 7 or 1 days), and the expiry itself. */
  thresholdDays?: ExpiryThreshold;
  expiresAt?: string;
  /** Whole days left, rounded down (0 on the last day). */
  daysLeft?: number;
  /** When the condition began (outage start, or the threshold crossing). */
  since: string;
  message: string;
  fix: string | null;
}

export const EXPIRY_THRESHOLDS = [30, 14, 7, 1] as const;
export type ExpiryThreshold = (typeof EXPIRY_THRESHOLDS)[number];

const DAY_MS = 86_400_000;

/** Every alert the org's connections raise at `now`, most severe first. */
export function connectionAlerts(
  org: Pick<Organization, 'id'>,
  connections: readonly Readonly<TenantConnection>[],
  now: Date,
): ConnectionAlert[] {
  const alerts: ConnectionAlert[] = [];
  for (const c of connections) {
    const broken = brokenAlert(org.id, c);
    if (broken) alerts.push(broken);
    const expiry = expiryAlert(org.id, c, now.getTime());
    if (expiry) alerts.push(expiry);
  }
  const rank = (a: ConnectionAlert) => (a.severity === 'critical' ? 0 : 1);
  return alerts.sort((a, b) => rank(a) - rank(b) || a.since.localeCompare(b.since));
}

function brokenAlert(orgId: string, c: Readonly<TenantConnection>): ConnectionAlert | undefined {
  // A connection nobody turned on yet is being set up, not broken.
  if (c.health.state !== 'broken' || !c.enabled) return undefined;
  const reason = c.health.reason ?? 'error';
  const since = c.health.since ?? c.health.checkedAt ?? c.createdAt;
  const info = REASONS[reason];
  return {
    id: `${c.id}:broken:${reason}:${since}`,
    kind: 'connection_broken',
    severity: 'critical',
    orgId,
    connectionId: c.id,
    tenantId: c.tenantId,
    displayName: c.displayName,
    reason,
    since,
    message: `The connection to ${c.displayName} stopped working: ${info.summary}`,
    fix: info.fix,
  };
}

function expiryAlert(
  orgId: string,
  c: Readonly<TenantConnection>,
  now: number,
): ConnectionAlert | undefined {
  const { credential } = c;
  // Quorum's own credential is Quorum's to renew; only an org's app registration is the org's.
  if (credential.kind === 'platform' || !credential.expiresAt) return undefined;
  const expiresAt = Date.parse(credential.expiresAt);
  if (Number.isNaN(expiresAt)) return undefined;
  const what = credential.kind === 'secret' ? 'client secret' : 'certificate';
  const base = {
    orgId,
    connectionId: c.id,
    tenantId: c.tenantId,
    displayName: c.displayName,
    expiresAt: credential.expiresAt,
    fix: `Create a new ${what} for the app registration in Entra ID and rotate it in Quorum.`,
  };
  const left = expiresAt - now;
  if (left <= 0) {
    return {
      ...base,
      id: `${c.id}:expired:${credential.expiresAt}`,
      kind: 'credential_expired',
      severity: 'critical',
      daysLeft: 0,
      since: credential.expiresAt,
      message: `The ${what} of the connection to ${c.displayName} has expired.`,
    };
  }
  const threshold = [...EXPIRY_THRESHOLDS].reverse().find((t) => left <= t * DAY_MS);
  if (threshold === undefined) return undefined;
  const daysLeft = Math.floor(left / DAY_MS);
  return {
    ...base,
    id: `${c.id}:expiring:${threshold}:${credential.expiresAt}`,
    kind: 'credential_expiring',
    severity: threshold === 1 ? 'critical' : 'warning',
    thresholdDays: threshold,
    daysLeft,
    since: new Date(expiresAt - threshold * DAY_MS).toISOString(),
    message: `The ${what} of the connection to ${c.displayName} expires in ${
      daysLeft === 0 ? 'less than a day' : `${daysLeft} day${daysLeft === 1 ? '' : 's'}`
    }.`,
  };
}
