// The web UI: `/tab`, `/taskpane`, `/demo` and the sign-in pages (built by Vite into dist/addin),
// their hashed assets, and `/app-config.json`. Pages carry their own CSP (server/web/page-csp.ts).
import express from 'express';
import type { RouteModule } from '../../app.js';
import { webAppConfig } from '../../web/app-config.js';
import { pageCsp } from '../../web/page-csp.js';
import { readPage, WEB_PAGES } from '../../web/pages.js';
import { defaultWebRoot } from '../../web/web-root.js';
import { AppError } from '../errors.js';
import { z } from '../zod.js';

const AppConfigSchema = z
  .object({
    clientId: z.string(),
    authority: z.string(),
    knownAuthorities: z.array(z.string()),
    apiScope: z.string(),
    publicUrl: z.string(),
  })
  .openapi('WebAppConfig');

/** Mounts the UI; `webRoot` defaults to `<repo>/dist/addin`. */
export function webRoutes(webRoot: string = defaultWebRoot()): RouteModule {
  return ({ router, api, deps }) => {
    const { config } = deps;
    const authorityOrigin = new URL(config.authorityHost).origin;
    const appConfig = webAppConfig(config);

    api.route({
      method: 'get',
      path: '/app-config.json',
      summary: 'Public sign-in settings for the web UI (client id, authority, API scope)',
      auth: false,
      responses: {
        200: {
          description: 'Settings',
          content: { 'application/json': { schema: AppConfigSchema } },
        },
      },
    });
    router.get('/app-config.json', (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.json(appConfig);
    });

    for (const page of WEB_PAGES) {
      const csp = pageCsp({ authorityOrigin, ...page.csp });
      router.get(page.route, async (_req, res) => {
        // Read per request: small files, and a rebuilt UI shows up without a restart.
        const html = await readPage(webRoot, page);
        if (html === null) {
          throw new AppError('ERR_NOT_FOUND', {
            detail: `The web UI page ${page.file} is not built; run \`npm run build:web\`.`,
          });
        }
        res.setHeader('Content-Security-Policy', csp);
        if (page.openerPolicy) res.setHeader('Cross-Origin-Opener-Policy', page.openerPolicy);
        res.setHeader('Cache-Control', 'no-cache');
        res.type('html').send(html);
      });
    }

    // Hashed file names: cache forever. HTML is only ever served through the routes above.
    router.use(
      '/assets',
      express.static(`${webRoot}/assets`, { index: false, immutable: true, maxAge: '365d' }),
    );
    // Files from addin/public (icons) at the root.
    const publicFiles = express.static(webRoot, { index: false, maxAge: '1h' });
    router.use((req, res, next) => {
      if (req.path.endsWith('.html')) next();
      else publicFiles(req, res, next);
    });
  };
}
