/**
 * Conformance with Microsoft's "Work with alternate keys"
 * (powerapps-docs/developer/data-platform/define-alternate-keys-entity.md): "If the data within a
 * column used in an alternate key contains one of the following characters /,<,>,*,%,&,:,\,?,+ then
 * retrieve (GET), update, or upsert (PATCH) actions don't work. If you only need uniqueness, this
 * approach works". So such a row is created, found with $filter and kept unique, but not addressed
 * by its key. And "Perform conditional operations using the Web API": If-None-Match: * on an existing
 * key is 412 "A record with matching key values already exists.".
 */
import { startHarness, type Harness } from '../fixtures/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(); // the test world: dtclm_template with its dtclm_clmtemplateid key
});
afterAll(async () => h.close());

const REFUSED = ['/', '<', '>', '*', '%', '&', ':', '\\', '?', '+'];
const keyPath = (value: string) => `dtclm_templates(dtclm_clmtemplateid='${encodeURIComponent(value.replace(/'/g, "''"))}')`;
const byFilter = (value: string) =>
  `dtclm_templates?$select=dtclm_clmtemplateid&$filter=${encodeURIComponent(`dtclm_clmtemplateid eq '${value.replace(/'/g, "''")}'`)}`;

describe('define-alternate-keys-entity.md', () => {
  test.each(REFUSED)('a key value holding %s: created and found with $filter, unique, but GET and PATCH by key do not work', async (ch) => {
    const value = `tpl${ch}${Math.random().toString(36).slice(2, 8)}`;
    const created = await h.api('dtclm_templates', { method: 'POST', body: { dtclm_name: 'T', dtclm_clmtemplateid: value } });
    expect(created.status).toBe(204);
    const found = await h.api(byFilter(value));
    expect(found.body.value.map((r: { dtclm_clmtemplateid: string }) => r.dtclm_clmtemplateid)).toEqual([value]);
    // Uniqueness still holds.
    const twin = await h.api('dtclm_templates', { method: 'POST', body: { dtclm_name: 'T2', dtclm_clmtemplateid: value } });
    expect(twin.status).toBe(412);
    expect(twin.body.error.code).toBe('0x80040237');
    // "retrieve (GET), update, or upsert (PATCH) actions don't work".
    expect((await h.api(`${keyPath(value)}?$select=dtclm_name`)).status).toBeGreaterThanOrEqual(400);
    expect((await h.api(keyPath(value), { method: 'PATCH', body: { dtclm_name: 'changed' } })).status).toBeGreaterThanOrEqual(400);
    expect((await h.api(byFilter(value).replace('$select=dtclm_clmtemplateid', '$select=dtclm_name'))).body.value[0].dtclm_name).toBe('T');
  });

  test('a key value with \' ) , # " (not in the list) is addressed by key once percent-encoded and quote-doubled', async () => {
    const value = `tpl'),#"${Math.random().toString(36).slice(2, 8)}`;
    expect((await h.api('dtclm_templates', { method: 'POST', body: { dtclm_name: 'Quoted', dtclm_clmtemplateid: value } })).status).toBe(204);
    const r = await h.api(`${keyPath(value)}?$select=dtclm_name,dtclm_clmtemplateid`);
    expect([r.status, r.body.dtclm_clmtemplateid]).toEqual([200, value]);
  });

  test('perform-conditional-operations-using-web-api.md: If-None-Match: * on an existing key is 412 "A record with matching key values already exists."', async () => {
    const value = `tpl_${Math.random().toString(36).slice(2, 8)}`;
    expect((await h.api(keyPath(value), { method: 'PATCH', body: { dtclm_name: 'New' }, headers: { 'If-None-Match': '*' } })).status).toBe(204);
    const again = await h.api(keyPath(value), { method: 'PATCH', body: { dtclm_name: 'Again' }, headers: { 'If-None-Match': '*' } });
    expect([again.status, again.body.error.message]).toEqual([412, 'A record with matching key values already exists.']);
  });
});
