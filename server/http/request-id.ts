// Request ids: reuse a sane incoming id (ours or Microsoft's client-request-id), else mint a UUID.
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Sets `res.locals.requestId` and `req.id`, and echoes the id in the `x-request-id` response header. */
export function requestId(generate: () => string = randomUUID): RequestHandler {
  return (req, res, next) => {
    const incoming = [req.get('x-request-id'), req.get('client-request-id')].find(
      (value): value is string => value !== undefined && SANE_ID.test(value),
    );
    const id = incoming ?? generate();
    req.id = id;
    res.locals.requestId = id;
    res.setHeader('x-request-id', id);
    next();
  };
}
