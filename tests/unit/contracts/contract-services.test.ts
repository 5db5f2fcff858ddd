/**
 * The contract use cases against in-memory ports (connector-api.md routes, issue 5): a replay
 * creates nothing and calls no CLM, twins share one run, a lost Dataverse write is made good by the
 * retry, the template's state and mapping give 404/409, the CLM's 422 comes back in words,
 * validation by flow id or the first flow, signatories from the body or 422 no_signatory.
 */
import type { RequestContractBody } from '../../../api/contracts';
import { requestContract, type RequestContractDeps } from '../../../functions/src/services/contracts/request-contract';
import { contractSignatories } from '../../../functions/src/services/contracts/contract-signatories';
import { sendForSignature } from '../../../functions/src/services/contracts/send-for-signature';
import { startValidation } from '../../../functions/src/services/contracts/start-validation';
import { TemplateCache } from '../../../functions/src/services/contracts/template-cache';
import { listValidationFlows } from '../../../functions/src/services/contracts/validation-flows';
import { ConflictError, NotFoundError, UnavailableError, UnprocessableError } from '../../../functions/src/services/errors';
import type { PreviewDeps } from '../../../functions/src/services/mapping/preview-mapping';
import { caller, FakeClm, FakeStore, RECORD_ID, TEMPLATE_ID } from './fakes';

const FIELDS = [{ key: 'dt0_customer', label: 'Customer', type: 'text', required: true }];
const MAPPING = { trigger_entity: 'opportunity', fields: { dt0_customer: 'name' } };
const SIGNATORY = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@contoso.example', order: 1 };

function setup() {
  const store = new FakeStore();
  store.templates.set(TEMPLATE_ID, {
    id: TEMPLATE_ID,
    name: 'NDA',
    clmTemplateId: 'tpl_nda',
    triggerEntity: 'opportunity',
    active: true,
    mappingBroken: false,
    version: '1',
    fieldsJson: JSON.stringify(FIELDS),
    mappingJson: JSON.stringify(MAPPING),
  });
  const clm = new FakeClm();
  let reads = 0;
  let nextId = 0;
  const deps: RequestContractDeps = {
    store,
    templates: new TemplateCache(store),
    mapping: {} as PreviewDeps,
    clm,
    settings: { rootFolderId: async () => 'fld_root' },
    orgUrl: 'https://contoso.crm4.dynamics.com',
    newId: () => `aaaaaaaa-0000-4000-8000-${String(++nextId).padStart(12, '0')}`,
    readRecord: async (input) => {
      reads++;
      if (input.template.mapping === undefined) throw new ConflictError('no mapping');
      return { name: 'NDA - Contoso', fields: { dt0_customer: 'Contoso' }, signatories: [SIGNATORY], errors: [] };
    },
  };
  return { store, clm, deps, reads: () => reads };
}

const body = (over: Partial<RequestContractBody> = {}): RequestContractBody => ({
  entity: 'opportunity',
  recordId: RECORD_ID,
  templateId: TEMPLATE_ID,
  requestKey: '33333333-3333-4333-8333-333333333333',
  ...over,
});

describe('requestContract', () => {
  it('creates the CLM contract with the request key as Idempotency-Key, then the row and its connector event', async () => {
    const { store, clm, deps } = setup();
    const r = await requestContract(body(), caller, deps);
    expect(r.created).toBe(true);
    expect(r.contract).toMatchObject({ clmContractId: 'ctr_1', name: 'NDA - Contoso', status: 'draft', clmUrl: 'https://clm.example/contracts/ctr_1' });
    expect(clm.calls).toEqual(['create 33333333-3333-4333-8333-333333333333']);
    const row = store.rows.get(r.contract.contractId)!;
    expect(row).toMatchObject({
      clmContractId: 'ctr_1',
      requestKey: '33333333-3333-4333-8333-333333333333',
      templateId: TEMPLATE_ID,
      record: { entity: 'opportunity', id: RECORD_ID },
    });
    expect(store.events).toHaveLength(1);
    expect(store.events[0].eventId).toMatch(/^connector:/);
    expect(store.events[0].name).toBe('Draft (1)');
  });

  it('answers a replay with the same contract, calling neither the CLM nor the record read', async () => {
    const { store, clm, deps, reads } = setup();
    const first = await requestContract(body(), caller, deps);
    const second = await requestContract(body(), caller, deps);
    expect(second).toEqual({ created: false, contract: first.contract });
    expect(clm.calls).toHaveLength(1);
    expect(reads()).toBe(1);
    expect(store.rows.size).toBe(1);
  });

  it('lets concurrent twins on one instance share one run: one CLM call, one row', async () => {
    const { store, clm, deps } = setup();
    const results = await Promise.all(Array.from({ length: 10 }, () => requestContract(body(), caller, deps)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.contract.contractId)).size).toBe(1);
    expect(clm.calls).toHaveLength(1);
    expect(store.rows.size).toBe(1);
  });

  it('reads the winner when a twin on another instance recorded the row first', async () => {
    const { store, deps } = setup();
    const winner = await requestContract(body(), caller, deps);
    // This instance saw no row at its first read, then lost the create-only write.
    const stale = {
      ...deps,
      store: Object.assign(Object.create(store), { loadRequestContext: async () => ({ template: { ...store.templates.get(TEMPLATE_ID)! } }) }),
    };
    const r = await requestContract(body(), caller, stale);
    expect(r).toEqual({ created: false, contract: winner.contract });
    expect(store.rows.size).toBe(1);
  });

  it('records, on retry, a contract the CLM made before a Dataverse failure', async () => {
    const { store, clm, deps } = setup();
    const failing = {
      ...deps,
      store: Object.assign(Object.create(store), { create: async () => Promise.reject(new UnavailableError('Dataverse is busy', 5, 'dataverse')) }),
    };
    await expect(requestContract(body(), caller, failing)).rejects.toBeInstanceOf(UnavailableError);
    expect(clm.contracts.size).toBe(1);
    const retry = await requestContract(body(), caller, deps);
    expect(retry.contract.clmContractId).toBe('ctr_1');
    expect(clm.contracts.size).toBe(1);
    expect(store.rows.size).toBe(1);
  });

  it('is 404 for an unknown template, 409 for an inactive one or one without mapping', async () => {
    const { store, deps } = setup();
    await expect(requestContract(body({ templateId: '99999999-9999-4999-8999-999999999999' }), caller, deps)).rejects.toBeInstanceOf(NotFoundError);
    store.templates.get(TEMPLATE_ID)!.active = false;
    await expect(requestContract(body(), caller, deps)).rejects.toBeInstanceOf(ConflictError);
    store.templates.get(TEMPLATE_ID)!.active = true;
    Object.assign(store.templates.get(TEMPLATE_ID)!, { mappingJson: null, version: '2' });
    await expect(requestContract(body(), caller, deps)).rejects.toThrow(ConflictError);
  });

  it('parses the template once per version', async () => {
    const { store, deps } = setup();
    await requestContract(body(), caller, deps);
    await requestContract(body({ requestKey: '44444444-4444-4444-8444-444444444444' }), caller, deps);
    expect(store.contentReads).toBe(1);
    store.templates.get(TEMPLATE_ID)!.version = '2';
    await requestContract(body({ requestKey: '55555555-5555-4555-8555-555555555555' }), caller, deps);
    expect(store.contentReads).toBe(2);
  });

  it("gives the CLM's 422 back one error per field, named by the template's label", async () => {
    const { clm, deps, store } = setup();
    clm.refuse = new UnprocessableError('validation_failed', [{ field: 'dt0_customer', message: 'is required' }]);
    const e = (await requestContract(body(), caller, deps).catch((x: unknown) => x)) as UnprocessableError;
    expect(e).toBeInstanceOf(UnprocessableError);
    expect(e.errors).toEqual([{ field: 'dt0_customer', message: 'Customer: is required' }]);
    expect(store.rows.size).toBe(0);
  });

  // dataverse-model.md, "Who writes what": the connector writes, the requester owns.
  it("gives the row and its event the requester as owner, and a quote's contract the quote's opportunity too", async () => {
    const { store, deps } = setup();
    const QUOTE = '66666666-6666-4666-8666-666666666666';
    store.quotes.set(QUOTE, RECORD_ID.toUpperCase());
    const r = await requestContract(body({ entity: 'quote', recordId: QUOTE }), caller, deps);
    expect(store.owners).toEqual([caller.systemUserId]);
    expect(store.rows.get(r.contract.contractId)).toMatchObject({ record: { entity: 'quote', id: QUOTE }, quoteId: QUOTE, opportunityId: RECORD_ID });
    // A quote without an opportunity: only the quote.
    store.quotes.set(QUOTE, null);
    const s = await requestContract(body({ entity: 'quote', recordId: QUOTE, requestKey: '77777777-7777-4777-8777-777777777777' }), caller, deps);
    expect(store.rows.get(s.contract.contractId)).toMatchObject({ quoteId: QUOTE, opportunityId: null });
  });

  it('is 503 naming the environment variable when the root folder is not set', async () => {
    const { deps } = setup();
    const e = await requestContract(body(), caller, { ...deps, settings: { rootFolderId: async () => undefined } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UnavailableError);
    expect((e as Error).message).toContain('Dilitrust_account_rootfolder');
  });
});

describe('validation and signature', () => {
  async function withContract() {
    const s = setup();
    const r = await requestContract(body(), caller, s.deps);
    return { ...s, id: r.contract.contractId };
  }
  const sigDeps = (s: ReturnType<typeof setup>) => ({ ...s.deps, templatesStore: s.store, mapping: s.deps.mapping });

  it('lists the flows in order', async () => {
    const s = await withContract();
    s.clm.flows.reverse();
    const answer = await listValidationFlows(s.id, caller, s.deps);
    expect(answer.flows.map((f) => f.position)).toEqual([1, 2]);
  });

  it('starts the first flow by default, or the one asked for, and records the new status', async () => {
    const s = await withContract();
    const r = await startValidation(s.id, { flowId: 'flow_finance' }, caller, s.deps);
    expect(r).toEqual({ status: 'in_validation', flow: { id: 'flow_finance', name: 'Finance and legal', position: 2 } });
    expect(s.clm.calls).toContain('validate ctr_1 flow_finance');
    expect(s.store.rows.get(s.id)).toMatchObject({ status: 'in_validation', sequence: 2 });
    expect(s.store.events.at(-1)?.name).toBe('In validation (2)');

    const t = await withContract();
    expect((await startValidation(t.id, {}, caller, t.deps)).flow.id).toBe('flow_legal');
  });

  it('is 409 when the status forbids validation, 422 for an unknown flow, 404 for a hidden contract', async () => {
    const s = await withContract();
    await expect(startValidation(s.id, { flowId: 'nope' }, caller, s.deps)).rejects.toBeInstanceOf(UnprocessableError);
    await startValidation(s.id, {}, caller, s.deps);
    await expect(startValidation(s.id, {}, caller, s.deps)).rejects.toBeInstanceOf(ConflictError);
    s.store.hidden.add(s.id);
    await expect(startValidation(s.id, {}, caller, s.deps)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('sends with the signatories of the body', async () => {
    const s = await withContract();
    expect(await sendForSignature(s.id, { signatories: [SIGNATORY, { ...SIGNATORY, email: 'b@x.example', order: 2 }] }, caller, sigDeps(s))).toEqual({
      status: 'sent_for_signature',
    });
    expect(s.clm.calls).toContain('sign ctr_1 2');
  });

  it('is 422 no_signatory, in words, when neither the body, the mapping nor the CLM contract gives one', async () => {
    const s = await withContract();
    s.store.templates.delete(TEMPLATE_ID);
    s.clm.contracts.set('ctr_1', { ...s.clm.contracts.get('ctr_1')!, signatories: [] });
    const e = (await sendForSignature(s.id, {}, caller, sigDeps(s)).catch((x: unknown) => x)) as UnprocessableError;
    expect(e).toBeInstanceOf(UnprocessableError);
    expect(e.message).toMatch(/No one to sign/);
    expect(e.errors?.[0].field).toBe('signatories');
  });

  it('without a list and without a mapping, sends the signatories the CLM contract has (those checked when it was requested)', async () => {
    const s = await withContract();
    s.store.templates.delete(TEMPLATE_ID);
    await sendForSignature(s.id, {}, caller, sigDeps(s));
    expect(s.clm.calls).toContain('sign ctr_1 1');
  });

  // Issue 25, finding 1: the list the rep gave at request time is the contract's list.
  it("sends, without a list, the signatories the rep chose at request time (one added by hand included), not the mapping's", async () => {
    const s = setup();
    const grace = { firstName: 'Grace', lastName: 'Hopper', email: 'grace.hopper@contoso.example', order: 2 };
    const r = await requestContract(body({ signatories: [SIGNATORY, grace] }), caller, s.deps);
    s.store.templates.delete(TEMPLATE_ID);
    const shown = await contractSignatories(r.contract.contractId, caller, sigDeps(s));
    expect(shown).toMatchObject({ signatories: [SIGNATORY, grace], source: 'contract' });
    await sendForSignature(r.contract.contractId, {}, caller, sigDeps(s));
    expect(s.clm.calls).toContain('sign ctr_1 2');
  });

  it("makes a contract without signatories when the rep gives an empty list (the dialog asked first), not with the mapping's", async () => {
    const s = setup();
    await requestContract(body({ signatories: [] }), caller, s.deps);
    expect(s.clm.contracts.get('ctr_1')?.signatories ?? []).toEqual([]);
  });

  it("shows who would sign before sending: the CLM contract's signatories in signing order, or none", async () => {
    const s = await withContract();
    s.store.templates.delete(TEMPLATE_ID);
    const second = { ...SIGNATORY, email: 'b@x.example', order: 2 };
    s.clm.contracts.set('ctr_1', { ...s.clm.contracts.get('ctr_1')!, signatories: [second, SIGNATORY] });
    expect(await contractSignatories(s.id, caller, sigDeps(s))).toEqual({
      signatories: [SIGNATORY, second],
      source: 'contract',
      origins: ['added', 'added'],
      errors: [],
    });
    s.clm.contracts.set('ctr_1', { ...s.clm.contracts.get('ctr_1')!, signatories: [] });
    expect(await contractSignatories(s.id, caller, sigDeps(s))).toEqual({ signatories: [], source: 'none', origins: [], errors: [] });
    expect(s.clm.calls.filter((c) => c.startsWith('sign'))).toEqual([]);
    s.store.hidden.add(s.id);
    await expect(contractSignatories(s.id, caller, sigDeps(s))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("writes an action's event owned as the contract, naming who asked for it", async () => {
    const s = await withContract();
    const signer = { ...caller, systemUserId: 's-signer' };
    await sendForSignature(s.id, { signatories: [SIGNATORY] }, signer, sigDeps(s));
    expect(s.store.owners).toEqual([caller.systemUserId, caller.systemUserId]);
    expect(JSON.parse(s.store.events.at(-1)!.payload)).toMatchObject({ action: 'signature', by: 's-signer' });
  });

  // Issue 24, finding 1: a planted dtclm_clmcontractid.
  it('is 409, in words, for flows, validation, signatories and signature when the CLM contract names another record; nothing is asked of the CLM', async () => {
    const s = await withContract();
    const planted = {
      ...s.clm.contracts.get('ctr_1')!,
      externalRef: { system: 'dynamics365', entity: 'opportunity', id: '99999999-0000-4000-8000-000000000000' },
    };
    s.clm.contracts.set('ctr_1', planted);
    const refusals = {
      flows: () => listValidationFlows(s.id, caller, s.deps),
      validation: () => startValidation(s.id, {}, caller, s.deps),
      signatories: () => contractSignatories(s.id, caller, sigDeps(s)),
      signature: () => sendForSignature(s.id, { signatories: [SIGNATORY] }, caller, sigDeps(s)),
    };
    for (const [route, call] of Object.entries(refusals)) {
      const e = await call().then(
        () => undefined,
        (x: unknown) => x,
      );
      expect({ route, refused: e instanceof ConflictError, detail: (e as Error | undefined)?.message }).toEqual({
        route,
        refused: true,
        detail: expect.stringMatching(/points at a CLM contract that is not its own \(the CLM contract was made for another opportunity\)/),
      });
    }
    expect(s.clm.calls.filter((c) => !c.startsWith('get') && !c.startsWith('create'))).toEqual([]);
    // Made for this opportunity but in another organization: refused too.
    s.clm.contracts.set('ctr_1', {
      ...planted,
      externalRef: { system: 'dynamics365', entity: 'opportunity', id: RECORD_ID, orgUrl: 'https://fabrikam.crm.dynamics.com' },
    });
    await expect(listValidationFlows(s.id, caller, s.deps)).rejects.toThrow(/another Dynamics 365 organization/);
  });

  it('is 409 once the contract is sent', async () => {
    const s = await withContract();
    await sendForSignature(s.id, { signatories: [SIGNATORY] }, caller, sigDeps(s));
    await expect(sendForSignature(s.id, { signatories: [SIGNATORY] }, caller, sigDeps(s))).rejects.toBeInstanceOf(ConflictError);
  });
});
