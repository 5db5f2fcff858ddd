/** previewMapping with fake ports: plan, read order (dependent requests after the ones they depend on), conversion, errors. */
import { type Answer, type RecordRequest } from '../../../functions/src/domain/mapping';
import type { ReadyRequest } from '../../../functions/src/services/ports';
import { previewMapping } from '../../../functions/src/services/mapping/preview-mapping';
import { FULL_MAPPING, FULL_TEMPLATE, LEGAL_REP_ID, METADATA, QUOTE_ID, quoteAnswer } from './fixtures';

const OPP_ID = 'aaaaaaaa-0000-4000-8000-000000000001';

function fakes(answerFor: (r: ReadyRequest) => Answer) {
  const reads: ReadyRequest[] = [];
  const metadataCalls: string[][] = [];
  return {
    reads,
    metadataCalls,
    deps: {
      records: { read: async (r: ReadyRequest) => (reads.push(r), answerFor(r)) },
      metadata: {
        load: async (names: readonly string[]) => {
          metadataCalls.push([...names]);
          return { entities: Object.fromEntries(names.filter((n) => METADATA.entities[n]).map((n) => [n, METADATA.entities[n]])), version: 'v1' };
        },
      },
      userContext: { contextOf: async () => ({ timeZone: 'America/New_York', locale: 'en-US' }) },
    },
  };
}

describe('previewMapping', () => {
  it('reads the record through the plan and returns name, fields, signatories and errors', async () => {
    const f = fakes((r) => (r.kind === 'record' && r.request.purpose === 'trigger' ? quoteAnswer() : { systemuserid: LEGAL_REP_ID, fullname: 'Jeanne' }));
    const p = await previewMapping(
      { mapping: FULL_MAPPING, template: { name: 'T', fields: FULL_TEMPLATE }, recordId: QUOTE_ID, caller: { callerObjectId: 'oid' } },
      f.deps,
    );
    expect(p.errors).toEqual([]);
    expect(p.name).toBe('Q-1001 Contoso rollout - Contoso Ltd');
    // In New York, 2026-03-09T23:30Z is still the 9th.
    expect(p.fields.dt0_date_de_signature).toBe('2026-03-09');
    expect(f.reads).toHaveLength(2);
    expect(f.reads[0]).toMatchObject({ kind: 'record', id: QUOTE_ID });
  });

  it('returns shape problems without reading anything', async () => {
    const f = fakes(() => null);
    const p = await previewMapping(
      { mapping: { trigger_entity: 'quote', feilds: {} }, template: { name: 'T', fields: [] }, recordId: QUOTE_ID, caller: { callerObjectId: 'oid' } },
      f.deps,
    );
    expect(p.errors.map((e) => e.path)).toEqual(['$.feilds']);
    expect(f.reads).toEqual([]);
  });

  it('loads the metadata of tables reached through bare paths, one step at a time', async () => {
    const f = fakes(() => ({ name: 'Opp', parentaccountid: { primarycontactid: { fullname: 'Ada' } } }));
    const p = await previewMapping(
      {
        mapping: { trigger_entity: 'opportunity', fields: { c: 'parentaccountid.primarycontactid.fullname' } },
        template: { name: 'T', fields: [{ key: 'c', label: 'C', type: 'text', required: true }] },
        recordId: QUOTE_ID,
        caller: { callerObjectId: 'oid' },
      },
      f.deps,
    );
    expect(p.fields.c).toBe('Ada');
    expect(f.metadataCalls.flat()).toEqual(expect.arrayContaining(['opportunity', 'account', 'contact']));
  });

  it('reads a split-off branch after the request that gives its id, and skips it when the lookup is empty', async () => {
    const chain = Array.from({ length: 17 }, () => 'parentaccountid');
    let first: Record<string, unknown> = { accountid: 'acc-15' };
    for (let i = 0; i < 15; i++) first = { parentaccountid: first };
    const f = fakes((r) => {
      const req = (r as { request: RecordRequest }).request;
      return req.id.kind === 'trigger' ? { name: 'Opp', ...first } : { accountid: 'acc-15', parentaccountid: { parentaccountid: { name: 'Deep' } } };
    });
    const input = {
      mapping: { trigger_entity: 'opportunity', fields: { c: `${chain.join('.')}.name` } },
      template: { name: 'T', fields: [{ key: 'c', label: 'C', type: 'text' as const, required: false }] },
      recordId: OPP_ID,
      caller: { callerObjectId: 'oid' },
    };
    const p = await previewMapping(input, f.deps);
    expect(p.fields.c).toBe('Deep');
    expect(f.reads.map((r) => (r.kind === 'record' ? r.id : 'batch'))).toEqual([OPP_ID, 'acc-15']);

    const empty = fakes(() => ({ name: 'Opp', parentaccountid: null }));
    const q = await previewMapping(input, empty.deps);
    expect(q.fields.c).toBeNull();
    expect(empty.reads).toHaveLength(1);
  });

  it('says so when the record cannot be read, instead of reporting every field empty', async () => {
    const f = fakes(() => null);
    const p = await previewMapping(
      { mapping: FULL_MAPPING, template: { name: 'T', fields: FULL_TEMPLATE }, recordId: QUOTE_ID, caller: { callerObjectId: 'oid' } },
      f.deps,
    );
    expect(p.errors).toEqual([expect.objectContaining({ kind: 'data', code: 'record_not_found', path: '$.trigger_entity' })]);
    expect(p.errors[0].message).toBe(`The Quote ${QUOTE_ID} cannot be read (missing, or you may not see it)`);
  });

  it('does not read with a mapping Dataverse would refuse, nor with an id that is not one', async () => {
    const f = fakes(() => quoteAnswer());
    const bad = await previewMapping(
      {
        mapping: { trigger_entity: 'quote', fields: { dt0_titre: 'nmae' } },
        template: { name: 'T', fields: FULL_TEMPLATE },
        recordId: QUOTE_ID,
        caller: { callerObjectId: 'oid' },
      },
      f.deps,
    );
    expect(bad.errors.map((e) => e.code)).toContain('unknown_attribute');
    const badId = await previewMapping(
      { mapping: FULL_MAPPING, template: { name: 'T', fields: FULL_TEMPLATE }, recordId: 'x)/../accounts(', caller: { callerObjectId: 'oid' } },
      f.deps,
    );
    expect(badId.errors.map((e) => e.code)).toEqual(['invalid_id']);
    expect(f.reads).toEqual([]);
  });
});
