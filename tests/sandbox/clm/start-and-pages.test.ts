import { readFileSync } from 'node:fs';
import { startClm } from '../../../sandbox/clm';
import { specOperations } from '../../../sandbox/clm/spec/operations';
import { answerProblems } from '../../../sandbox/clm/spec/response-checks';
import { ClmTestClient, waitFor } from './helpers/client';
import { createContract } from './helpers/fixtures';
import { SANDBOX_SPEC_PATH, SHARED_SPEC_PATH } from './helpers/spec';

/** The startClm interface, the contract pages people open, and the npm start lifecycle driver. */
describe('CLM sandbox: start, pages and the lifecycle driver', () => {
  test('startClm gives the API base, the web base and the root folder; close() frees the port', async () => {
    const clm = await startClm();
    expect(clm.apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/clm\/v1$/);
    expect(clm.apiBase.startsWith(clm.webBase)).toBe(true);
    const client = new ClmTestClient(clm.apiBase);
    client.token = (await clm.issueTokens()).access_token;
    const folder = await client.call('GET', '/folders/{folderId}', { params: { folderId: clm.rootFolderId } });
    expect(folder.body.id).toBe(clm.rootFolderId);
    await clm.close();
    await expect(fetch(`${clm.webBase}/`)).rejects.toThrow();
  });

  test("a contract's url opens a readable page with its name, status, fields, signatories and documents", async () => {
    const clm = await startClm();
    try {
      const client = new ClmTestClient(clm.apiBase);
      client.token = (await clm.issueTokens()).access_token;
      const contract = await createContract(client, clm.rootFolderId, { name: 'NDA <Fabrikam> & Co' });
      await client.control('POST', `/contracts/${contract.id}/transition`, { to: 'signed' });
      const page = await fetch(contract.url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const html = await page.text();
      expect(html).toContain('NDA &lt;Fabrikam&gt; &amp; Co');
      expect(html).toContain('signed');
      expect(html).toContain('Counterparty name');
      expect(html).toContain('ada@fabrikam.example');
      const link = /href="(\/contracts\/[^"]+\/documents\/[^"]+)"/.exec(html.slice(html.lastIndexOf('Documents')));
      expect(link).not.toBeNull();
      const pdf = Buffer.from(await (await fetch(`${clm.webBase}${link?.[1]}`)).arrayBuffer());
      expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
      expect((await fetch(`${clm.webBase}/contracts/ctr_nope`)).status).toBe(404);
      expect(await (await fetch(`${clm.webBase}/`)).text()).toContain(contract.id);
    } finally {
      await clm.close();
    }
  });

  test('autoLifecycle: a validation gets approved and a signature completed by themselves; "[reject]" in the name is rejected', async () => {
    const clm = await startClm({ autoLifecycle: true, autoLifecycleDelayMs: 10 });
    try {
      const client = new ClmTestClient(clm.apiBase);
      client.token = (await clm.issueTokens()).access_token;
      const status = async (id: string) => (await client.call('GET', '/contracts/{contractId}', { params: { contractId: id } })).body.status;
      const contract = await createContract(client, clm.rootFolderId);
      await client.call('POST', '/contracts/{contractId}/validations', { params: { contractId: contract.id } });
      await waitFor(async () => (await status(contract.id)) === 'validated', 'validated');
      await client.call('POST', '/contracts/{contractId}/signature', { params: { contractId: contract.id } });
      await waitFor(async () => (await status(contract.id)) === 'signed', 'signed');
      const rejected = await createContract(client, clm.rootFolderId, { name: 'NDA [reject]' });
      await client.call('POST', '/contracts/{contractId}/validations', { params: { contractId: rejected.id } });
      await waitFor(async () => (await status(rejected.id)) === 'rejected', 'rejected');
    } finally {
      await clm.close();
    }
  });

  test("the sandbox's copy of clm-api.yaml is the shared spec", () => {
    expect(readFileSync(SANDBOX_SPEC_PATH, 'utf8')).toBe(readFileSync(SHARED_SPEC_PATH, 'utf8'));
  });

  test('the answer guard refuses an answer the spec does not allow', () => {
    const getContract = specOperations().find((op) => op.method === 'get' && op.path === '/contracts/{contractId}');
    expect(getContract).toBeDefined();
    if (!getContract) return;
    expect(answerProblems(getContract, 200, { id: 'ctr_1' }).length).toBeGreaterThan(0);
    expect(answerProblems(getContract, 202, {}).length).toBeGreaterThan(0);
    expect(answerProblems(getContract, 404, { error: 'not_found', message: 'x' })).toEqual([]);
  });
});
