/**
 * The solution zip as a whole: exactly the expected files, content types for each, environment
 * variable definitions in the shape Dataverse exports them, and the same bytes from the same input.
 */
import JSZip from 'jszip';
import { environmentVariables } from '../../solution/model';
import { connectorSolutionInput, packageVersion, solutionZip, solutionZipName } from '../../solution/pack';
import { FIXTURE_WEB_RESOURCES, makeWebResourcesDir } from './helpers/web-resources-fixture';
import { all, at, parseXml, textAt } from './helpers/xml-tree';

const input = () => connectorSolutionInput({ webResourcesDir: makeWebResourcesDir() });

/** dataverse-model.md, Environment variables: schema name -> [display name, type code]. */
const SPEC_ENV_VARS: Record<string, [string, number]> = {
  dtclm_account_rootfolder: ['Dilitrust_account_rootfolder', 100000000],
  dtclm_token_rt: ['Dilitrust_token_rt', 100000000],
  dtclm_token_at: ['Dilitrust_token_at', 100000000],
  dtclm_clm_url: ['Dilitrust_CLM URL', 100000000],
  dtclm_api_url: ['Dilitrust_API URL', 100000000],
  dtclm_connector_url: ['Dilitrust_Connector URL', 100000000],
  dtclm_connector_appid: ['Dilitrust_Connector App ID', 100000000],
  dtclm_requestcontract_visible: ['Dilitrust_RequestContract_Visible', 100000003],
};

describe('the solution zip', () => {
  let zip: JSZip;
  beforeAll(async () => {
    zip = await JSZip.loadAsync(await solutionZip(input()));
  });

  it('is named like a Dynamics export: unique name and the four-part version of package.json', () => {
    const [major, minor, patch] = packageVersion().split(/[.+-]/);
    const version = `${major}_${minor}_${patch}_0`;
    expect(solutionZipName(input())).toBe(`DiliTrustCLMConnector_${version}.zip`);
    expect(solutionZipName({ ...input(), managed: true })).toBe(`DiliTrustCLMConnector_${version}_managed.zip`);
  });

  it('opens with JSZip and holds exactly the manifest, customizations, content types, env var definitions and web resources', () => {
    const files = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name)
      .sort();
    const expected = [
      'solution.xml',
      'customizations.xml',
      '[Content_Types].xml',
      ...environmentVariables.map((v) => `environmentvariabledefinitions/${v.schemaName}/environmentvariabledefinition.xml`),
      ...Object.keys(FIXTURE_WEB_RESOURCES).map((n) => `WebResources/${n}`),
    ].sort();
    expect(files).toEqual(expected);
  });

  it('keeps the web resource files byte for byte', async () => {
    for (const [name, content] of Object.entries(FIXTURE_WEB_RESOURCES)) expect(await zip.file(`WebResources/${name}`)!.async('string')).toBe(content);
  });

  it('declares a content type for every file extension in the zip', async () => {
    const types = parseXml(await zip.file('[Content_Types].xml')!.async('nodebuffer'));
    expect(types.name).toBe('Types');
    const declared = new Set(all(types, 'Default').map((d) => d.attrs.Extension));
    for (const f of Object.values(zip.files).filter((x) => !x.dir)) expect(declared).toContain(f.name.split('.').pop()!.toLowerCase());
  });

  it('writes an environment variable definition for every variable of the spec, with its display name and type', async () => {
    for (const [schemaName, [displayName, type]] of Object.entries(SPEC_ENV_VARS)) {
      const def = parseXml(await zip.file(`environmentvariabledefinitions/${schemaName}/environmentvariabledefinition.xml`)!.async('nodebuffer'));
      expect(def.name).toBe('environmentvariabledefinition');
      expect(def.attrs.schemaname).toBe(schemaName);
      expect(at(def, 'displayname').attrs.default).toBe(displayName);
      expect(textAt(def, 'type')).toBe(String(type));
    }
  });

  it('writes each definition in the shape Dataverse exports: its elements in order, labels with a default', async () => {
    const shape = ['defaultvalue', 'description', 'displayname', 'introducedversion', 'iscustomizable', 'isrequired', 'secretstore', 'type'];
    for (const v of environmentVariables) {
      const def = parseXml(await zip.file(`environmentvariabledefinitions/${v.schemaName}/environmentvariabledefinition.xml`)!.async('nodebuffer'));
      const names = def.children.map((c) => c.name);
      expect(names).toEqual(shape.filter((n) => n !== 'defaultvalue' || v.defaultValue !== undefined));
      for (const labelled of ['description', 'displayname']) {
        const el = at(def, labelled);
        expect(el.attrs.default).toBeTruthy();
        expect(at(el, 'label').attrs).toEqual({ description: el.attrs.default, languagecode: '1033' });
      }
      expect(textAt(def, 'secretstore')).toBe('0');
    }
  });

  it('keeps JSON defaults intact through XML escaping', async () => {
    const def = parseXml(await zip.file('environmentvariabledefinitions/dtclm_requestcontract_visible/environmentvariabledefinition.xml')!.async('nodebuffer'));
    expect(JSON.parse(textAt(def, 'defaultvalue')!)).toEqual({ opportunity: true, quote: true });
  });
});

describe('determinism', () => {
  it('gives the same bytes when the same sources are packed twice', async () => {
    const first = await solutionZip(input());
    const second = await solutionZip(input());
    expect(second.equals(first)).toBe(true);
  });

  it('gives byte-identical XML files when packed twice', async () => {
    const a = await JSZip.loadAsync(await solutionZip(input()));
    const b = await JSZip.loadAsync(await solutionZip(input()));
    for (const name of ['solution.xml', 'customizations.xml', '[Content_Types].xml']) {
      expect(await b.file(name)!.async('string')).toBe(await a.file(name)!.async('string'));
    }
  });
});
