// `/`, `/privacy` and `/terms`: the pages the app package's websiteUrl, privacyUrl and
// termsOfUseUrl point at.
// Rendered once at startup; public, cacheable, and independent of the Vite build.
import type { RouteModule } from '../app.js';
import { ABOUT_QUORUM } from './about-quorum.js';
import { renderLegalPage, type LegalDocument } from './legal-layout.js';
import { PRIVACY_STATEMENT } from './privacy-statement.js';
import { TERMS_OF_USE } from './terms-of-use.js';

const LEGAL_PAGES: readonly { route: string; label: string; doc: LegalDocument }[] = [
  { route: '/', label: 'About Quorum', doc: ABOUT_QUORUM },
  { route: '/privacy', label: PRIVACY_STATEMENT.title, doc: PRIVACY_STATEMENT },
  { route: '/terms', label: TERMS_OF_USE.title, doc: TERMS_OF_USE },
];

export const legalRoutes: RouteModule = ({ router }) => {
  const siblings = LEGAL_PAGES.map((p) => ({ href: p.route, label: p.label }));
  for (const { route, doc } of LEGAL_PAGES) {
    const page = renderLegalPage(doc, siblings);
    router.get(route, (_req, res) => {
      res.setHeader('Content-Security-Policy', page.csp);
      res.setHeader('Cache-Control', 'public, max-age=3600');
      res.type('html').send(page.html);
    });
  }
};
