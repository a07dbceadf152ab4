import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  envValues,
  placeholdersIn,
  readRepoFile,
  repoFile,
  schemaErrors,
  teamsappYamlValidator,
} from './support.js';

interface Step {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface Project {
  version: string;
  provision: Step[];
  deploy: Step[];
  publish: Step[];
}

const text = readRepoFile('teamsapp.yml');
const project = parse(text) as Project;
const uses = (steps: Step[]) => steps.map((s) => s.uses);

describe('teamsapp.yml', () => {
  it("validates against the Agents Toolkit's v1.11 yaml schema (vendored, offline)", () => {
    expect(project.version).toBe('v1.11');
    expect(schemaErrors(teamsappYamlValidator(), project)).toEqual([]);
  });

  it('is judged by a schema that rejects a zipAppPackage step without outputFolder', () => {
    const broken = structuredClone(project);
    const zip = broken.provision.find((s) => s.uses === 'teamsApp/zipAppPackage')!;
    delete zip.with!.outputFolder;
    expect(schemaErrors(teamsappYamlValidator(), broken).join('\n')).toContain('outputFolder');
  });

  it('provisions the Entra app from aad.manifest.json, then creates, validates, zips, updates and extends the app', () => {
    expect(uses(project.provision)).toEqual([
      'aadApp/create',
      'teamsApp/create',
      'aadApp/update',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
      'teamsApp/extendToM365',
    ]);
    const update = project.provision.find((s) => s.uses === 'aadApp/update')!;
    expect(update.with?.manifestPath).toBe('./appPackage/aad.manifest.json');
    const create = project.provision.find((s) => s.uses === 'aadApp/create')!;
    expect(create.with?.signInAudience).toBe('AzureADMultipleOrgs');
    expect(create.writeToEnvironmentFile?.clientSecret).toMatch(/^SECRET_/);
  });

  it('publishes to the organization catalog', () => {
    expect(uses(project.publish)).toContain('teamsApp/publishAppPackage');
  });

  it('names files that exist', () => {
    const steps = [...project.provision, ...project.deploy, ...project.publish];
    for (const step of steps) {
      const file = step.with?.manifestPath;
      if (typeof file === 'string') expect(existsSync(repoFile(file)), file).toBe(true);
    }
  });

  it('uses only variables that env/.env.dev declares or a step writes', () => {
    const dev = envValues('dev');
    const written = new Set(
      [...project.provision, ...project.publish].flatMap((s) =>
        Object.values(s.writeToEnvironmentFile ?? {}),
      ),
    );
    const aad = readRepoFile('appPackage/aad.manifest.json');
    const used = [...placeholdersIn(text), ...placeholdersIn(aad)];
    expect(used.filter((name) => !(name in dev) && !written.has(name))).toEqual([]);
  });
});
