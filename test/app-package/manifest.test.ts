import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillManifestPlaceholders } from '../../scripts/app-package.js';
import {
  bundledTeamsSchemaPath,
  envValues,
  localManifest,
  placeholdersIn,
  readRepoFile,
  schemaErrors,
  teamsManifestValidator,
} from './support.js';

interface Icon {
  size: number;
  url: string;
}
interface Control {
  id: string;
  label: string;
  icons: Icon[];
  actionId: string;
}
interface Extension {
  requirements: { scopes: string[]; capabilities: { name: string; minVersion: string }[] };
  runtimes: { id: string; code: { page: string }; actions: { id: string; type: string }[] }[];
  ribbons: { contexts: string[]; tabs: { groups: { icons: Icon[]; controls: Control[] }[] }[] }[];
  alternates: { hide: { customOfficeAddin: { officeAddinId: string } } }[];
}
interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  accentColor: string;
  staticTabs: { entityId: string; contentUrl?: string; websiteUrl?: string; scopes: string[] }[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  extensions: Extension[];
}

const local = envValues('local');
const manifest = localManifest() as unknown as Manifest;
const extension = manifest.extensions[0]!;

/** Every string in the manifest that looks like a web address. */
function urlsIn(value: unknown): string[] {
  if (typeof value === 'string') return /^https?:\/\//i.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urlsIn);
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .filter(([key]) => key !== '$schema')
      .flatMap(([, v]) => urlsIn(v));
  }
  return [];
}

describe('the unified manifest (appPackage/manifest.json)', () => {
  it('validates against the v1.30 schema bundled in @microsoft/app-manifest, filled from env/.env.local', () => {
    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json',
    );
    expect(manifest.manifestVersion).toBe('1.30');
    expect(schemaErrors(teamsManifestValidator(), manifest)).toEqual([]);
  });

  it("passes Microsoft's own validator too, given the bundled schema so nothing is fetched", async () => {
    const { AppManifestUtils } = await import('@microsoft/app-manifest');
    const schema = JSON.parse(readFileSync(bundledTeamsSchemaPath(), 'utf8')) as never;
    expect(await AppManifestUtils.validateAgainstSchema(manifest as never, schema)).toEqual([]);
  });

  it('is judged by a schema that does reject a bad manifest (unfilled ids, a wrong context)', () => {
    const raw = JSON.parse(readRepoFile('appPackage/manifest.json')) as Manifest;
    const errors = schemaErrors(teamsManifestValidator(), raw).join('\n');
    expect(errors).toContain('/id');
    expect(errors).toContain('/webApplicationInfo/id');
    const wrong = structuredClone(manifest);
    wrong.extensions[0]!.ribbons[0]!.contexts = ['appointmentOrganizer'];
    expect(schemaErrors(teamsManifestValidator(), wrong).join('\n')).toContain('/contexts/0');
  });

  it('uses only placeholders that env/.env.local and env/.env.dev both define', () => {
    const used = placeholdersIn(readRepoFile('appPackage/manifest.json'));
    const dev = envValues('dev');
    expect(used.filter((name) => !(name in local))).toEqual([]);
    expect(used.filter((name) => !(name in dev))).toEqual([]);
  });

  it('has a personal Quorum tab at /tab', () => {
    const tab = manifest.staticTabs.find((t) => t.entityId === 'quorum');
    expect(tab).toMatchObject({
      contentUrl: `${local.TAB_ENDPOINT}/tab`,
      websiteUrl: `${local.TAB_ENDPOINT}/tab`,
      scopes: ['personal'],
    });
  });

  it('asks for SSO tokens for api://<tab domain>/<client id>, as aad.manifest.json exposes it', () => {
    expect(manifest.webApplicationInfo).toEqual({
      id: local.AAD_APP_CLIENT_ID,
      resource: `api://${local.TAB_DOMAIN}/${local.AAD_APP_CLIENT_ID}`,
    });
    const aad = JSON.parse(readRepoFile('appPackage/aad.manifest.json')) as {
      identifierUris: string[];
    };
    const identifierUris = aad.identifierUris.map((uri) => fillManifestPlaceholders(uri, local));
    expect(identifierUris).toContain(manifest.webApplicationInfo.resource);
  });

  it('serves every URL over HTTPS from Quorum, whose domain is a valid domain', () => {
    const origin = new URL(local.TAB_ENDPOINT!).origin;
    const urls = urlsIn(manifest);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(new URL(url).origin, url).toBe(origin);
    expect(manifest.validDomains).toEqual([new URL(origin).host]);
  });

  it('opens the task pane at /taskpane from a button on the appointment organizer ribbon', () => {
    expect(extension.requirements.scopes).toEqual(['mail']);
    const mailbox = extension.requirements.capabilities.find((c) => c.name === 'Mailbox');
    // enhancedLocation, which books the room, needs Mailbox 1.8.
    expect(mailbox?.minVersion).toBe('1.8');
    const ribbon = extension.ribbons[0]!;
    expect(ribbon.contexts).toEqual(['meetingDetailsOrganizer']);
    const control = ribbon.tabs[0]!.groups[0]!.controls[0]!;
    const runtime = extension.runtimes.find((r) =>
      r.actions.some((a) => a.id === control.actionId),
    );
    expect(runtime?.code.page).toBe(`${local.TAB_ENDPOINT}/taskpane`);
    expect(runtime?.actions.find((a) => a.id === control.actionId)?.type).toBe('openPage');
    expect(control.icons.map((i) => i.size).sort((a, b) => a - b)).toEqual([16, 32, 80]);
  });

  it('hides the XML add-in by its Id where the unified add-in runs', () => {
    const hidden = extension.alternates.map((a) => a.hide.customOfficeAddin.officeAddinId);
    expect(hidden).toEqual([local.OUTLOOK_XML_ADDIN_ID]);
    expect(readRepoFile('manifest/quorum-outlook.xml')).toContain(
      '<Id>${{OUTLOOK_XML_ADDIN_ID}}</Id>',
    );
  });

  it('has an accent colour equal to the colour icon background', async () => {
    const { ACCENT } = await import('../../scripts/icon-glyph.js');
    expect(manifest.accentColor).toBe(ACCENT);
  });
});
