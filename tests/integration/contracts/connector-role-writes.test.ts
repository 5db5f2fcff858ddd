/**
 * The connector's writes of contracts and events need only the role the solution ships for its
 * application user, "Dilitrust CLM Connector" (solution/model/roles.ts; dataverse-model.md, "The
 * application user's role"): the admin's scripted steps give the app user that role and no other,
 * and the repositories the functions use make a contract owned by the requester (from a quote,
 * naming the quote's opportunity too), record an action, move a status with If-Match, store and
 * clear a signed PDF, and read the row as the requester (CallerObjectId), all without a 403.
 */
import { randomUUID } from 'node:crypto';
import { setUpDynamicsAsAdmin } from '../../../sandbox/admin-setup';
import { DataverseContractStatusRepository } from '../../../functions/src/adapters/dataverse/contract-status-repository';
import { DataverseContractsRepository } from '../../../functions/src/adapters/dataverse/contracts-repository';
import { createDataverse, type Dataverse } from '../../../functions/src/adapters/dataverse/create-dataverse';
import { loadConfig } from '../../../functions/src/config';
import { startDataverse, type DataverseSandbox } from '../../../sandbox/dataverse';
import { SEED_IDS } from '../../../sandbox/dataverse/seed/ids';
import { startIdentity, type IdentitySandbox } from '../../../sandbox/identity';
import { CONNECTOR_APP, demoUser } from '../../../sandbox/seed/identities';
import { connectorSettings } from '../../../sandbox/world';

let identity: IdentitySandbox;
let dataverse: DataverseSandbox;
let dv: Dataverse;

beforeAll(async () => {
  identity = await startIdentity({ resources: [] });
  dataverse = await startDataverse({ issuer: identity.issuer, jwksUri: identity.jwksUri });
  identity.addResource(dataverse.url);
  // As the admin guide's steps do: the application user, with the shipped Connector role and nothing else.
  await setUpDynamicsAsAdmin({ tokenEndpoint: identity.tokenEndpoint, dataverse });
  // No storage is used here: the connection string only has to be well formed.
  const storage = { connectionString: 'UseDevelopmentStorage=true' } as Parameters<typeof connectorSettings>[2];
  dv = createDataverse(loadConfig(connectorSettings(identity, dataverse, storage)));
}, 60_000);
afterAll(async () => {
  await dataverse?.close();
  await identity?.close();
});

describe('with only the Dilitrust CLM Connector role, the application user', () => {
  it('makes, updates and corrects contracts and events owned by the requester, and reads them as the requester', async () => {
    const rep = demoUser('rep');
    const template: { dtclm_templateid: string } = await dv.api.create({
      collection: 'dtclm_templates',
      data: { dtclm_name: 'Quote Acceptance', dtclm_clmtemplateid: `tpl_${randomUUID().slice(0, 8)}` },
      returnRepresentation: true,
    });
    const contracts = new DataverseContractsRepository(dv.api);
    const statuses = new DataverseContractStatusRepository(dv.api);
    const context = await contracts.loadRequestContext(template.dtclm_templateid, randomUUID(), { callerObjectId: rep.objectId }, SEED_IDS.quote);
    expect(context.quoteOpportunityId).toBe(SEED_IDS.opportunity);

    const id = randomUUID();
    const event = (n: number) => ({
      eventId: `connector:${randomUUID()}`,
      name: `Draft (${n})`,
      status: 'draft' as const,
      sequence: n,
      occurredOn: new Date().toISOString(),
      payload: '{}',
    });
    expect(
      await contracts.create(
        {
          id,
          name: 'Quote Acceptance - Q-1001',
          clmContractId: `ctr_${randomUUID().slice(0, 8)}`,
          requestKey: randomUUID(),
          status: 'draft',
          sequence: 1,
          statusChangedOn: new Date().toISOString(),
          clmUrl: 'https://clm.example/contracts/1',
          templateId: template.dtclm_templateid,
          record: { entity: 'quote', id: SEED_IDS.quote },
          quoteOpportunityId: SEED_IDS.opportunity,
          ownerId: rep.systemUserId,
        },
        event(1),
      ),
    ).toBe('created');

    const asRep = await contracts.get(id, { callerObjectId: rep.objectId });
    expect(asRep).toMatchObject({ owner: { type: 'systemuser', id: rep.systemUserId }, quoteId: SEED_IDS.quote, opportunityId: SEED_IDS.opportunity });
    await contracts.updateStatus(id, { status: 'in_validation', sequence: 2, statusChangedOn: new Date().toISOString() }, event(2), asRep!.owner);

    const row = (await statuses.findById(id))!;
    expect(await statuses.changeStatus(row, { status: 'signed', sequence: 3, statusChangedOn: new Date().toISOString(), reason: null })).toBe('changed');
    await statuses.storeSignedDocument(id, 'signed.pdf', Buffer.from('%PDF-1.7 signed'));
    await statuses.clearSignedDocument(id);
    expect(await statuses.createEvent({ ...event(3), contractRowId: id, owner: row.owner })).toBe('created');

    const events = await dv.api.retrieveMultiple<{ _ownerid_value: string; _createdby_value: string }>({
      collection: 'dtclm_contractevents',
      select: ['_ownerid_value', '_createdby_value'],
      filter: `_dtclm_contractid_value eq ${id}`,
    });
    expect(events.value).toHaveLength(3);
    for (const e of events.value) expect(e).toMatchObject({ _ownerid_value: rep.systemUserId, _createdby_value: CONNECTOR_APP.systemUserId });
  });
});
