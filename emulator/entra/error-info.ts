// `GET /error?code=N`: the page every `error_uri` points at, naming the AADSTS code.
import { Router } from 'express';
import { esc, sendPage } from './html.js';

export function createErrorInfoRouter(): Router {
  const router = Router();
  router.get('/error', (req, res) => {
    const code = typeof req.query.code === 'string' ? req.query.code.replace(/\D/g, '') : '';
    sendPage(
      res,
      'Error code lookup',
      `<div class="brand">Microsoft (emulated)</div><h1>AADSTS${esc(code)}</h1>
<p>See <code>https://learn.microsoft.com/entra/identity-platform/reference-error-codes</code> for AADSTS${esc(code)}.</p>`,
    );
  });
  return router;
}
