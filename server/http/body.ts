// Request bodies: JSON only, bounded in size; everything else is refused before a route sees it.
import express, { type RequestHandler } from 'express';
import { AppError } from './errors.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim();
}

function hasBody(contentLength: string | undefined, transferEncoding: string | undefined): boolean {
  return transferEncoding !== undefined || (contentLength !== undefined && contentLength !== '0');
}

/**
 * Rejects a non-empty body that is not JSON (415 ERR_UNSUPPORTED_MEDIA_TYPE), then parses JSON bodies
 * of at most `maxBytes` (413 ERR_BODY_TOO_LARGE; 400 ERR_BODY_MALFORMED when unparsable or its
 * content encoding is corrupt).
 */
export function jsonBody(maxBytes: number): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    if (!hasBody(req.headers['content-length'], req.headers['transfer-encoding'])) return next();
    const mediaType = mediaTypeOf(req.headers['content-type']);
    if (!JSON_TYPE.test(mediaType)) {
      throw new AppError('ERR_UNSUPPORTED_MEDIA_TYPE', {
        detail: mediaType
          ? `Request bodies must be application/json, not ${mediaType}.`
          : 'Request bodies must be application/json; the Content-Type header is missing.',
      });
    }
    next();
  };
  const parse = express.json({
    limit: maxBytes,
    strict: true,
    type: (req) => JSON_TYPE.test(mediaTypeOf(req.headers['content-type'])),
  });
  // A corrupt gzip/deflate/br body fails inside zlib, and body-parser passes that error on without
  // the `type` the problem edge maps: it is still the body's fault, never a 500.
  const parseOrRefuse: RequestHandler = (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      if (error && !(error as { type?: unknown }).type) {
        next(new AppError('ERR_BODY_MALFORMED', { cause: error }));
        return;
      }
      next(error);
    });
  };
  return [requireJson, parseOrRefuse];
}
