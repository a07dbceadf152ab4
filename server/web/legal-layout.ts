// The layout of Quorum's plain pages (privacy statement, terms of use): static HTML in the Quorum
// look (Segoe UI, Teams colours, light and dark), no script, and a CSP that allows exactly its one
// inline style by hash.
import { createHash } from 'node:crypto';
import { FRAME_ANCESTORS } from '../http/security-headers.js';

/** A block of a section: a paragraph, or a bulleted list. */
export type LegalBlock = string | readonly string[];

export interface LegalSection {
  readonly heading: string;
  readonly blocks: readonly LegalBlock[];
}

export interface LegalDocument {
  readonly title: string;
  /** One sentence under the title. */
  readonly lead: string;
  readonly sections: readonly LegalSection[];
}

export interface RenderedLegalPage {
  readonly html: string;
  readonly csp: string;
}

const STYLE = [
  ':root{color-scheme:light dark;--fg:#242424;--muted:#616161;--bg:#f5f5f5;--card:#fff;--brand:#5b5fc7;--line:#e0e0e0}',
  '@media (prefers-color-scheme:dark){:root{--fg:#fff;--muted:#d6d6d6;--bg:#1f1f1f;--card:#292929;--brand:#7f85f5;--line:#3d3d3d}}',
  'body{margin:0;padding:2rem 1rem;font:15px/1.5 "Segoe UI","Segoe UI Web (West European)",system-ui,sans-serif;color:var(--fg);background:var(--bg)}',
  'main{max-width:44rem;margin:0 auto;background:var(--card);border-radius:8px;padding:1.5rem 2rem;box-shadow:0 1px 4px rgba(0,0,0,.14)}',
  'header{border-bottom:1px solid var(--line);margin-bottom:1rem}',
  '.brand{color:var(--brand);font-weight:600;letter-spacing:.02em;margin:0}',
  'h1{font-size:1.6rem;margin:.25rem 0 .5rem}h2{font-size:1.15rem;margin:1.5rem 0 .25rem}',
  '.lead{color:var(--muted)}a{color:var(--brand)}ul{padding-left:1.25rem}li{margin:.2rem 0}',
  'footer{margin-top:2rem;color:var(--muted);font-size:.9em}',
].join('\n');

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** The page's policy: nothing but its own inline style (by hash); framed only by Microsoft 365. */
export const LEGAL_PAGE_CSP = [
  "default-src 'none'",
  `style-src ${STYLE_HASH}`,
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function renderBlock(block: LegalBlock): string {
  if (typeof block === 'string') return `<p>${escapeHtml(block)}</p>`;
  return `<ul>${block.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
}

/** The page for `doc`, with links to its sibling pages in the footer. */
export function renderLegalPage(
  doc: LegalDocument,
  siblings: readonly { href: string; label: string }[],
): RenderedLegalPage {
  const sections = doc.sections
    .map(
      (s) =>
        `<section>\n<h2>${escapeHtml(s.heading)}</h2>\n${s.blocks.map(renderBlock).join('\n')}\n</section>`,
    )
    .join('\n');
  const links = siblings
    .map((s) => `<a href="${escapeHtml(s.href)}">${escapeHtml(s.label)}</a>`)
    .join(' · ');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)} - Quorum</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<p class="brand">Quorum</p>
<h1>${escapeHtml(doc.title)}</h1>
<p class="lead">${escapeHtml(doc.lead)}</p>
</header>
${sections}
<footer>${links}</footer>
</main>
</body>
</html>
`;
  return { html, csp: LEGAL_PAGE_CSP };
}
