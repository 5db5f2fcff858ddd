/**
 * Conformance with Microsoft's "Execute batch operations using the Web API"
 * (powerapps-docs/developer/data-platform/webapi/execute-batch-operations-using-web-api.md): "GET
 * request are not allowed within change sets", the article's change set example answered 200; and
 * with "Compose HTTP requests and handle errors" (compose-http-requests-handle-errors.md): "Every
 * request that includes JSON data in the request body must include a Content-Type header with a
 * value of application/json". Neither article gives the refusal's wording: the change set refusal is
 * the OData library's (Microsoft.OData.Core, ODataBatch_InvalidHttpMethodForChangeSetRequest), the
 * missing Content-Type ASP.NET Web API's 415 (sandbox/dataverse/README.md). The article's tasks are
 * contacts here (the model holds no task table): same shape, a POST bound to the account.
 */
import { startHarness, type Harness } from '../fixtures/harness';
import { admin, create } from './data';

let h: Harness;
let accountId: string;
beforeAll(async () => {
  h = await startHarness({ world: false });
  accountId = await create(h, 'accounts', { name: 'Batch sample' });
});
afterAll(async () => h.close());

const part = (request: string, contentId?: string) =>
  `Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n${contentId ? `Content-ID: ${contentId}\r\n` : ''}\r\n${request}\r\n`;
const post = (lastname: string) =>
  `POST /api/data/v9.2/contacts HTTP/1.1\r\nContent-Type: application/json; type=entry\r\n\r\n${JSON.stringify({ lastname, 'parentcustomerid_account@odata.bind': `accounts(${accountId})` })}`;

async function batch(body: string): Promise<{ status: number; text: string }> {
  const r = await h.api('$batch', {
    method: 'POST',
    token: await admin(h),
    headers: { 'Content-Type': 'multipart/mixed; boundary="batch_22975cad"' },
    body: Buffer.from(body),
  });
  return { status: r.status, text: r.text };
}

async function contactNames(): Promise<string[]> {
  const r = await h.api(`accounts(${accountId})/contact_customer_accounts?$select=lastname`, { token: await admin(h) });
  if (r.status !== 200) throw new Error(`${r.status} ${r.text}`);
  return r.body.value.map((c: { lastname: string }) => c.lastname).sort();
}

describe('execute-batch-operations-using-web-api.md, Change sets', () => {
  test("the article's example: three POSTs in a change set, then a GET outside it, answered 200 in order", async () => {
    const cs = 'changeset_246e6bfe';
    const body =
      `--batch_22975cad\r\nContent-Type: multipart/mixed; boundary="${cs}"\r\n\r\n` +
      [1, 2, 3].map((n) => `--${cs}\r\n${part(post(`Task ${n} in batch`), String(n))}`).join('') +
      `--${cs}--\r\n\r\n--batch_22975cad\r\n${part(`GET /api/data/v9.2/accounts(${accountId})/contact_customer_accounts?$select=lastname HTTP/1.1\r\n`)}--batch_22975cad--\r\n`;
    const r = await batch(body);
    expect(r.status).toBe(200);
    expect(r.text.match(/HTTP\/1\.1 204 No Content/g)).toHaveLength(3);
    expect(r.text).toMatch(/HTTP\/1\.1 200 OK[\s\S]*"lastname":"Task 1 in batch"/);
    expect(await contactNames()).toEqual(['Task 1 in batch', 'Task 2 in batch', 'Task 3 in batch']);
  });

  test('"GET request are not allowed within change sets": the batch is refused with 400 and nothing of it is kept', async () => {
    const before = await contactNames();
    const cs = 'changeset_get';
    const body =
      `--batch_22975cad\r\nContent-Type: multipart/mixed; boundary="${cs}"\r\n\r\n` +
      `--${cs}\r\n${part(post('Task before the GET'), '1')}` +
      `--${cs}\r\n${part(`GET /api/data/v9.2/accounts(${accountId})?$select=name HTTP/1.1\r\n`, '2')}` +
      `--${cs}--\r\n\r\n--batch_22975cad--\r\n`;
    const r = await batch(body);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error.message).toBe(
      "An invalid HTTP method 'GET' was detected for a request in a change set. Requests in change sets only support the HTTP methods 'POST', 'PUT', 'DELETE', and 'PATCH'.",
    );
    expect(await contactNames()).toEqual(before);
  });
});

describe('compose-http-requests-handle-errors.md, HTTP headers', () => {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));

  test('a POST whose JSON body has no Content-Type is refused (415), and no row is made', async () => {
    const r = await h.api('accounts', { method: 'POST', token: await admin(h), body: json({ name: 'No content type' }) });
    expect(r.status).toBe(415);
    expect(r.body.error.message).toBe("The request entity's media type 'application/octet-stream' is not supported for this resource.");
    const found = await h.api(`accounts?$select=name&$filter=${encodeURIComponent("name eq 'No content type'")}`);
    expect(found.body.value).toEqual([]);
  });

  test('a PATCH with a JSON body sent as text/plain is refused (415) and changes nothing', async () => {
    const r = await h.api(`accounts(${accountId})`, {
      method: 'PATCH',
      token: await admin(h),
      headers: { 'Content-Type': 'text/plain' },
      body: json({ name: 'Renamed as text' }),
    });
    expect(r.status).toBe(415);
    expect((await h.api(`accounts(${accountId})?$select=name`)).body.name).toBe('Batch sample');
  });

  test('"Content-Type: application/json" (with a charset too) is accepted', async () => {
    const r = await h.api(`accounts(${accountId})`, {
      method: 'PATCH',
      token: await admin(h),
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: json({ description: 'typed' }),
    });
    expect(r.status).toBe(204);
  });

  test('a request with no body needs no Content-Type', async () => {
    const id = await create(h, 'accounts', { name: 'To delete' });
    const r = await h.api(`accounts(${id})`, { method: 'DELETE', token: await admin(h) });
    expect(r.status).toBe(204);
  });
});
