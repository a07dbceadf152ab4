// Security headers for every response: who may frame Quorum (Teams, Outlook, Microsoft 365), no sniffing.
import type { RequestHandler } from 'express';

/** The hosts that embed Quorum's tab and add-in. */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.microsoft365.com',
] as const;

// X-Frame-Options is deliberately absent: it cannot list several hosts, and frame-ancestors supersedes it.
const CSP = [
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/** Sets CSP frame-ancestors, nosniff, a referrer policy and, on HTTPS, HSTS. */
export function securityHeaders(): RequestHandler {
  return (req, res, next) => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin-allow-popups');
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    next();
  };
}
