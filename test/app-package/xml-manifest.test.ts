// The XML add-in manifest cannot be schema-validated offline (office-addin-manifest validate posts it
// to a Microsoft service), so it is parsed here and held to the rules Outlook applies.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { describe, expect, it } from 'vitest';
import { fillXmlPlaceholders } from '../../scripts/generate-outlook-manifest.js';
import { envValues, localManifest, readRepoFile } from './support.js';

type Node = Record<string, unknown>;

const local = envValues('local');
const xml = fillXmlPlaceholders(readRepoFile('manifest/quorum-outlook.xml'), local);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) =>
    [
      'Rule',
      'Set',
      'bt:Set',
      'bt:Image',
      'bt:Url',
      'bt:String',
      'Control',
      'Group',
      'Scope',
    ].includes(name),
});
const app = (parser.parse(xml) as { OfficeApp: Node }).OfficeApp;

function at(node: unknown, ...keys: string[]): Node {
  let current = node;
  for (const key of keys) {
    const next = (current as Node | undefined)?.[key];
    if (next === undefined) throw new Error(`missing <${keys.join('>/<')}> (at ${key})`);
    current = Array.isArray(next) ? next[0] : next;
  }
  return current as Node;
}

const v11 = at(app, 'VersionOverrides', 'VersionOverrides');
const resources = at(v11, 'Resources');
function resource(kind: 'bt:Images' | 'bt:Urls' | 'bt:ShortStrings' | 'bt:LongStrings') {
  const child = { 'bt:Images': 'bt:Image', 'bt:Urls': 'bt:Url' }[kind as string] ?? 'bt:String';
  const items = (at(resources, kind)[child] ?? []) as Node[];
  return new Map(items.map((i) => [i['@id'] as string, i['@DefaultValue'] as string]));
}

describe('the XML add-in manifest (manifest/quorum-outlook.xml)', () => {
  it('is well-formed XML once filled from env/.env.local', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toMatch(/\$\{\{/);
  });

  it('is read by office-addin-manifest offline as a MailApp with the Id the unified app hides', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'quorum-xml-'));
    try {
      const file = path.join(dir, 'outlook-addin.xml');
      await writeFile(file, xml);
      const info = await OfficeAddinManifest.readManifestFile(file);
      expect(info).toMatchObject({
        id: local.OUTLOOK_XML_ADDIN_ID,
        officeAppType: 'MailApp',
        hosts: ['Mailbox'],
        permissions: 'ReadWriteItem',
        displayName: 'Quorum (local)',
      });
      expect(info.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const unified = localManifest() as {
      extensions: { alternates: { hide: { customOfficeAddin: { officeAddinId: string } } }[] }[];
    };
    expect(unified.extensions[0]!.alternates[0]!.hide.customOfficeAddin.officeAddinId).toBe(app.Id);
  });

  it('has the required top-level elements in the order the schema demands', () => {
    const order = [
      'Id',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'IconUrl',
      'HighResolutionIconUrl',
      'SupportUrl',
      'AppDomains',
      'Hosts',
      'Requirements',
      'FormSettings',
      'Permissions',
      'Rule',
      'DisableEntityHighlighting',
      'VersionOverrides',
    ];
    expect(Object.keys(app).filter((k) => !k.startsWith('@'))).toEqual(order);
    expect(app['@xsi:type']).toBe('MailApp');
    expect(app.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('activates on appointments the user is editing and requires Mailbox 1.8', () => {
    const rules = (at(app, 'Rule').Rule ?? []) as Node[];
    expect(rules).toEqual([
      { '@xsi:type': 'ItemIs', '@ItemType': 'Appointment', '@FormType': 'Edit' },
    ]);
    expect(at(app, 'Requirements', 'Sets', 'Set')).toMatchObject({
      '@Name': 'Mailbox',
      '@MinVersion': '1.8',
    });
    expect(at(v11, 'Requirements', 'bt:Sets')['@DefaultMinVersion']).toBe('1.8');
  });

  it('nests VersionOverrides 1.1 in 1.0 and puts a task-pane button on the appointment organizer surface', () => {
    expect(at(app, 'VersionOverrides')['@xsi:type']).toBe('VersionOverridesV1_0');
    expect(v11['@xsi:type']).toBe('VersionOverridesV1_1');
    const point = at(v11, 'Hosts', 'Host', 'DesktopFormFactor', 'ExtensionPoint');
    expect(point['@xsi:type']).toBe('AppointmentOrganizerCommandSurface');
    const control = at(point, 'OfficeTab', 'Group', 'Control');
    expect(control['@xsi:type']).toBe('Button');
    const action = at(control, 'Action');
    expect(action['@xsi:type']).toBe('ShowTaskpane');
    const pane = resource('bt:Urls').get(at(action, 'SourceLocation')['@resid'] as string);
    expect(pane).toBe(`${local.TAB_ENDPOINT}/taskpane`);
    const sizes = (at(control, 'Icon')['bt:Image'] as Node[]).map((i) => i['@size']);
    expect(sizes).toEqual(['16', '32', '80']);
  });

  it('resolves every resid to a resource of the right kind, within Outlook’s length limits', () => {
    const strings = new Map([...resource('bt:ShortStrings'), ...resource('bt:LongStrings')]);
    const all = new Map([...strings, ...resource('bt:Images'), ...resource('bt:Urls')]);
    const resids = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]!);
    expect(resids.length).toBeGreaterThan(5);
    for (const id of resids) {
      expect(all.has(id), id).toBe(true);
      expect(id.length, id).toBeLessThanOrEqual(32);
    }
    for (const value of resource('bt:ShortStrings').values())
      expect(value.length).toBeLessThanOrEqual(125);
    for (const value of resource('bt:LongStrings').values())
      expect(value.length).toBeLessThanOrEqual(250);
  });

  it('serves every URL over HTTPS from the same origin as the unified app', () => {
    const origin = new URL(local.TAB_ENDPOINT!).origin;
    const urls = [...xml.matchAll(/"(https?:\/\/[^"]+)"|>(https?:\/\/[^<]+)</g)]
      .map((m) => m[1] ?? m[2]!)
      .filter(
        (u) =>
          !u.startsWith('http://schemas.microsoft.com/') && !u.startsWith('http://www.w3.org/'),
      );
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(new URL(url).origin, url).toBe(origin);
    expect(
      at(app, 'FormSettings', 'Form', 'DesktopSettings', 'SourceLocation')['@DefaultValue'],
    ).toBe(`${origin}/taskpane`);
  });

  it('names the same Entra app and API resource as the unified manifest', () => {
    const info = at(v11, 'WebApplicationInfo');
    const unified = localManifest() as { webApplicationInfo: { id: string; resource: string } };
    expect(info.Id).toBe(unified.webApplicationInfo.id);
    expect(info.Resource).toBe(unified.webApplicationInfo.resource);
    expect(
      Object.keys(v11)
        .filter((k) => !k.startsWith('@'))
        .at(-1),
    ).toBe('WebApplicationInfo');
  });

  it('escapes values for XML when filling placeholders, and names the missing ones', () => {
    expect(fillXmlPlaceholders('<a b="${{V}}"/>', { V: 'x&"<y' })).toBe(
      '<a b="x&amp;&quot;&lt;y"/>',
    );
    expect(() => fillXmlPlaceholders('${{A}}${{B}}', { A: 'a' })).toThrow(
      'no value for manifest placeholder(s): B',
    );
  });
});
