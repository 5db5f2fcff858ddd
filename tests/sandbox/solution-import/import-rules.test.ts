/**
 * The import refuses a zip the way Dataverse does, naming the component. Each test breaks the built
 * managed zip on purpose (its XML edited in memory) or imports it into an organization that lacks
 * what it needs, and expects the refusal:
 * - a second cascading parent on one related table ("Create and edit 1:N relationships",
 *   limitations on behaviors you can set);
 * - a privilege that does not exist for the table's ownership (prvAssign, prvShare on an
 *   organization-owned table; any privilege on a table without privileges of its own, "Privileges
 *   by entity"), and a depth the ownership does not have;
 * - a missing dependency: "The following solution cannot be imported: ... Some dependencies are
 *   missing." (-2147188707, 0x8004801D, as the import log in Microsoft's docs shows it).
 * The unbroken zip imports, and its MissingDependencies list what it needs from Sales.
 */
import JSZip from 'jszip';
import { builtManagedSolutionZip } from '../../../sandbox/built-solution-zip';
import { targetOrganization } from '../../../sandbox/dataverse/defaults';
import { importSolution, SolutionImportError, type TargetOrganization } from '../../../sandbox/dataverse/solution-import';

const zip = builtManagedSolutionZip().bytes;

/** The zip with one file's text changed; `edit` must change it (a test that edits nothing proves nothing). */
async function withEdit(path: string, edit: (xml: string) => string): Promise<Buffer> {
  const z = await JSZip.loadAsync(zip);
  const before = await z.file(path)!.async('string');
  const after = edit(before);
  if (after === before) throw new Error(`The edit of ${path} changed nothing`);
  z.file(path, after);
  return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function refusal(org: TargetOrganization, bytes: Buffer): SolutionImportError {
  try {
    importSolution(org, bytes);
  } catch (e) {
    if (e instanceof SolutionImportError) return e;
    throw e;
  }
  throw new Error('The import did not refuse the zip');
}

/** The `<EntityRelationship Name="name">` element's text, for editing its cascades. */
function editRelationship(xml: string, name: string, edit: (element: string) => string): string {
  const start = xml.indexOf(`<EntityRelationship Name="${name}">`);
  const end = xml.indexOf('</EntityRelationship>', start) + '</EntityRelationship>'.length;
  return xml.slice(0, start) + edit(xml.slice(start, end)) + xml.slice(end);
}

/** Adds a `<RolePrivilege>` to the role named `role`. */
function addPrivilege(xml: string, role: string, privilege: string, level: string): string {
  const start = xml.indexOf(`name="${role}">`);
  const at = xml.indexOf('<RolePrivileges>', start) + '<RolePrivileges>'.length;
  return `${xml.slice(0, at)}<RolePrivilege name="${privilege}" level="${level}" />${xml.slice(at)}`;
}

describe('the built zip', () => {
  it('imports into the Sales organization the sandbox emulates', () => {
    expect(importSolution(targetOrganization(), zip).schema.tables).toHaveLength(5);
  });

  it('declares in MissingDependencies the Sales tables (with their key and name columns) and main forms it needs', () => {
    const deps = importSolution(targetOrganization(), zip).manifest.missingDependencies.map((d) => d.required);
    const names = deps.map((r) => (r.type === 60 ? `form ${r.id}` : r.type === 2 ? `column ${r.parentSchemaName}.${r.schemaName}` : `table ${r.schemaName}`));
    expect(names.sort()).toEqual(
      [
        'table opportunity',
        'column opportunity.opportunityid',
        'column opportunity.name',
        'table quote',
        'column quote.quoteid',
        'column quote.name',
        'form {a837e4a7-01b8-4f82-a475-be9abd67e667}',
        'form {54076a2d-d043-4a1b-b061-4d06846371a9}',
      ].sort(),
    );
    expect(deps.every((r) => r.solution === 'msdynce_Sales')).toBe(true);
  });
});

describe('one cascading relationship per related table (Create and edit 1:N relationships, limitations on behaviors)', () => {
  it('refuses a second cascading parent of dtclm_contract: the quote relationship cascading Assign, Share, Unshare, Reparent', async () => {
    const broken = await withEdit('customizations.xml', (xml) =>
      editRelationship(xml, 'dtclm_quote_dtclm_contract', (r) => r.replace(/<(Cascade(?:Assign|Share|Unshare|Reparent))>NoCascade</g, '<$1>Cascade<')),
    );
    const e = refusal(targetOrganization(), broken);
    expect(e.component).toBe('EntityRelationship dtclm_quote_dtclm_contract');
    expect(e.message).toContain('dtclm_opportunity_dtclm_contract');
    expect(e.message).toContain('dtclm_contract');
    expect(e.code).toBe('0x80040203');
  });

  it('refuses it for one configurable cascade alone (Share)', async () => {
    const broken = await withEdit('customizations.xml', (xml) =>
      editRelationship(xml, 'dtclm_quote_dtclm_contract', (r) => r.replace('<CascadeShare>NoCascade</CascadeShare>', '<CascadeShare>Cascade</CascadeShare>')),
    );
    expect(refusal(targetOrganization(), broken).component).toBe('EntityRelationship dtclm_quote_dtclm_contract');
  });
});

describe('privileges that exist for each table’s ownership (Privileges by entity)', () => {
  it.each([
    ['prvAssigndtclm_Template', 'dtclm_template'],
    ['prvSharedtclm_UserLink', 'dtclm_userlink'],
  ])('refuses %s on the organization-owned %s', async (privilege) => {
    const broken = await withEdit('customizations.xml', (xml) => addPrivilege(xml, 'Dilitrust CLM Admin', privilege, 'Global'));
    const e = refusal(targetOrganization(), broken);
    expect(e.component).toBe('Role Dilitrust CLM Admin');
    expect(e.message).toContain(privilege);
    expect(e.message).toContain('does not exist');
    expect(e.code).toBe('0x80040217');
  });

  it.each(['prvReadOpportunityProduct', 'prvReadQuoteDetail', 'prvReadSystemUserRoles', 'prvReadTimeZoneDefinition'])(
    'refuses %s: the table has no privileges of its own',
    async (privilege) => {
      const broken = await withEdit('customizations.xml', (xml) => addPrivilege(xml, 'Dilitrust CLM Connector', privilege, 'Global'));
      expect(refusal(targetOrganization(), broken)).toMatchObject({ component: 'Role Dilitrust CLM Connector', code: '0x80040217' });
    },
  );

  it('refuses a depth the ownership does not have: Basic on the organization-owned dtclm_template', async () => {
    const broken = await withEdit('customizations.xml', (xml) => {
      const start = xml.indexOf('name="Dilitrust CLM ReadOnly">');
      const at = xml.indexOf('<RolePrivilege name="prvReaddtclm_Template" level="Global" />', start);
      return `${xml.slice(0, at)}<RolePrivilege name="prvReaddtclm_Template" level="Basic" />${xml.slice(at + '<RolePrivilege name="prvReaddtclm_Template" level="Global" />'.length)}`;
    });
    const e = refusal(targetOrganization(), broken);
    expect(e.component).toBe('Role Dilitrust CLM ReadOnly');
    expect(e.message).toMatch(/prvReaddtclm_Template at depth "Basic".*organization-owned.*valid depths are Global/);
  });

  it('takes Basic on the user-owned dtclm_contract', async () => {
    const ok = await withEdit('customizations.xml', (xml) => addPrivilege(xml, 'Dilitrust CLM ReadOnly', 'prvSharedtclm_Contract', 'Basic'));
    expect(importSolution(targetOrganization(), ok).roles.find((r) => r.name === 'Dilitrust CLM ReadOnly')!.privileges.dtclm_contract).toMatchObject({
      share: 'Basic',
    });
  });
});

describe('components whose dependencies are present', () => {
  const MISSING =
    /^The following solution cannot be imported: DiliTrustCLMConnector\. Some dependencies are missing\. The missing dependencies are : <MissingDependencies>.*<\/MissingDependencies> , ProductUpdatesOnly : False$/;

  /** The organization without Dynamics 365 Sales' quote (its table and main form). */
  function withoutQuote(): TargetOrganization {
    const org = targetOrganization();
    return {
      schema: {
        ...org.schema,
        tables: org.schema.tables.filter((t) => t.logicalName !== 'quote'),
        relationships: org.schema.relationships.filter((r) => r.referencedEntity !== 'quote' && r.referencingEntity !== 'quote'),
      },
      forms: org.forms.filter((f) => f.table !== 'quote'),
    };
  }

  it('refuses the zip in an organization without the quote table and form, listing them', () => {
    const e = refusal(withoutQuote(), zip);
    expect(e.code).toBe('0x8004801D');
    expect(e.message).toMatch(MISSING);
    expect(e.message).toContain('schemaName="quote"');
    expect(e.message).toContain('id="{54076a2d-d043-4a1b-b061-4d06846371a9}"');
    expect(e.component).toContain('table quote');
    expect(e.component).toContain('form {54076a2d-d043-4a1b-b061-4d06846371a9}');
  });

  it('refuses it too when MissingDependencies is left empty: the components name what they need', async () => {
    const broken = await withEdit('solution.xml', (xml) => xml.replace(/<MissingDependencies>[\s\S]*<\/MissingDependencies>/, '<MissingDependencies />'));
    const e = refusal(withoutQuote(), broken);
    expect(e.message).toMatch(MISSING);
    expect(e.component).toContain('table quote');
  });

  it('refuses a tab merged into a form the organization does not have', async () => {
    const broken = await withEdit('customizations.xml', (xml) =>
      xml.replace('<formid>{a837e4a7-01b8-4f82-a475-be9abd67e667}</formid>', '<formid>{00000000-0000-4000-8000-0000000000aa}</formid>'),
    );
    const e = refusal(targetOrganization(), broken);
    expect(e.component).toBe('form 00000000-0000-4000-8000-0000000000aa');
  });

  it('refuses a declared dependency the organization lacks', async () => {
    const broken = await withEdit('solution.xml', (xml) =>
      xml.replace(
        '<MissingDependencies>',
        '<MissingDependencies><MissingDependency><Required key="90" type="1" schemaName="msdyn_project" displayName="Project" solution="msdyn_ProjectService" /><Dependent key="91" type="1" schemaName="dtclm_contract" /></MissingDependency>',
      ),
    );
    const e = refusal(targetOrganization(), broken);
    expect(e.component).toBe('table msdyn_project');
    expect(e.message).toContain('schemaName="msdyn_project"');
  });
});

describe('a zip that is not a solution', () => {
  it('is refused before any component', async () => {
    const z = await JSZip.loadAsync(zip);
    z.remove('customizations.xml');
    const e = refusal(targetOrganization(), await z.generateAsync({ type: 'nodebuffer' }));
    expect(e.component).toBe('customizations.xml');
  });
});
