/**
 * The emulator gets the connector's part by importing the built managed zip (dist/, made by `npm
 * run build`), and that import gives the metadata the emulator answered when it read solution/model
 * directly (the old path, rebuilt here from connectorSchema and connectorRoles): the same tables,
 * columns, keys, relationships and choices through EntityDefinitions, GlobalOptionSetDefinitions and
 * RelationshipDefinitions, the same roles and environment variables.
 *
 * One difference is expected and checked: the system columns of the connector's tables carry the
 * descriptions Dataverse gives them (the zip says them, as an export does); the model left them out.
 */
import { builtManagedSolutionZip } from '../../../sandbox/built-solution-zip';
import { startDataverse, type DataverseSandbox } from '../../../sandbox/dataverse';
import { defaultWorld, targetOrganization } from '../../../sandbox/dataverse/defaults';
import { mergeSchemas } from '../../../sandbox/dataverse/model';
import { systemRoles } from '../../../sandbox/dataverse/model/roles';
import { importSolution } from '../../../sandbox/dataverse/solution-import';
import { connectorRoles, connectorSchema, environmentVariables } from '../../../solution/model';
import type { AttributeDef, RelationshipDef, TableDef } from '../../../solution/model/types';
import { startTestIdentity, type TestIdentity } from '../dataverse/fixtures/identity';

const imported = importSolution(targetOrganization(), builtManagedSolutionZip().bytes);

/** What an absent property means in a column description (the model leaves defaults out, the zip writes them). */
function column(a: AttributeDef): AttributeDef {
  const c = { requiredLevel: 'None', isValidForCreate: true, isValidForUpdate: !a.isPrimaryId, ...a } as AttributeDef;
  return JSON.parse(JSON.stringify(c)) as AttributeDef;
}

function table(t: TableDef, opts: { withoutSystemDescriptions?: boolean } = {}) {
  const attributes = t.attributes
    .map(column)
    .map((a) => (opts.withoutSystemDescriptions && a.isSystem ? { ...a, description: undefined } : a))
    .map((a) => JSON.parse(JSON.stringify(a)) as AttributeDef)
    .sort((x, y) => x.logicalName.localeCompare(y.logicalName));
  return { ...t, changeTrackingEnabled: t.changeTrackingEnabled === true, attributes };
}

const byName = <T extends { schemaName: string }>(xs: T[]) => [...xs].sort((a, b) => a.schemaName.localeCompare(b.schemaName));

describe('importing the built zip into a fresh organization gives the schema solution/model describes', () => {
  it('imports the five connector tables, with every column, key and setting of the model', () => {
    expect(imported.schema.tables.map((t) => t.logicalName).sort()).toEqual(connectorSchema.tables.map((t) => t.logicalName).sort());
    for (const t of connectorSchema.tables) {
      const got = imported.schema.tables.find((x) => x.logicalName === t.logicalName)!;
      expect(table(got, { withoutSystemDescriptions: true })).toEqual(table(t, { withoutSystemDescriptions: true }));
    }
  });

  it('gives the system columns the descriptions Dataverse gives them (the only difference from the model)', () => {
    const contract = imported.schema.tables.find((t) => t.logicalName === 'dtclm_contract')!;
    const description = (name: string) => contract.attributes.find((a) => a.logicalName === name)?.description;
    // In both languages of the zip (1033, 1036).
    expect(description('modifiedon')).toEqual({
      1033: 'Date and time when the record was modified.',
      1036: 'Date et heure de modification de l’enregistrement.',
    });
    expect(description('ownerid')).toEqual({ 1033: 'Owner Id', 1036: 'ID du propriétaire' });
    expect(description('statecode')).toEqual({ 1033: 'Status of the Contract (CLM)', 1036: 'Statut de l’enregistrement «\u00a0Contrat (CLM)\u00a0»' });
  });

  it('imports the relationships (cascades included) and the global choices', () => {
    expect(byName(imported.schema.relationships)).toEqual(byName(connectorSchema.relationships as RelationshipDef[]));
    expect(imported.schema.optionSets).toEqual(connectorSchema.optionSets);
  });

  it('imports the five roles with their privileges and ids as the zip carries them', () => {
    expect(imported.roles).toEqual(connectorRoles);
  });

  it('imports the environment variable definitions', () => {
    const bySchemaName = <T extends { schemaName: string }>(xs: T[]) => [...xs].sort((a, b) => a.schemaName.localeCompare(b.schemaName));
    expect(bySchemaName(imported.environmentVariables)).toEqual(
      bySchemaName(environmentVariables).map((v) => ({
        schemaName: v.schemaName,
        displayName: v.displayName,
        description: v.description,
        type: v.typeCode,
        defaultValue: v.defaultValue,
        isRequired: v.isRequired,
        introducedVersion: '1.0.0.0',
      })),
    );
  });

  it('imports the web resources with their files, the forms, views and the app', () => {
    expect(imported.webResources.map((w) => w.name)).toEqual(
      expect.arrayContaining(['dtclm_/js/ribbon.js', 'dtclm_/html/admin.html', 'dtclm_/html/signin.html']),
    );
    expect(imported.webResources.every((w) => w.content.length > 0)).toBe(true);
    expect(imported.forms.filter((f) => f.isDifferential).map((f) => f.table)).toEqual(['opportunity', 'quote']);
    expect(imported.views.length).toBeGreaterThanOrEqual(8);
    expect(imported.apps.map((a) => a.uniqueName)).toEqual(['dtclm_DiliTrustCLM']);
    expect(imported.changedTables).toEqual(['opportunity', 'quote', 'contact']);
  });
});

describe('the Web API metadata of the installed emulator is what the model-based emulator answered', () => {
  let identity: TestIdentity;
  let installed: DataverseSandbox;
  let modelBased: DataverseSandbox;
  const tokens = new Map<DataverseSandbox, string>();

  beforeAll(async () => {
    identity = await startTestIdentity();
    const world = defaultWorld();
    installed = await startDataverse({ issuer: identity.issuer, jwksUri: identity.jwksUri });
    modelBased = await startDataverse({
      issuer: identity.issuer,
      jwksUri: identity.jwksUri,
      schema: mergeSchemas(targetOrganization().schema, connectorSchema),
      roles: [...systemRoles, ...connectorRoles],
      seed: world.seed,
    });
    // The environment's admin (System Administrator): the application user holds no role until the admin's steps.
    for (const dv of [installed, modelBased]) tokens.set(dv, await identity.userToken(dv.url, 'admin'));
  });
  afterAll(async () => {
    await installed?.close();
    await modelBased?.close();
    await identity?.close();
  });

  async function get(dv: DataverseSandbox, path: string, token = tokens.get(dv)): Promise<any> {
    const res = await fetch(`${dv.apiUrl}${path}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    expect(res.status).toBe(200);
    // The context URL names each emulator's own address.
    const { '@odata.context': _, ...body } = (await res.json()) as Record<string, unknown>;
    return body;
  }

  /** Attributes compared by name (ColumnNumber follows the order columns were created in), system descriptions aside. */
  function comparable(entity: any): any {
    const attributes = [...entity.Attributes]
      .map(({ ColumnNumber: _, ...a }: any) => (a.IsCustomAttribute ? a : { ...a, Description: undefined }))
      .sort((x: any, y: any) => x.LogicalName.localeCompare(y.LogicalName));
    const rels = (xs: any[]) => [...xs].sort((x, y) => x.SchemaName.localeCompare(y.SchemaName));
    return {
      ...entity,
      Attributes: attributes,
      ManyToOneRelationships: rels(entity.ManyToOneRelationships),
      OneToManyRelationships: rels(entity.OneToManyRelationships),
    };
  }

  it.each(['dtclm_contract', 'dtclm_contractevent', 'dtclm_template', 'dtclm_userlink', 'dtclm_contactlink', 'opportunity', 'quote', 'contact'])(
    "EntityDefinitions(LogicalName='%s') with Attributes, Keys and relationships",
    async (name) => {
      const path = `EntityDefinitions(LogicalName='${name}')?$expand=Attributes,Keys,ManyToOneRelationships,OneToManyRelationships`;
      expect(comparable(await get(installed, path))).toEqual(comparable(await get(modelBased, path)));
    },
  );

  it('GlobalOptionSetDefinitions and the choices of dtclm_contract.dtclm_status', async () => {
    expect(await get(installed, 'GlobalOptionSetDefinitions')).toEqual(await get(modelBased, 'GlobalOptionSetDefinitions'));
    const path =
      "EntityDefinitions(LogicalName='dtclm_contract')/Attributes(LogicalName='dtclm_status')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$expand=GlobalOptionSet";
    const { ColumnNumber: _a, ...got } = await get(installed, path);
    const { ColumnNumber: _b, ...before } = await get(modelBased, path);
    expect(got).toEqual(before);
  });

  it('the environment variable definitions and the roles, read through the Web API, are the zip’s', async () => {
    const defs = await get(installed, 'environmentvariabledefinitions?$select=schemaname,displayname,type,ismanaged');
    expect(defs.value.map((d: any) => d.schemaname).sort()).toEqual(environmentVariables.map((v) => v.schemaName).sort());
    expect(defs.value.every((d: any) => d.ismanaged === true)).toBe(true);
    const roles = await get(installed, 'roles?$select=name,ismanaged&$filter=ismanaged eq true');
    expect(roles.value.map((r: any) => r.name).sort()).toEqual(connectorRoles.map((r) => r.name).sort());
  });

  // Read by the System Administrator: web resources are organization-owned, and no connector role reads them.
  it('the web resources are rows of webresourceset, each with its file from the zip', async () => {
    const admin = await identity.userToken(installed.url, 'admin');
    const zipFile = imported.webResources.find((w) => w.name === 'dtclm_/js/ribbon.js')!;
    const rows = await get(installed, "webresourceset?$select=name,webresourcetype,content,ismanaged&$filter=name eq 'dtclm_/js/ribbon.js'", admin);
    expect(rows.value).toHaveLength(1);
    expect(rows.value[0]).toMatchObject({ name: 'dtclm_/js/ribbon.js', webresourcetype: 3, ismanaged: true });
    expect(Buffer.from(rows.value[0].content, 'base64')).toEqual(zipFile.content);
    const all = await get(installed, 'webresourceset?$select=name', admin);
    expect(all.value.map((r: any) => r.name).sort()).toEqual(imported.webResources.map((w) => w.name).sort());
  });
});
