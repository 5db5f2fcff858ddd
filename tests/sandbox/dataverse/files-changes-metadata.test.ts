/**
 * File columns ("Use file column data"), change tracking ("Use change tracking to synchronize data
 * with external systems"), and EntityDefinitions metadata.
 */
import { startHarness, type Harness } from './fixtures/harness';
import { ids } from './fixtures/world';

let h: Harness;
let contractId: string;
beforeAll(async () => {
  h = await startHarness();
  const r = await h.api('dtclm_contracts', { method: 'POST', body: { dtclm_name: 'With file', dtclm_clmcontractid: 'file-1' } });
  contractId = /\(([0-9a-f-]{36})\)$/.exec(r.headers.get('odata-entityid') ?? '')![1];
});
afterAll(async () => h.close());

describe('file columns', () => {
  test('single-request upload, then download with $value (name and size headers)', async () => {
    const pdf = Buffer.from('%PDF-1.7 signed contract bytes');
    const up = await h.api(`dtclm_contracts(${contractId})/dtclm_signeddocument`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/octet-stream', 'x-ms-file-name': 'signed.pdf' },
      body: pdf,
    });
    expect(up.status).toBe(204);
    const res = await fetch(`${h.dv.apiUrl}dtclm_contracts(${contractId})/dtclm_signeddocument/$value`, { headers: { Authorization: `Bearer ${h.appToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ms-file-name')).toBe('signed.pdf');
    expect(res.headers.get('x-ms-file-size')).toBe(String(pdf.length));
    expect(Buffer.from(await res.arrayBuffer())).toEqual(pdf);
    const row = await h.api(`dtclm_contracts(${contractId})?$select=dtclm_signeddocument`);
    expect(row.body.dtclm_signeddocument).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.body.dtclm_signeddocument_name).toBe('signed.pdf');
  });

  test('chunked upload: x-ms-chunk-size and Location, 206 per chunk, 204 at the end', async () => {
    const data = Buffer.alloc(10 * 1024 * 1024 + 123, 7);
    const init = await h.api(`dtclm_contracts(${contractId})/dtclm_signeddocument?x-ms-file-name=big.pdf`, {
      method: 'PATCH',
      headers: { 'x-ms-transfer-mode': 'chunked' },
    });
    expect(init.status).toBe(200);
    const chunk = Number(init.headers.get('x-ms-chunk-size'));
    expect(chunk).toBe(4 * 1024 * 1024);
    const location = init.headers.get('location')!;
    expect(location).toContain('sessiontoken=');
    const statuses: number[] = [];
    for (let offset = 0; offset < data.length; offset += chunk) {
      const part = data.subarray(offset, Math.min(offset + chunk, data.length));
      const r = await h.api(location, {
        method: 'PATCH',
        headers: {
          'Content-Type': 'application/octet-stream',
          'x-ms-file-name': 'big.pdf',
          'Content-Range': `bytes ${offset}-${offset + part.length - 1}/${data.length}`,
        },
        body: Buffer.from(part),
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([206, 206, 204]);
    const res = await fetch(`${h.dv.apiUrl}dtclm_contracts(${contractId})/dtclm_signeddocument/$value`, { headers: { Authorization: `Bearer ${h.appToken}` } });
    expect(res.headers.get('x-ms-file-size')).toBe(String(data.length));
    expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
  });

  test('a download of an empty file column is 404', async () => {
    const other = await h.api('dtclm_contracts', { method: 'POST', body: { dtclm_name: 'No file' } });
    const id = /\(([0-9a-f-]{36})\)$/.exec(other.headers.get('odata-entityid') ?? '')![1];
    const r = await h.api(`dtclm_contracts(${id})/dtclm_signeddocument/$value`);
    expect(r.status).toBe(404);
  });
});

describe('change tracking', () => {
  test('odata.track-changes gives a deltaLink; following it returns changed rows and $deletedEntity for deletes', async () => {
    const first = await h.api('accounts?$select=name,accountnumber', { headers: { Prefer: 'odata.track-changes' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('preference-applied')).toContain('odata.track-changes');
    expect(first.body['@odata.context']).toBe(`${h.dv.apiUrl}$metadata#accounts(name,accountnumber)/$delta`);
    const deltaLink: string = first.body['@odata.deltaLink'];
    expect(deltaLink).toContain('$deltatoken=');

    const created = await h.api('accounts', { method: 'POST', body: { name: 'Delta new' } });
    const newId = /\(([0-9a-f-]{36})\)$/.exec(created.headers.get('odata-entityid') ?? '')![1];
    await h.api(`accounts(${ids.contoso})`, { method: 'PATCH', body: { accountnumber: 'C-001b' } });
    const doomed = await h.api('accounts', { method: 'POST', body: { name: 'Doomed' } });
    const doomedId = /\(([0-9a-f-]{36})\)$/.exec(doomed.headers.get('odata-entityid') ?? '')![1];
    await h.api(`accounts(${ids.fabrikam})`, { method: 'DELETE' });
    await h.api(`accounts(${doomedId})`, { method: 'DELETE' });

    const delta = await h.api(deltaLink);
    expect(delta.status).toBe(200);
    const changed = delta.body.value.filter((v: Record<string, unknown>) => !('reason' in v));
    const deleted = delta.body.value.filter((v: Record<string, unknown>) => v.reason === 'deleted');
    expect(changed.map((c: { accountid: string }) => c.accountid).sort()).toEqual([ids.contoso, newId].sort());
    expect(changed.find((c: { accountid: string }) => c.accountid === ids.contoso).accountnumber).toBe('C-001b');
    expect(deleted).toEqual(
      expect.arrayContaining([
        { '@odata.context': `${h.dv.apiUrl}$metadata#accounts/$deletedEntity`, id: ids.fabrikam, reason: 'deleted' },
        { '@odata.context': `${h.dv.apiUrl}$metadata#accounts/$deletedEntity`, id: doomedId, reason: 'deleted' },
      ]),
    );
    expect(deleted).toHaveLength(2);

    const again = await h.api(delta.body['@odata.deltaLink']);
    expect(again.body.value).toEqual([]);
  });
});

describe('EntityDefinitions', () => {
  test('lists every table, filters by LogicalName, selects columns', async () => {
    const all = await h.api('EntityDefinitions?$select=LogicalName,EntitySetName');
    expect(all.status).toBe(200);
    expect(all.body.value.map((e: { LogicalName: string }) => e.LogicalName)).toEqual(expect.arrayContaining(['opportunity', 'dtclm_contract', 'quotedetail']));
    const one = await h.api(`EntityDefinitions?$select=LogicalName,EntitySetName&$filter=${encodeURIComponent("LogicalName eq 'quote'")}`);
    expect(one.body.value).toEqual([expect.objectContaining({ LogicalName: 'quote', EntitySetName: 'quotes' })]);
    expect(one.body.value[0].Attributes).toBeUndefined();
  });

  test('by LogicalName with its Attributes (types, lookup targets)', async () => {
    const r = await h.api("EntityDefinitions(LogicalName='opportunity')/Attributes?$select=LogicalName,AttributeType,Targets");
    expect(r.status).toBe(200);
    const byName = Object.fromEntries(r.body.value.map((a: { LogicalName: string }) => [a.LogicalName, a]));
    expect(byName.name.AttributeType).toBe('String');
    expect(byName.customerid.AttributeType).toBe('Customer');
    expect(byName.customerid.Targets).toEqual(['account', 'contact']);
    const entity = await h.api(
      "EntityDefinitions(LogicalName='opportunity')?$select=LogicalName,PrimaryIdAttribute&$expand=Attributes($select=LogicalName;$filter=LogicalName eq 'name')",
    );
    expect(entity.body.PrimaryIdAttribute).toBe('opportunityid');
    expect(entity.body.Attributes.map((a: { LogicalName: string }) => a.LogicalName)).toEqual(['name']);
    const relationships = await h.api("EntityDefinitions(LogicalName='quote')/OneToManyRelationships?$select=ReferencedEntityNavigationPropertyName");
    expect(relationships.body.value.map((x: { ReferencedEntityNavigationPropertyName: string }) => x.ReferencedEntityNavigationPropertyName)).toContain(
      'quote_details',
    );
  });

  test('a picklist attribute cast with $expand=OptionSet gives its choices; global choices are listed', async () => {
    const r = await h.api(
      "EntityDefinitions(LogicalName='dtclm_contract')/Attributes(LogicalName='dtclm_status')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet,GlobalOptionSet",
    );
    expect(r.status).toBe(200);
    expect(r.body.LogicalName).toBe('dtclm_status');
    const labels = r.body.OptionSet.Options.map((o: { Value: number; Label: { UserLocalizedLabel: { Label: string } } }) => [
      o.Value,
      o.Label.UserLocalizedLabel.Label,
    ]);
    expect(labels).toEqual(expect.arrayContaining([[718900005, 'Signed']]));
    expect(r.body.GlobalOptionSet.Name).toBe('dtclm_contractstatus');
    const all = await h.api("EntityDefinitions(LogicalName='dtclm_contract')/Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName");
    expect(all.body.value.map((a: { LogicalName: string }) => a.LogicalName)).toEqual(['dtclm_status']);
    const optionSet = await h.api(
      "EntityDefinitions(LogicalName='dtclm_contract')/Attributes(LogicalName='dtclm_status')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata/OptionSet?$select=Options",
    );
    expect(optionSet.status).toBe(200);
    expect(optionSet.body.Options.map((o: { Value: number }) => o.Value)).toContain(718900000);
    const globals = await h.api("GlobalOptionSetDefinitions(Name='dtclm_contractstatus')");
    expect(globals.status).toBe(200);
    expect(globals.body.Name).toBe('dtclm_contractstatus');
  });

  test('enum and complex-type filters as the documentation writes them', async () => {
    const picklists = await h.api(
      `EntityDefinitions(LogicalName='dtclm_contract')?$select=LogicalName&$expand=Attributes($select=LogicalName;$filter=AttributeType eq Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist')`,
    );
    expect(picklists.status).toBe(200);
    expect(picklists.body.Attributes.map((a: { LogicalName: string }) => a.LogicalName)).toEqual(['dtclm_status']);
    const orgOwned = await h.api(`EntityDefinitions?$select=LogicalName&$filter=OwnershipType eq Microsoft.Dynamics.CRM.OwnershipTypes'OrganizationOwned'`);
    expect(orgOwned.body.value.map((e: { LogicalName: string }) => e.LogicalName)).toContain('dtclm_template');
    expect(orgOwned.body.value.map((e: { LogicalName: string }) => e.LogicalName)).not.toContain('dtclm_contract');
  });

  test('RelationshipDefinitions by schema name, and cast to one-to-many', async () => {
    const one = await h.api("RelationshipDefinitions(SchemaName='quote_details')?$select=SchemaName,ReferencingEntity,ReferencedEntity");
    expect(one.status).toBe(200);
    expect(one.body).toEqual(expect.objectContaining({ SchemaName: 'quote_details', ReferencingEntity: 'quotedetail', ReferencedEntity: 'quote' }));
    const list = await h.api(
      `RelationshipDefinitions/Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata?$select=SchemaName&$filter=${encodeURIComponent("ReferencedEntity eq 'quote'")}`,
    );
    expect(list.body.value.map((r: { SchemaName: string }) => r.SchemaName)).toContain('quote_details');
  });

  test('an unknown table is 404', async () => {
    const r = await h.api("EntityDefinitions(LogicalName='nosuch')");
    expect(r.status).toBe(404);
  });
});

describe('$metadata', () => {
  test('CSDL with entity types, lookup properties and navigation properties', async () => {
    const r = await h.api('$metadata', { headers: { Accept: 'application/xml' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/xml');
    expect(r.text).toContain('<Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm"');
    expect(r.text).toContain('<EntityType Name="quote" BaseType="mscrm.crmbaseentity"><Key><PropertyRef Name="quoteid"/></Key>');
    expect(r.text).toContain('<Property Name="_customerid_value" Type="Edm.Guid"/>');
    expect(r.text).toContain('<NavigationProperty Name="quote_details" Type="Collection(mscrm.quotedetail)"');
    expect(r.text).toContain('<EntitySet Name="quotes" EntityType="Microsoft.Dynamics.CRM.quote">');
  });
});
