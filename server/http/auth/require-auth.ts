// The one inbound auth middleware: a bearer token in, a verified Caller on res.locals out.
import type { RequestHandler } from 'express';
import { AppError } from '../errors.js';
import type { TokenVerifier } from './token-verifier.js';

const BEARER = /^Bearer +([A-Za-z0-9\-_.~+/]+=*) *$/i;

// RFC 6750 §3.1: no error attribute when the request carried no credentials at all.
const CHALLENGE_MISSING = 'Bearer';
const CHALLENGE_INVALID = 'Bearer error="invalid_token"';

function withChallenge(error: AppError, challenge: string): AppError {
  if (error.status !== 401 || error.headers['WWW-Authenticate']) return error;
  return new AppError(error.code, {
    detail: error.detail,
    cause: error.cause,
    headers: { ...error.headers, 'WWW-Authenticate': challenge },
  });
}

/**
 * Verifies `Authorization: Bearer <token>` and sets `res.locals.caller`. Failures are AppErrors with
 * their ERR_AUTH_* code; 401s carry a `WWW-Authenticate: Bearer` challenge.
 */
export function requireAuth(verifier: TokenVerifier): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    const match = header === undefined ? null : BEARER.exec(header);
    if (!match) {
      const missing = new AppError('ERR_AUTH_TOKEN_MISSING', {
        detail:
          header === undefined
            ? 'Send an Authorization: Bearer <token> header.'
            : 'The Authorization header is not of the form "Bearer <token>".',
      });
      throw withChallenge(missing, header === undefined ? CHALLENGE_MISSING : CHALLENGE_INVALID);
    }
    try {
      res.locals.caller = await verifier.verify(match[1]!);
    } catch (error) {
      if (error instanceof AppError) throw withChallenge(error, CHALLENGE_INVALID);
      throw error;
    }
    next();
  };
}
