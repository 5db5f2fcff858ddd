/**
 * The editor's metadata reads (webresources/pages/admin/mapping/entity-metadata.ts) against the
 * Dataverse emulator, as the admin: the documented EntityDefinitions query shape is accepted, gives
 * the names the demo mappings use, and each table is read once however often it is asked for.
 * Requests are counted in the emulator's own log.
 */
import { demoUser } from '../../../sandbox/seed/identities';
import { entityMetadata } from '../../../webresources/pages/admin/mapping/entity-metadata';
import { startHarness, type Harness } from '../../sandbox/dataverse/fixtures/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ world: false });
});
afterAll(async () => h.close());

/** What the page's relative /api/data/v9.2/ URL reaches in Dynamics: the emulator, as the admin. */
async function readAsAdmin(url: string): Promise<unknown> {
  const r = await h.api(`${h.dv.url}${url}`, { callerObjectId: demoUser('admin').objectId });
  if (r.status !== 200) throw new Error(`${r.status} ${r.text}`);
  return r.body;
}

async function metadataRequests(): Promise<string[]> {
  const log = (await (await fetch(`${h.dv.url}/_sandbox/requests`)).json()) as { url: string }[];
  return log.map((l) => decodeURIComponent(l.url)).filter((u) => u.includes('EntityDefinitions'));
}

test('attributes, N:1 and 1:N navigation properties of the trigger entity and where they lead', async () => {
  await fetch(`${h.dv.url}/_sandbox/requests`, { method: 'DELETE' });
  const metadata = entityMetadata(readAsAdmin);
  const opportunity = await metadata.entity('opportunity');
  expect(opportunity?.attributes.map((a) => a.name)).toEqual(expect.arrayContaining(['name', 'estimatedclosedate', 'totalamount', 'description']));
  // A lookup's name column (AttributeOf) is not offered: it cannot be mapped.
  expect(opportunity?.attributes.map((a) => a.name)).not.toContain('parentaccountidname');
  expect(opportunity?.singleValued).toEqual(expect.arrayContaining([{ name: 'parentaccountid', target: 'account' }]));
  expect(opportunity?.collections).toEqual(expect.arrayContaining([{ name: 'product_opportunities', entity: 'opportunityproduct' }]));

  const account = await metadata.resolve({ kind: 'via', from: { kind: 'entity', name: 'opportunity' }, navigation: 'parentaccountid', many: false });
  expect(account?.logicalName).toBe('account');
  const lines = await metadata.resolve({ kind: 'via', from: { kind: 'entity', name: 'opportunity' }, navigation: 'product_opportunities', many: true });
  expect(lines?.attributes.map((a) => a.name)).toEqual(expect.arrayContaining(['productname', 'quantity', 'priceperunit']));
  await metadata.entity('opportunity');

  const requests = await metadataRequests();
  expect(requests.filter((u) => u.includes("LogicalName='opportunity'"))).toHaveLength(1);
  expect(requests.filter((u) => u.includes("LogicalName='account'"))).toHaveLength(1);
  expect(requests[0]).toContain('$expand=Attributes($select=LogicalName,AttributeType,AttributeOf,DisplayName),ManyToOneRelationships(');
});

test('a table Dataverse does not have is no table (and not a thrown error)', async () => {
  const metadata = entityMetadata(readAsAdmin);
  expect(await metadata.entity('nosuchtable')).toBeUndefined();
  expect(await metadata.entity("x') or (1 eq 1")).toBeUndefined();
});
