import { randomUUID } from 'node:crypto';
import type { ClmSandbox } from '../../../sandbox/clm';
import { CONTRACT_STATUSES } from '../../../sandbox/clm/contracts/status-machine';
import type { ClmTestClient } from './helpers/client';
import { contractBody, createContract, MSA, signatory, validMsaFields, validNdaFields } from './helpers/fixtures';
import { startWithClient } from './helpers/sandbox';
import { spec } from './helpers/spec';

/** clm-api.yaml: the /contracts paths, the lifecycle, idempotency, documents. */
describe('CLM sandbox: contracts', () => {
  // Answers are checked against the spec's schemas, which catches a status the spec lacks; this
  // catches the other way round, a status of the spec the sandbox's lifecycle could never reach.
  it("knows exactly the statuses of clm-api.yaml's ContractStatus", () => {
    const statuses = (spec as unknown as { components: { schemas: { ContractStatus: { enum: string[] } } } }).components.schemas.ContractStatus.enum;
    expect([...CONTRACT_STATUSES].sort()).toEqual([...statuses].sort());
  });

  let clm: ClmSandbox;
  let client: ClmTestClient;

  beforeAll(async () => {
    ({ clm, client } = await startWithClient());
  });
  afterAll(() => clm.close());

  const post = (json: unknown, key: string = randomUUID()) => client.call('POST', '/contracts', { headers: { 'Idempotency-Key': key }, json });
  const get = (contractId: string) => client.call('GET', '/contracts/{contractId}', { params: { contractId } });
  const contractCount = async () => (await client.control('GET', '/contracts')).body.length as number;

  describe('POST /contracts', () => {
    test('creates a draft: 201, sequence, url under the web base, a draft document, Location', async () => {
      const answer = await post(contractBody(clm.rootFolderId));
      expect(answer.status).toBe(201);
      const contract = answer.body;
      expect(contract.status).toBe('draft');
      expect(contract.id.length).toBeLessThanOrEqual(64);
      expect(contract.url).toBe(`${clm.webBase}/contracts/${contract.id}`);
      expect(contract.folderId).toBe(clm.rootFolderId);
      expect(contract.fields).toEqual(validNdaFields);
      expect(contract.documents.map((d: any) => d.kind)).toEqual(['draft']);
      expect(answer.headers.get('location')).toBe(`${clm.apiBase}/contracts/${contract.id}`);
      expect((await get(contract.id)).body).toEqual(contract);
    });

    test('the same Idempotency-Key answers 200 with the first contract and creates nothing', async () => {
      const key = randomUUID();
      const first = await post(contractBody(clm.rootFolderId), key);
      const count = await contractCount();
      const again = await post(contractBody(clm.rootFolderId), key);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      expect(await contractCount()).toBe(count);
    });

    test('a different body with a used key still answers the first contract (the spec ties the key to the contract, not the body)', async () => {
      const key = randomUUID();
      const first = await post(contractBody(clm.rootFolderId, { name: 'First' }), key);
      const count = await contractCount();
      const other = await post(contractBody(clm.rootFolderId, { name: 'Second', fields: {} }), key);
      expect(other.status).toBe(200);
      expect(other.body).toMatchObject({ id: first.body.id, name: 'First' });
      expect(await contractCount()).toBe(count);
    });

    test('a refused request does not use up its key', async () => {
      const key = randomUUID();
      expect((await post(contractBody(clm.rootFolderId, { fields: {} }), key)).status).toBe(422);
      expect((await post(contractBody(clm.rootFolderId), key)).status).toBe(201);
    });

    test('the replay answers the contract as it is now', async () => {
      const key = randomUUID();
      const first = await post(contractBody(clm.rootFolderId), key);
      await client.call('POST', '/contracts/{contractId}/validations', { params: { contractId: first.body.id } });
      const replay = await post(contractBody(clm.rootFolderId), key);
      expect(replay.body.status).toBe('in_validation');
    });

    test('Idempotency-Key is required, at most 128 characters', async () => {
      const none = await client.call('POST', '/contracts', { json: contractBody(clm.rootFolderId) });
      expect(none.status).toBe(400);
      expect(none.body.details[0].field).toBe('Idempotency-Key');
      expect((await post(contractBody(clm.rootFolderId), 'k'.repeat(129))).status).toBe(400);
    });

    test('unknown template or folder is 404', async () => {
      expect((await post(contractBody(clm.rootFolderId, { templateId: 'tpl_nope' }))).status).toBe(404);
      const folder = await post(contractBody('fld_nope'));
      expect(folder.status).toBe(404);
      expect(folder.body.error).toBe('not_found');
    });

    test('an archived template is 422', async () => {
      const answer = await post(contractBody(clm.rootFolderId, { templateId: 'tpl_nda_2019_archived', fields: { dt0_counterparty_name: 'X' } }));
      expect(answer.status).toBe(422);
      expect(answer.body.details).toEqual([expect.objectContaining({ field: 'templateId' })]);
    });

    test('a body that breaks the schema is 422 validation_failed with a detail per problem', async () => {
      const { externalRef: _drop, ...noRef } = contractBody(clm.rootFolderId);
      const answer = await post({ ...noRef, name: 'x'.repeat(201), signatories: [{ firstName: 'A', lastName: 'B', email: 'not-an-email' }] });
      expect(answer.status).toBe(422);
      expect(answer.body.error).toBe('validation_failed');
      const fields = answer.body.details.map((d: any) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['externalRef', 'name', 'signatories[0].email']));
      const badRef = await post(contractBody(clm.rootFolderId, { externalRef: { system: 'salesforce', entity: 'account', id: '42' } }));
      expect(badRef.status).toBe(422);
      expect(badRef.body.details.map((d: any) => d.field)).toEqual(expect.arrayContaining(['externalRef.system', 'externalRef.entity', 'externalRef.id']));
    });
  });

  describe('field values against the template (422, one detail per field)', () => {
    async function detailsFor(templateId: string, fields: Record<string, unknown>): Promise<Record<string, string>> {
      const answer = await post(contractBody(clm.rootFolderId, { templateId, fields }));
      expect(answer.status).toBe(422);
      expect(answer.body.error).toBe('validation_failed');
      const byField: Record<string, string> = {};
      for (const d of answer.body.details) {
        expect(byField[d.field]).toBeUndefined(); // one detail per field
        byField[d.field] = d.message;
      }
      return byField;
    }

    test('valid values of every type are accepted', async () => {
      expect((await post(contractBody(clm.rootFolderId, { templateId: MSA, fields: validMsaFields }))).status).toBe(201);
      const nda = { ...validNdaFields, dt0_purpose: 'line 1\nline 2', dt0_governing_law: null, dt0_date_de_signature: '2026-12-31T23:59:59Z' };
      expect((await post(contractBody(clm.rootFolderId, { fields: nda }))).status).toBe(201);
    });

    test('required: missing, null and blank are refused; optional fields may be left out or null', async () => {
      const details = await detailsFor('tpl_nda', { dt0_counterparty_name: '  ', dt0_effective_date: null });
      expect(Object.keys(details).sort()).toEqual(['dt0_counterparty_name', 'dt0_effective_date', 'dt0_nda_type']);
    });

    test('types: text, number, money, date, datetime, boolean each refuse the wrong shape', async () => {
      const msa = await detailsFor(MSA, {
        dt0_customer_name: 42,
        dt0_total_amount: 12000,
        dt0_term_months: '24',
        dt0_auto_renewal: 'yes',
        dt0_start_date: '2026-02-30',
      });
      expect(Object.keys(msa).sort()).toEqual(['dt0_auto_renewal', 'dt0_customer_name', 'dt0_start_date', 'dt0_term_months', 'dt0_total_amount']);
      const nda = await detailsFor('tpl_nda', { ...validNdaFields, dt0_date_de_signature: '2026-12-31T23:59:59+02:00' });
      expect(Object.keys(nda)).toEqual(['dt0_date_de_signature']);
      const badDate = await detailsFor('tpl_nda', { ...validNdaFields, dt0_effective_date: '01/12/2026' });
      expect(Object.keys(badDate)).toEqual(['dt0_effective_date']);
    });

    test('money needs a number amount and an ISO 4217 currency, nothing else', async () => {
      for (const money of [
        { amount: '10', currency: 'EUR' },
        { amount: 10, currency: 'euro' },
        { amount: 10, currency: 'XYZ' },
        { amount: 10 },
        { amount: 10, currency: 'EUR', vat: 2 },
      ]) {
        const details = await detailsFor(MSA, { ...validMsaFields, dt0_total_amount: money });
        expect(Object.keys(details)).toEqual(['dt0_total_amount']);
      }
    });

    test('maxLength counts characters', async () => {
      const ok = await post(contractBody(clm.rootFolderId, { fields: { ...validNdaFields, dt0_counterparty_name: 'é'.repeat(100) } }));
      expect(ok.status).toBe(201);
      const details = await detailsFor('tpl_nda', { ...validNdaFields, dt0_counterparty_name: 'x'.repeat(101) });
      expect(details.dt0_counterparty_name).toMatch(/100/);
    });

    test('a choice must be one of the option values (not a label)', async () => {
      const details = await detailsFor('tpl_nda', { ...validNdaFields, dt0_nda_type: 'Mutual' });
      expect(Object.keys(details)).toEqual(['dt0_nda_type']);
    });

    test('a key the template does not have is refused', async () => {
      const details = await detailsFor('tpl_nda', { ...validNdaFields, dt0_colour: 'blue' });
      expect(Object.keys(details)).toEqual(['dt0_colour']);
    });

    test('table: rows are objects keyed by column key; unknown columns, missing required cells and wrong cell types are refused, one detail for the table', async () => {
      const details = await detailsFor(MSA, {
        ...validMsaFields,
        dt0_lines: [
          { product: 'Support', quantity: 'two', unit_price: { amount: 1, currency: 'EUR' } },
          { product: 'Training', unit_price: { amount: 1, currency: 'EUR' }, colour: 'red' },
          'not a row',
        ],
      });
      expect(Object.keys(details)).toEqual(['dt0_lines']);
      expect(details.dt0_lines).toMatch(/row 1: quantity/);
      expect(details.dt0_lines).toMatch(/row 2: colour/);
      expect(details.dt0_lines).toMatch(/row 2: quantity is required/);
      expect(details.dt0_lines).toMatch(/row 3/);
      const notArray = await detailsFor(MSA, { ...validMsaFields, dt0_lines: { product: 'x' } });
      expect(Object.keys(notArray)).toEqual(['dt0_lines']);
    });
  });

  describe('GET /contracts/{contractId}', () => {
    test('404 for an unknown contract', async () => {
      const answer = await get('ctr_missing');
      expect(answer.status).toBe(404);
      expect(answer.body.error).toBe('not_found');
    });
  });

  describe('validation flows and validations', () => {
    test('every contract has two flows in their defined order', async () => {
      const contract = await createContract(client, clm.rootFolderId);
      const flows = await client.call('GET', '/contracts/{contractId}/validation-flows', { params: { contractId: contract.id } });
      expect(flows.status).toBe(200);
      expect(flows.body.data.map((f: any) => f.position)).toEqual([1, 2]);
    });

    test('without flowId the first defined flow starts: 202, in_validation, sequence grows', async () => {
      const contract = await createContract(client, clm.rootFolderId);
      const answer = await client.call('POST', '/contracts/{contractId}/validations', { params: { contractId: contract.id } });
      expect(answer.status).toBe(202);
      expect(answer.body.status).toBe('in_validation');
      expect(answer.body.sequence).toBeGreaterThan(contract.sequence);
      const page = await fetch(contract.url).then((r) => r.text());
      expect(page).toContain('Legal review');
    });

    test('a given flowId starts that flow; an unknown one is 422 no_validation_flow', async () => {
      const contract = await createContract(client, clm.rootFolderId);
      const flows = (await client.call('GET', '/contracts/{contractId}/validation-flows', { params: { contractId: contract.id } })).body.data;
      const unknown = await client.call('POST', '/contracts/{contractId}/validations', { params: { contractId: contract.id }, json: { flowId: 'flw_nope' } });
      expect(unknown.status).toBe(422);
      expect(unknown.body.error).toBe('no_validation_flow');
      const second = await client.call('POST', '/contracts/{contractId}/validations', { params: { contractId: contract.id }, json: { flowId: flows[1].id } });
      expect(second.status).toBe(202);
      expect(await fetch(contract.url).then((r) => r.text())).toContain(flows[1].name);
    });

    test('a template without flows is 422 no_validation_flow', async () => {
      await client.control('POST', '/templates', { id: 'tpl_no_flows', name: 'No flows', fields: [], validationFlows: [] });
      const contract = await createContract(client, clm.rootFolderId, { templateId: 'tpl_no_flows', fields: {} });
      const answer = await client.call('POST', '/contracts/{contractId}/validations', { params: { contractId: contract.id } });
      expect(answer.status).toBe(422);
      expect(answer.body.error).toBe('no_validation_flow');
    });

    test('validation from a state other than draft or rejected is 409 invalid_state; from rejected it may start again', async () => {
      const contract = await createContract(client, clm.rootFolderId);
      const start = () => client.call('POST', '/contracts/{contractId}/validations', { params: { contractId: contract.id } });
      await start();
      const again = await start();
      expect(again.status).toBe(409);
      expect(again.body.error).toBe('invalid_state');
      await client.control('POST', `/contracts/${contract.id}/transition`, { to: 'rejected', reason: 'Wrong counterparty' });
      expect((await start()).status).toBe(202);
    });

    test('unknown contract is 404', async () => {
      expect((await client.call('POST', '/contracts/{contractId}/validations', { params: { contractId: 'ctr_x' } })).status).toBe(404);
      expect((await client.call('GET', '/contracts/{contractId}/validation-flows', { params: { contractId: 'ctr_x' } })).status).toBe(404);
    });
  });

  describe('signature', () => {
    test('needs a signatory: 422 no_signatory', async () => {
      const contract = await createContract(client, clm.rootFolderId, { signatories: [] });
      const answer = await client.call('POST', '/contracts/{contractId}/signature', { params: { contractId: contract.id } });
      expect(answer.status).toBe(422);
      expect(answer.body.error).toBe('no_signatory');
      const empty = await client.call('POST', '/contracts/{contractId}/signature', { params: { contractId: contract.id }, json: { signatories: [] } });
      expect(empty.status).toBe(422);
    });

    test('signatories in the body replace those of the contract: 202 sent_for_signature', async () => {
      const contract = await createContract(client, clm.rootFolderId, { signatories: [] });
      const other = { ...signatory, email: 'grace@contoso.example', firstName: 'Grace' };
      const answer = await client.call('POST', '/contracts/{contractId}/signature', { params: { contractId: contract.id }, json: { signatories: [other] } });
      expect(answer.status).toBe(202);
      expect(answer.body.status).toBe('sent_for_signature');
      expect(answer.body.signatories).toEqual([other]);
    });

    test('a signatory that breaks the schema is 422 validation_failed', async () => {
      const contract = await createContract(client, clm.rootFolderId);
      const answer = await client.call('POST', '/contracts/{contractId}/signature', {
        params: { contractId: contract.id },
        json: { signatories: [{ ...signatory, order: 0 }] },
      });
      expect(answer.status).toBe(422);
      expect(answer.body.error).toBe('validation_failed');
    });

    test('from validated it may be sent; from in_validation or sent_for_signature it is 409 invalid_state', async () => {
      const contract = await createContract(client, clm.rootFolderId);
      const send = () => client.call('POST', '/contracts/{contractId}/signature', { params: { contractId: contract.id } });
      await client.call('POST', '/contracts/{contractId}/validations', { params: { contractId: contract.id } });
      expect((await send()).status).toBe(409);
      await client.control('POST', `/contracts/${contract.id}/transition`, { to: 'validated' });
      expect((await send()).status).toBe(202);
      const twice = await send();
      expect(twice.status).toBe(409);
      expect(twice.body.error).toBe('invalid_state');
    });
  });

  describe('lifecycle by test control', () => {
    test('sequence grows on every status change; a signed contract has a signed PDF', async () => {
      const contract = await createContract(client, clm.rootFolderId);
      const seen = [contract.sequence];
      for (const to of ['in_validation', 'validated', 'sent_for_signature', 'signed']) {
        const moved = await client.control('POST', `/contracts/${contract.id}/transition`, { to });
        expect(moved.status).toBe(200);
        expect(moved.body.status).toBe(to);
        seen.push(moved.body.sequence);
      }
      for (let i = 1; i < seen.length; i += 1) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
      const signed = (await get(contract.id)).body;
      const doc = signed.documents.find((d: any) => d.kind === 'signed');
      expect(doc.contentType).toBe('application/pdf');
      const content = await client.call('GET', '/contracts/{contractId}/documents/{documentId}/content', {
        params: { contractId: contract.id, documentId: doc.id },
      });
      expect(content.status).toBe(200);
      expect(content.headers.get('content-type')).toMatch(/^application\/pdf/);
      expect(content.raw.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(content.raw.length).toBe(doc.size);
    });

    test('a status several moves away is reached by the legal chain (draft -> signed goes through sent_for_signature)', async () => {
      const contract = await createContract(client, clm.rootFolderId);
      const moved = await client.control('POST', `/contracts/${contract.id}/transition`, { to: 'signed' });
      expect(moved.body.status).toBe('signed');
      expect(moved.body.sequence).toBe(contract.sequence + 2);
    });

    test('sequenceGap makes the sequence jump by more than one (the spec only promises that it grows)', async () => {
      const contract = await createContract(client, clm.rootFolderId);
      const moved = await client.control('POST', `/contracts/${contract.id}/transition`, { to: 'cancelled', sequenceGap: 5 });
      expect(moved.body.sequence).toBe(contract.sequence + 6);
    });

    test('final states accept no change: 409 invalid_state', async () => {
      for (const final of ['signed', 'declined', 'expired', 'cancelled']) {
        const contract = await createContract(client, clm.rootFolderId);
        await client.control('POST', `/contracts/${contract.id}/transition`, { to: final });
        const cancel = await client.control('POST', `/contracts/${contract.id}/transition`, { to: 'cancelled' });
        expect(cancel.status).toBe(409);
        const send = await client.call('POST', '/contracts/{contractId}/signature', { params: { contractId: contract.id } });
        expect(send.status).toBe(409);
        expect((await client.call('POST', '/contracts/{contractId}/validations', { params: { contractId: contract.id } })).status).toBe(409);
      }
    });

    test('cancelled from any state that is not final', async () => {
      for (const from of ['draft', 'in_validation', 'validated', 'rejected', 'sent_for_signature']) {
        const contract = await createContract(client, clm.rootFolderId);
        if (from !== 'draft') await client.control('POST', `/contracts/${contract.id}/transition`, { to: from });
        const cancelled = await client.control('POST', `/contracts/${contract.id}/transition`, { to: 'cancelled' });
        expect(cancelled.body.status).toBe('cancelled');
      }
    });
  });

  describe('document content', () => {
    test('the draft document is a PDF; unknown document or contract is 404', async () => {
      const contract = await createContract(client, clm.rootFolderId);
      const draft = contract.documents[0];
      const ok = await client.call('GET', '/contracts/{contractId}/documents/{documentId}/content', {
        params: { contractId: contract.id, documentId: draft.id },
      });
      expect(ok.raw.subarray(0, 4).toString('latin1')).toBe('%PDF');
      const noDoc = await client.call('GET', '/contracts/{contractId}/documents/{documentId}/content', {
        params: { contractId: contract.id, documentId: 'doc_nope' },
      });
      expect(noDoc.status).toBe(404);
      const noContract = await client.call('GET', '/contracts/{contractId}/documents/{documentId}/content', {
        params: { contractId: 'ctr_nope', documentId: draft.id },
      });
      expect(noContract.status).toBe(404);
    });
  });

  test('no answer of the sandbox broke the spec', async () => {
    expect((await client.control('GET', '/stats')).body.specViolations).toEqual([]);
  });
});
