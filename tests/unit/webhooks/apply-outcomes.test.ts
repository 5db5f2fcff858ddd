/**
 * services/outcomes/apply-outcomes.ts against fakes: `win` (dtclm_outcome_settings) happens once, a
 * refusal is recorded with its reason and never retried, and `returns` writes what converts and
 * records what does not while the status has moved all the same (mapping.md "Back into Dynamics").
 */
import { applyOutcomes, type OutcomeDeps } from '../../../functions/src/services/outcomes/apply-outcomes';
import { RefusedWrite, type OutcomeRecord, type OutcomeStore } from '../../../functions/src/services/outcomes/ports';
import type { EventPlacement, NewContractEvent } from '../../../functions/src/services/ports';

const OPP = '00000000-0000-4000-8000-0000000000a1';
const ROW = '00000000-0000-4000-8000-0000000000c1';
const TEMPLATE = '00000000-0000-4000-8000-0000000000t1'.replace('t', 'e');

function world(
  over: {
    record?: Partial<OutcomeRecord>;
    win?: () => Promise<void>;
    update?: () => Promise<void>;
    settings?: string;
    clmFields?: Record<string, unknown>;
  } = {},
) {
  const calls = { win: 0, updates: [] as Record<string, unknown>[], contract: [] as Record<string, unknown>[] };
  const events: (NewContractEvent & EventPlacement)[] = [];
  const store: OutcomeStore = {
    contract: async () => ({
      id: ROW,
      name: 'MSA - Contoso',
      clmContractId: 'ctr_1',
      templateId: TEMPLATE,
      record: { entity: 'opportunity', id: OPP },
      endDate: null,
      renewalTaskOn: null,
      owner: { type: 'systemuser', id: 'u1' },
      etag: '*',
    }),
    templateContent: async () => ({
      fieldsJson: JSON.stringify([
        { key: 'dt0_total', label: 'Total', type: 'money', required: true },
        { key: 'dt0_end', label: 'End', type: 'date', required: false },
      ]),
      mappingJson: JSON.stringify({
        trigger_entity: 'opportunity',
        fields: { dt0_total: 'totalamount' },
        returns: { fields: { estimatedvalue: 'dt0_total' }, endDate: 'dt0_end' },
      }),
    }),
    record: async () => ({ name: 'Deal', currency: 'EUR', stateCode: 0, owner: { type: 'systemuser', id: 'u1' }, ...over.record }),
    updateRecord: async (_e, _id, data) => {
      calls.updates.push(data);
      await over.update?.();
    },
    updateContract: async (_id, change) => void calls.contract.push(change),
    win: async () => {
      calls.win++;
      await over.win?.();
    },
    outcomeSettingsJson: async () => over.settings ?? JSON.stringify({ opportunity: { signed: 'win' } }),
  };
  const deps: OutcomeDeps = {
    store,
    events: {
      eventExists: async (id) => events.some((e) => e.eventId === id),
      createEvent: async (e) => (events.some((x) => x.eventId === e.eventId) ? 'exists' : (events.push(e), 'created')),
    },
    metadata: {
      load: async () => ({
        entities: {
          opportunity: {
            logicalName: 'opportunity',
            attributes: { estimatedvalue: { logicalName: 'estimatedvalue', attributeType: 'Money' } },
            singleValued: {},
            collectionValued: {},
          },
        },
      }),
    },
    clm: {
      getContract: async () => ({
        id: 'ctr_1',
        status: 'signed',
        sequence: 5,
        updatedAt: '2026-01-01T00:00:00Z',
        fields: over.clmFields ?? { dt0_total: { amount: 42, currency: 'EUR' }, dt0_end: '2027-01-31' },
      }),
    },
  };
  return { deps, calls, events };
}

const signed = { contractRowId: ROW, status: 'signed' as const, sequence: 5 };

describe('win when signed', () => {
  it('wins the opportunity once, however often the outcomes run', async () => {
    const w = world();
    await applyOutcomes(signed, w.deps);
    await applyOutcomes(signed, w.deps);
    expect(w.calls.win).toBe(1);
    expect(w.events.filter((e) => e.name.startsWith('Opportunity won'))).toHaveLength(1);
  });

  it('records a refusal with its reason on the contract and in the history, and does not try again', async () => {
    const w = world({ win: () => Promise.reject(new RefusedWrite('a privilege is missing (Dataverse 0x80040220)')) });
    await applyOutcomes(signed, w.deps);
    await applyOutcomes(signed, w.deps);
    expect(w.calls.win).toBe(1);
    expect(w.calls.contract).toContainEqual({ lastError: expect.stringMatching(/not closed as won: a privilege is missing/) });
    expect(JSON.parse(w.events.find((e) => e.name.startsWith('Opportunity not won'))!.payload)).toMatchObject({ won: false, reason: /privilege/ });
  });

  it('does not call WinOpportunity for a record already won or closed, nor without the setting', async () => {
    for (const stateCode of [1, 2]) {
      const w = world({ record: { stateCode } });
      await applyOutcomes(signed, w.deps);
      expect(w.calls.win).toBe(0);
    }
    const off = world({ settings: '{}' });
    await applyOutcomes(signed, off.deps);
    expect(off.calls.win).toBe(0);
  });

  it('lets an outage through (the queue retries it) rather than recording it as a refusal', async () => {
    const w = world({ win: () => Promise.reject(new Error('socket hang up')) });
    await expect(applyOutcomes(signed, w.deps)).rejects.toThrow('socket hang up');
    expect(w.events).toHaveLength(0);
  });
});

describe('returns at signed', () => {
  it('writes the converted values and the end date', async () => {
    const w = world({ settings: '{}' });
    await applyOutcomes(signed, w.deps);
    expect(w.calls.updates).toEqual([{ estimatedvalue: 42 }]);
    expect(w.calls.contract).toEqual([{ endDate: '2027-01-31' }]);
  });

  it('records a value that cannot be written on the contract and as an event', async () => {
    const w = world({ settings: '{}', clmFields: { dt0_total: { amount: 42, currency: 'USD' }, dt0_end: '2027-01-31' } });
    await applyOutcomes(signed, w.deps);
    expect(w.calls.updates).toEqual([]);
    expect(w.calls.contract[0]).toMatchObject({ endDate: '2027-01-31', lastError: expect.stringMatching(/USD.*EUR/) });
    expect(w.events.map((e) => e.name)).toEqual([expect.stringMatching(/^Values not written back/)]);
  });

  it('records what Dynamics refused', async () => {
    const w = world({ settings: '{}', update: () => Promise.reject(new RefusedWrite('Dynamics refused it (HTTP 400)')) });
    await applyOutcomes(signed, w.deps);
    expect(w.calls.contract[0].lastError).toMatch(/refused the values \(estimatedvalue\)/);
  });

  it('does nothing at another status than `when`', async () => {
    const w = world({ settings: '{}' });
    await applyOutcomes({ ...signed, status: 'sent_for_signature' }, w.deps);
    expect(w.calls.updates).toEqual([]);
  });
});
