/**
 * A row the caller holds the privilege for, but whose depth does not reach it, is Dataverse's
 * access-check error, not "does not exist": Microsoft's troubleshooting article for error 80048306
 * ("Crm.80048306. Not enough privilege to access the Microsoft Dynamics 365 object or perform the
 * requested operation", detail "SecLib::AccessCheckEx failed. Returned hr = -2147187962, ObjectID: …,
 * OwnerId: …,  OwnerIdType: 8 and CallingUser: …. ObjectTypeCode: …, objectBusinessUnitId: …,
 * AccessRights: WriteAccess"). A row that does not exist stays 404 0x80040217
 * ("Perform conditional operations using the Web API": "account With Id = … Does Not Exist").
 */
import { demoUser } from '../../../../sandbox/seed/identities';
import { SEED_IDS } from '../../../../sandbox/dataverse/seed/ids';
import { startHarness, type Harness } from '../fixtures/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ world: false });
});
afterAll(async () => h.close());

const restricted = () => demoUser('restricted');

describe('access check (error 80048306)', () => {
  test('reading a row out of reach: 403 0x80048306, SecLib::AccessCheckEx with the row, its owner, the caller and ReadAccess', async () => {
    const r = await h.api(`opportunities(${SEED_IDS.opportunity})?$select=name`, { callerObjectId: restricted().objectId });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('0x80048306');
    expect(r.body.error.message).toMatch(
      new RegExp(
        `^SecLib::AccessCheckEx failed\\. Returned hr = -2147187962, ObjectID: ${SEED_IDS.opportunity}, OwnerId: ${demoUser('rep').systemUserId},  OwnerIdType: 8 and CallingUser: ${restricted().systemUserId}\\. ObjectTypeCode: 3, objectBusinessUnitId: [0-9a-f-]{36}, AccessRights: ReadAccess $`,
      ),
    );
  });

  test('the same row is simply absent from a list (no error)', async () => {
    const r = await h.api(`opportunities?$select=name&$filter=${encodeURIComponent(`opportunityid eq ${SEED_IDS.opportunity}`)}`, {
      callerObjectId: restricted().objectId,
    });
    expect([r.status, r.body.value]).toEqual([200, []]);
  });

  test('a row that does not exist is still 404 0x80040217 "… Does Not Exist"', async () => {
    const missing = '00000000-0000-0000-0000-000000000001';
    const r = await h.api(`opportunities(${missing})?$select=name`, { callerObjectId: restricted().objectId });
    expect([r.status, r.body.error.code, r.body.error.message]).toEqual([404, '0x80040217', `opportunity With Id = ${missing} Does Not Exist`]);
  });
});
