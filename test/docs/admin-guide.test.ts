import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs');
const guide = readFileSync(path.join(docs, 'admin-guide.md'), 'utf8');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  return new Set(
    [...markdown.matchAll(/^#+ (.+)$/gm)].map((m) =>
      m[1]!
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
}

describe('docs/admin-guide.md', () => {
  it('links only to headings and files that exist', () => {
    const links = [...guide.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(5);
    for (const link of links.filter((l) => !/^https?:/.test(l))) {
      const [file, anchor] = link.split('#');
      const target = file ? path.resolve(docs, file) : path.join(docs, 'admin-guide.md');
      expect(existsSync(target), link).toBe(true);
      if (anchor) expect(anchorsOf(readFileSync(target, 'utf8')).has(anchor), link).toBe(true);
    }
  });

  it.each([
    ['the Teams admin center consent', 'Review permissions and consent'],
    ['the setup policy that installs', 'Installed apps'],
    ['the setup policy that pins', 'Pinned apps'],
    ['the add-in deployment', 'Integrated apps'],
    ['the RBAC management scope', 'New-ManagementScope'],
    ['the RBAC service principal', 'New-ServicePrincipal'],
    ['the scoped calendar role', '"Application Calendars.ReadWrite"'],
    ['the scoped settings role', '"Application MailboxSettings.Read"'],
    ['the RBAC check', 'Test-ServicePrincipalAuthorization'],
    ['why Entra grants defeat the scope', 'Why the Entra grants must go'],
  ])('covers %s', (_, text) => {
    expect(guide).toContain(text);
  });

  it('names every application permission that appPackage/aad.manifest.json requests', () => {
    const aad = JSON.parse(
      readFileSync(path.join(docs, '../appPackage/aad.manifest.json'), 'utf8'),
    ) as { requiredResourceAccess: { resourceAccess: { id: string; type: string }[] }[] };
    const roles = aad.requiredResourceAccess
      .flatMap((r) => r.resourceAccess)
      .filter((a) => a.type === 'Role')
      .map((a) => a.id);
    expect(roles.length).toBeGreaterThan(0);
    for (const role of roles) expect(guide, role).toContain(`\`${role}\``);
  });
});
