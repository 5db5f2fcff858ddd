/**
 * Refresh and reconcile take the CLM's own status and sequence as the truth (issue 24, finding 2):
 * a row forged to Signed at sequence 999 with a fake PDF would otherwise keep it, and every genuine
 * later event would be dropped as older. Neither acts on a row whose CLM contract names another record.
 */
import { ConflictError } from '../../../functions/src/services/errors';
import { applyStatusEvent } from '../../../functions/src/services/status/apply-status-event';
import { reconcileStaleContracts, refreshContract } from '../../../functions/src/services/status/reconcile';
import type { ClmContractSnapshot } from '../../../functions/src/services/ports';
import { EXTERNAL_REF, FakeClm, FakeContractStore } from './fakes';

const inClm = (over: Partial<ClmContractSnapshot> = {}): ClmContractSnapshot => ({
  id: 'ctr_1',
  status: 'in_validation',
  sequence: 2,
  updatedAt: '2026-11-22T10:00:02Z',
  externalRef: EXTERNAL_REF,
  ...over,
});

function forged() {
  const store = new FakeContractStore();
  const clm = new FakeClm();
  store.addContract('row-1', 'ctr_1');
  Object.assign(store.rows.get('row-1')!, { status: 'signed', sequence: 999, file: { name: 'forged.pdf', size: 6 } });
  clm.contracts.set('ctr_1', inClm());
  return { store, clm };
}

describe('refresh', () => {
  it("sets a forged row back to the CLM's status and sequence, removes the PDF the CLM never signed, and records why", async () => {
    const { store, clm } = forged();
    const result = await refreshContract('row-1', { store, clm });
    expect(result).toEqual({ contractId: 'row-1', status: 'in_validation', sequence: 2, updated: true });
    expect(store.rows.get('row-1')).toMatchObject({ status: 'in_validation', sequence: 2 });
    expect(store.rows.get('row-1')!.file).toBeUndefined();
    const [corrected] = [...store.events.values()];
    expect(corrected.eventId).toMatch(/^connector:/);
    expect(JSON.parse(corrected.payload)).toMatchObject({ action: 'corrected', heldBefore: { status: 'signed', sequence: 999 } });
    expect(corrected.owner).toEqual({ type: 'systemuser', id: 'owner-1' });
  });

  it('lets the genuine later event apply once the row holds the CLM truth again', async () => {
    const { store, clm } = forged();
    await refreshContract('row-1', { store, clm });
    const later = {
      eventId: 'evt_3',
      clmContractId: 'ctr_1',
      status: 'validated' as const,
      sequence: 3,
      occurredAt: '2026-11-22T10:00:03Z',
      reason: null,
      signedDocumentId: null,
      externalRef: EXTERNAL_REF,
      payload: '{}',
    };
    expect(await applyStatusEvent(later, { store, clm })).toMatchObject({ kind: 'recorded', applied: true });
    expect(store.rows.get('row-1')).toMatchObject({ status: 'validated', sequence: 3 });
  });

  it("stores the CLM's signed PDF when the CLM says signed at a lower sequence than the forged one", async () => {
    const { store, clm } = forged();
    clm.contracts.set(
      'ctr_1',
      inClm({ status: 'signed', sequence: 5, documents: [{ id: 'doc_1', name: 'signed.pdf', kind: 'signed', size: 13, contentType: 'application/pdf' }] }),
    );
    await refreshContract('row-1', { store, clm });
    // Named as the CLM names the document (issue 25, finding 10).
    expect(store.rows.get('row-1')).toMatchObject({ status: 'signed', sequence: 5, file: { name: 'signed.pdf', size: 13 } });
    expect(clm.documentsFetched).toBe(1);
  });

  it('changes nothing and records nothing when the row already holds what the CLM says', async () => {
    const store = new FakeContractStore();
    const clm = new FakeClm();
    store.addContract('row-1', 'ctr_1', 2);
    Object.assign(store.rows.get('row-1')!, { status: 'in_validation' });
    clm.contracts.set('ctr_1', inClm());
    expect(await refreshContract('row-1', { store, clm })).toMatchObject({ updated: false });
    expect(store.events.size).toBe(0);
  });

  it('re-reads the row when a genuine event changed it during the correction (If-Match), instead of overwriting it', async () => {
    const { store, clm } = forged();
    let raced = false;
    store.beforeChange = () => {
      if (raced) return;
      raced = true;
      // The CLM moved on and its event was applied in between: both now say validated, 3.
      clm.contracts.set('ctr_1', inClm({ status: 'validated', sequence: 3 }));
      Object.assign(store.rows.get('row-1')!, { status: 'validated', sequence: 3, etag: 'W/"other"' });
    };
    expect(await refreshContract('row-1', { store, clm })).toMatchObject({ status: 'validated', sequence: 3 });
    expect(store.events.size).toBe(0);
  });

  it('corrects a row set back below a state reconcile already recorded (its event id is taken), instead of retrying forever', async () => {
    const store = new FakeContractStore();
    const clm = new FakeClm();
    store.addContract('row-1', 'ctr_1');
    clm.contracts.set('ctr_1', inClm());
    await refreshContract('row-1', { store, clm });
    Object.assign(store.rows.get('row-1')!, { status: 'draft', sequence: 1 }); // set back by hand
    expect(await refreshContract('row-1', { store, clm })).toMatchObject({ status: 'in_validation', sequence: 2, updated: true });
  });

  it('is 409 for a row whose CLM contract was made for another record, and changes nothing', async () => {
    const { store, clm } = forged();
    clm.contracts.set('ctr_1', inClm({ externalRef: { ...EXTERNAL_REF, id: 'a0000000-0000-4000-8000-0000000000ff' } }));
    await expect(refreshContract('row-1', { store, clm })).rejects.toBeInstanceOf(ConflictError);
    expect(store.rows.get('row-1')).toMatchObject({ status: 'signed', sequence: 999 });
  });
});

describe('reconcile', () => {
  it("corrects a stale row that holds a sequence the CLM never reached, and leaves (and counts) one whose CLM contract is another record's", async () => {
    const store = new FakeContractStore();
    const clm = new FakeClm();
    store.addContract('row-1', 'ctr_1');
    store.addContract('row-2', 'ctr_2');
    Object.assign(store.rows.get('row-1')!, { status: 'sent_for_signature', sequence: 999 });
    clm.contracts.set('ctr_1', inClm());
    clm.contracts.set('ctr_2', inClm({ id: 'ctr_2', externalRef: { ...EXTERNAL_REF, orgUrl: 'https://fabrikam.crm.dynamics.com' } }));
    const log = jest.fn();
    const result = await reconcileStaleContracts({ store, clm, orgUrl: 'https://contoso.crm4.dynamics.com', log });
    expect(result).toEqual({ checked: 2, updated: 1, unchanged: 0, refused: 1, failed: 0 });
    expect(store.rows.get('row-1')).toMatchObject({ status: 'in_validation', sequence: 2 });
    expect(store.rows.get('row-2')).toMatchObject({ status: 'draft', sequence: 1 });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('another Dynamics 365 organization'));
  });
});
