/**
 * The real build, once, into a temp folder: the ribbon bundle run as a form would load it (a vm
 * context with a fake Xrm), the pages, the solution zip holding the bundled files, and the
 * Azure Functions package (its own test: functions-package.test.ts).
 */
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import JSZip from 'jszip';
import { build, sha256, type BuildResult } from '../../scripts/build';
import { checkWebResources } from '../../scripts/lib/power-apps-checker';
import { POWER_APPS_CHECKER_ALLOWED } from '../../scripts/lib/power-apps-checker-allowed';
import { fakeForm, fakeXrm, type FakeXrmOptions } from './helpers/fake-xrm';

let result: BuildResult;
let ribbonSource: string;

beforeAll(async () => {
  result = await build({ outDir: mkdtempSync(join(tmpdir(), 'dist-')), skipTypecheck: true, measureColdLoad: false });
  ribbonSource = readFileSync(join(result.webResourcesDir, 'dtclm_/js/ribbon.js'), 'utf8');
}, 600_000);

type RibbonApi = Record<string, (form: unknown) => unknown>;

/** Loads the ribbon bundle the way a form does: a fresh page (context) with Xrm and maybe a DiliTrustCLM already there. */
function loadRibbon(opts: FakeXrmOptions = {}, existing?: Record<string, unknown>) {
  const { Xrm, calls } = fakeXrm(opts);
  const context = vm.createContext({ Xrm, console, setTimeout, clearTimeout, ...(existing ? { DiliTrustCLM: existing } : {}) });
  vm.runInContext(ribbonSource, context, { filename: 'dtclm_/js/ribbon.js' });
  const ns = (context as { DiliTrustCLM?: { Ribbon?: RibbonApi } }).DiliTrustCLM;
  return { ribbon: ns!.Ribbon!, namespace: ns as Record<string, unknown>, calls };
}

const OPPORTUNITY_ID = '{A1B2C3D4-0000-4000-8000-000000000001}';
const savedOpportunity = () => fakeForm('opportunity', OPPORTUNITY_ID);

describe('the ribbon bundle dtclm_/js/ribbon.js', () => {
  it('exposes the commands and enable rules as DiliTrustCLM.Ribbon', () => {
    const { ribbon } = loadRibbon();
    for (const name of ['requestContract', 'openContractStatus', 'sendToSign', 'isRequestContractEnabled', 'isContractStatusEnabled', 'isSendToSignEnabled']) {
      expect({ name, type: typeof ribbon[name] }).toEqual({ name, type: 'function' });
    }
  });

  it('adds Ribbon to a DiliTrustCLM namespace that is already there instead of replacing it', () => {
    const { namespace } = loadRibbon({}, { Pages: { marker: 1 } });
    expect(namespace.Pages).toEqual({ marker: 1 });
    expect(typeof (namespace.Ribbon as RibbonApi).requestContract).toBe('function');
  });

  it('stays small, since it loads with every opportunity and quote form (under 8 KB)', () => {
    expect(statSync(join(result.webResourcesDir, 'dtclm_/js/ribbon.js')).size).toBeLessThan(8 * 1024);
  });

  it('does nothing at load time: no Xrm call before a button asks', () => {
    const { calls } = loadRibbon({ roles: ['Dilitrust CLM User'] });
    expect(calls).toEqual({ navigateTo: [], panes: [], retrieveMultiple: [] });
  });

  it("Request Contract opens dtclm_/html/requestcontract.html as a dialog with the record, then refreshes the form's data (not ui.refreshRibbon: the Power Apps checker's avoid-ui-refreshribbon)", async () => {
    const { ribbon, calls } = loadRibbon();
    const { form, refreshed } = savedOpportunity();
    await ribbon.requestContract!(form);
    expect(calls.navigateTo).toHaveLength(1);
    const { page, options } = calls.navigateTo[0]!;
    expect(page).toMatchObject({ pageType: 'webresource', webresourceName: 'dtclm_/html/requestcontract.html' });
    expect(JSON.parse(page.data as string)).toEqual({ entityName: 'opportunity', recordId: 'a1b2c3d4-0000-4000-8000-000000000001' });
    expect(options).toMatchObject({ target: 2 });
    expect(refreshed).toEqual(['data']);
  });

  it('Contract Status opens the status panel in one side pane that always renders; Send to Sign opens it asking to send', async () => {
    const { ribbon, calls } = loadRibbon();
    await ribbon.openContractStatus!(savedOpportunity().form);
    await ribbon.sendToSign!(fakeForm('quote', '{B0000000-0000-4000-8000-000000000002}').form);
    expect(calls.navigateTo).toEqual([]);
    expect(calls.panes).toHaveLength(1);
    expect(calls.panes[0]!.options).toMatchObject({ paneId: 'dtclm_contractstatus', alwaysRender: true });
    // The icon by the relative, cache-tokened URL Dynamics gives (use-cached-webresource), not /WebResources/.
    expect(calls.panes[0]!.options).toMatchObject({ imageSrc: '/%7b639012345678901234%7d/webresources/dtclm_/icons/contractstatus.svg' });
    const navigated = calls.panes[0]!.navigated;
    expect(navigated.map((p) => p.webresourceName)).toEqual(['dtclm_/html/contractstatus.html', 'dtclm_/html/contractstatus.html']);
    expect(JSON.parse(navigated[1]!.data as string)).toEqual({
      entityName: 'quote',
      recordId: 'b0000000-0000-4000-8000-000000000002',
      action: 'sendToSign',
    });
  });

  describe('enable rules', () => {
    it('keeps Request Contract disabled on an unsaved record and for users without a connector role', async () => {
      expect(await loadRibbon({ roles: ['Dilitrust CLM User'] }).ribbon.isRequestContractEnabled!(fakeForm('opportunity', '').form)).toBe(false);
      expect(await loadRibbon({ roles: ['Salesperson'] }).ribbon.isRequestContractEnabled!(savedOpportunity().form)).toBe(false);
      expect(await loadRibbon({ roles: ['Dilitrust CLM ReadOnly'] }).ribbon.isRequestContractEnabled!(savedOpportunity().form)).toBe(false);
    });

    it('enables Request Contract for a user where dtclm_requestcontract_visible shows it (value, else default)', async () => {
      const user = ['Salesperson', 'Dilitrust CLM User'];
      expect(
        await loadRibbon({ roles: user, visibleDefault: '{"opportunity": true, "quote": true}' }).ribbon.isRequestContractEnabled!(savedOpportunity().form),
      ).toBe(true);
      const hiddenOnOpportunities = {
        roles: user,
        visibleDefault: '{"opportunity": true, "quote": true}',
        visibleValue: '{"opportunity": false, "quote": true}',
      };
      expect(await loadRibbon(hiddenOnOpportunities).ribbon.isRequestContractEnabled!(savedOpportunity().form)).toBe(false);
      expect(await loadRibbon(hiddenOnOpportunities).ribbon.isRequestContractEnabled!(fakeForm('quote', '{B0000000-0000-4000-8000-000000000002}').form)).toBe(
        true,
      );
    });

    it('reads the visibility setting once per page, however often the command bar asks', async () => {
      const { ribbon, calls } = loadRibbon({ roles: ['Dilitrust CLM User'] });
      await ribbon.isRequestContractEnabled!(savedOpportunity().form);
      await ribbon.isRequestContractEnabled!(savedOpportunity().form);
      expect(calls.retrieveMultiple.filter((c) => c.entity === 'environmentvariabledefinition')).toHaveLength(1);
    });

    it('enables Contract Status for any connector role, ReadOnly included', async () => {
      expect(await loadRibbon({ roles: ['Dilitrust CLM ReadOnly'] }).ribbon.isContractStatusEnabled!(savedOpportunity().form)).toBe(true);
      expect(await loadRibbon({ roles: ['Salesperson'] }).ribbon.isContractStatusEnabled!(savedOpportunity().form)).toBe(false);
    });

    it('counts a connector role held only through a team', async () => {
      const { ribbon, calls } = loadRibbon({ roles: ['Salesperson'], teamRoles: ['Dilitrust CLM User'] });
      expect(await ribbon.isContractStatusEnabled!(savedOpportunity().form)).toBe(true);
      expect(await ribbon.isRequestContractEnabled!(savedOpportunity().form)).toBe(true);
      expect(calls.retrieveMultiple.filter((c) => c.entity === 'team')).toHaveLength(1);
    });

    it('enables Send to Sign only for the Send to Sign role and a draft or validated contract of the record', async () => {
      const contract = [{ dtclm_contractid: 'c1' }];
      expect(await loadRibbon({ roles: ['Dilitrust CLM User'], contracts: contract }).ribbon.isSendToSignEnabled!(savedOpportunity().form)).toBe(false);
      expect(await loadRibbon({ roles: ['Dilitrust CLM Send to Sign'], contracts: [] }).ribbon.isSendToSignEnabled!(savedOpportunity().form)).toBe(false);
      const { ribbon, calls } = loadRibbon({ roles: ['Dilitrust CLM Send to Sign'], contracts: contract });
      expect(await ribbon.isSendToSignEnabled!(savedOpportunity().form)).toBe(true);
      const query = calls.retrieveMultiple.find((c) => c.entity === 'dtclm_contract')!.query;
      expect(query).toContain('_dtclm_opportunityid_value eq a1b2c3d4-0000-4000-8000-000000000001');
      expect(query).toContain('dtclm_status eq 718900000');
      expect(query).toContain('dtclm_status eq 718900002');
    });
  });
});

describe("Microsoft's Power Apps checker over the build", () => {
  it('finds nothing in our code and only the listed third-party findings, module by module (docs/web-resources.md)', () => {
    const checked = checkWebResources(result.webResourcesDir, { allowed: POWER_APPS_CHECKER_ALLOWED });
    expect({ ours: checked.ours, unlisted: checked.unlisted, stale: checked.stale, errors: checked.errors }).toEqual({
      ours: [],
      unlisted: [],
      stale: [],
      errors: [],
    });
    expect(checked.bundles).toEqual(expect.arrayContaining(['dtclm_/js/ribbon.js', 'dtclm_/js/sync-contact.js', 'dtclm_/js/admin.js']));
  });

  it('ships ribbon.js without a chunk loader: no script element added, no /WebResources/ path', () => {
    expect(ribbonSource).not.toMatch(/createElement\(\s*["']script["']/);
    expect(ribbonSource.toLowerCase()).not.toContain('/webresources/');
  });
});

describe('the pages', () => {
  it.each(['requestcontract', 'contractstatus', 'admin'])('bundles %s: dtclm_/html/<page>.html loads dtclm_/js/<page>.js', (page) => {
    const html = readFileSync(join(result.webResourcesDir, `dtclm_/html/${page}.html`), 'utf8');
    expect(html).toMatch(new RegExp(`src=["']?\\.\\./js/${page}\\.js`));
    expect(existsSync(join(result.webResourcesDir, `dtclm_/js/${page}.js`))).toBe(true);
  });
});

describe('the solution zip of the build', () => {
  it.each(['solutionZip', 'managedSolutionZip'] as const)('%s: every ribbon function resolves to a function the bundled ribbon.js defines', async (which) => {
    const zip = await JSZip.loadAsync(readFileSync(result[which]));
    const customizations = await zip.file('customizations.xml')!.async('string');
    const calls = [...customizations.matchAll(/<(?:JavaScriptFunction|CustomRule) FunctionName="([^"]+)" Library="\$webresource:([^"]+)"/g)].map((m) => ({
      fn: m[1]!,
      library: m[2]!,
    }));
    expect(calls.length).toBeGreaterThan(6);
    for (const { fn, library } of calls) {
      const file = zip.file(`WebResources/${library}`);
      expect({ library, inZip: Boolean(file) }).toEqual({ library, inZip: true });
      // The library as a form page runs it, then the function looked up by its dotted name.
      const { Xrm } = fakeXrm();
      const context = vm.createContext({ Xrm, console });
      vm.runInContext(await file!.async('string'), context, { filename: library });
      const resolved = fn.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown> | undefined)?.[key], context);
      expect({ fn, type: typeof resolved }).toEqual({ fn, type: 'function' });
    }
  });

  it.each(['solutionZip', 'managedSolutionZip'] as const)('%s: every $webresource: reference is a file in the zip', async (which) => {
    const zip = await JSZip.loadAsync(readFileSync(result[which]));
    const customizations = await zip.file('customizations.xml')!.async('string');
    const refs = new Set([...customizations.matchAll(/\$webresource:([^"<]+)/g)].map((m) => m[1]!));
    expect(refs.size).toBeGreaterThan(2);
    for (const r of refs) expect({ r, inZip: Boolean(zip.file(`WebResources/${r}`)) }).toEqual({ r, inZip: true });
  });

  it('holds the bundled web resources as webpack wrote them', async () => {
    const zip = await JSZip.loadAsync(readFileSync(result.solutionZip));
    expect(await zip.file('WebResources/dtclm_/js/ribbon.js')!.async('string')).toBe(ribbonSource);
    for (const page of ['requestcontract', 'contractstatus', 'admin']) expect(zip.file(`WebResources/dtclm_/html/${page}.html`)).not.toBeNull();
  });
});

describe('building twice', () => {
  it('gives the same bytes: managed and unmanaged solution zips and the functions package', async () => {
    const again = await build({ outDir: mkdtempSync(join(tmpdir(), 'dist-again-')), skipTypecheck: true, measureColdLoad: false });
    const hashes = (r: BuildResult) => [r.solutionZip, r.managedSolutionZip, r.functionsZip].map(sha256);
    expect(hashes(again)).toEqual(hashes(result));
    // Two different zips: the managed flag is in them.
    expect(sha256(result.solutionZip)).not.toBe(sha256(result.managedSolutionZip));
  }, 180_000);
});
