/**
 * WinOpportunity and WinQuote in the emulator, as Microsoft documents them ("WinOpportunity Action",
 * "WinQuote Action", WinOpportunityRequest / WinQuoteRequest): both parameters required, the close
 * activity created, the record in its Won state with a Won status; only an open opportunity and an
 * active quote can be won; Write on the record and the Activity privileges are needed, and an
 * impersonated call (MSCRMCallerID) has the intersection of both users' privileges.
 */
import { randomUUID } from 'node:crypto';
import { SEED_IDS } from '../../../sandbox/dataverse/seed/ids';
import { demoUser } from '../../../sandbox/seed/identities';
import { startHarness, type Harness } from './fixtures/harness';

let h: Harness;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  h = await startHarness({ world: false });
  for (const user of ['rep', 'norole', 'admin']) tokens[user] = await h.identity.userToken(h.dv.url, user);
});
afterAll(async () => h?.close());

/** A new open opportunity (or draft quote) owned by the rep, made by the admin. */
async function newRecord(entitySet: 'opportunities' | 'quotes'): Promise<string> {
  const id = randomUUID();
  const body: Record<string, unknown> = {
    [entitySet === 'opportunities' ? 'opportunityid' : 'quoteid']: id,
    name: `Deal ${id.slice(0, 8)}`,
    'ownerid@odata.bind': `/systemusers(${demoUser('rep').systemUserId})`,
  };
  if (entitySet === 'quotes') {
    body['customerid_account@odata.bind'] = `/accounts(${SEED_IDS.account})`;
    body.quotenumber = `Q-${id.slice(0, 6)}`;
  }
  const res = await h.api(entitySet, { method: 'POST', token: tokens.admin, body });
  expect(res.status).toBe(204);
  return id;
}

const winOpportunity = (id: string, token: string, status = 3, headers: Record<string, string> = {}) =>
  h.api('WinOpportunity', {
    method: 'POST',
    token,
    headers,
    body: { Status: status, OpportunityClose: { subject: 'Won: contract NDA signed', 'opportunityid@odata.bind': `/opportunities(${id})` } },
  });

const winQuote = (id: string, token: string) =>
  h.api('WinQuote', { method: 'POST', token, body: { Status: 4, QuoteClose: { subject: 'Won: contract signed', 'quoteid@odata.bind': `/quotes(${id})` } } });

describe('WinOpportunity', () => {
  it('closes an open opportunity as Won (statecode 1, statuscode 3) and creates its completed opportunity close', async () => {
    const id = await newRecord('opportunities');
    expect((await winOpportunity(id, tokens.rep)).status).toBe(204);
    const opp = await h.api(`opportunities(${id})?$select=statecode,statuscode`, { token: tokens.admin });
    expect(opp.body).toMatchObject({ statecode: 1, statuscode: 3 });
    const closes = await h.api(`opportunitycloses?$filter=_opportunityid_value eq ${id}&$select=subject,statecode`, { token: tokens.admin });
    expect(closes.body.value).toEqual([expect.objectContaining({ subject: 'Won: contract NDA signed', statecode: 1 })]);
  });

  it('refuses a closed opportunity, a status that is not a Won status, and a missing parameter', async () => {
    const id = await newRecord('opportunities');
    expect((await winOpportunity(id, tokens.rep, 5)).status).toBe(400); // 5 Out-Sold is a Lost status
    expect((await winOpportunity(id, tokens.rep)).status).toBe(204);
    const again = await winOpportunity(id, tokens.rep);
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/already closed/);
    expect((await h.api('WinOpportunity', { method: 'POST', token: tokens.rep, body: { Status: 3 } })).status).toBe(400);
    const closes = await h.api(`opportunitycloses?$filter=_opportunityid_value eq ${id}&$select=subject`, { token: tokens.admin });
    expect(closes.body.value).toHaveLength(1);
  });

  it("refuses a caller whose Write does not reach the record (Salesperson, Basic depth, someone else's opportunity), and leaves it open", async () => {
    const id = await newRecord('opportunities');
    const res = await winOpportunity(id, tokens.norole);
    expect(res.status).toBe(403);
    expect((await h.api(`opportunities(${id})?$select=statecode`, { token: tokens.admin })).body.statecode).toBe(0);
  });

  it('the application user impersonating the owner (MSCRMCallerID) wins it, with the intersection of both roles', async () => {
    const id = await newRecord('opportunities');
    expect((await winOpportunity(id, h.appToken, 3, { MSCRMCallerID: demoUser('rep').systemUserId })).status).toBe(204);
    const other = await newRecord('opportunities');
    // As norole, whose Basic Write does not reach the rep's opportunity: refused even through the app.
    expect((await winOpportunity(other, h.appToken, 3, { MSCRMCallerID: demoUser('norole').systemUserId })).status).toBe(403);
  });
});

describe('WinQuote', () => {
  it('refuses a draft quote (activate it first), then wins the activated quote (statecode 2, statuscode 4)', async () => {
    const id = await newRecord('quotes');
    const draft = await winQuote(id, tokens.rep);
    expect(draft.status).toBe(400);
    expect(draft.body.error.message).toMatch(/draft: activate it/);
    expect((await h.api(`quotes(${id})`, { method: 'PATCH', token: tokens.rep, body: { statecode: 1, statuscode: 2 } })).status).toBe(204);
    expect((await winQuote(id, tokens.rep)).status).toBe(204);
    expect((await h.api(`quotes(${id})?$select=statecode,statuscode`, { token: tokens.admin })).body).toMatchObject({ statecode: 2, statuscode: 4 });
    expect((await winQuote(id, tokens.rep)).status).toBe(400);
  });
});
