/**
 * The CLM client against the CLM sandbox (clm-api.yaml to the letter): every path, errors in
 * words, 429 / 500 / a hung answer survived, and answers that break the spec refused cleanly.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClmAnswerError, ClmClient, ClmVersionConflictError } from '../../../functions/src/adapters/clm';
import { createApp, type App } from '../../../functions/src/app/composition-root';
import { ConflictError, NotFoundError, UnprocessableError } from '../../../functions/src/services/errors';
import { startPlatformWorld, type PlatformWorld } from './world';

let world: PlatformWorld;
let ctx: App;
const retries: { status?: number; reason: string }[] = [];

beforeAll(async () => {
  // A short per-attempt time-out so that the "hang" fault costs about a second.
  world = await startPlatformWorld({ settings: { CLM_TIMEOUT_MS: '1000' } });
  ctx = createApp(world.config, {
    clm: { tokenBlob: 'client.json', retry: { onRetry: (i) => void retries.push({ status: i.status, reason: i.reason }) } },
  });
}, 60_000);
afterAll(async () => {
  await world?.close();
});
beforeEach(() => {
  retries.length = 0;
});

const nda = (name: string) => ({
  templateId: 'tpl_nda',
  folderId: world.clm.rootFolderId,
  name,
  fields: { dt0_counterparty_name: 'Fabrikam', dt0_effective_date: '2026-03-01', dt0_nda_type: 'mutual' },
  signatories: [{ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@fabrikam.example', order: 1 }],
  externalRef: { system: 'dynamics365' as const, entity: 'opportunity' as const, id: '3f2b8c1e-0000-4000-8000-000000000001' },
});

describe('ClmClient over the CLM sandbox', () => {
  it('reads a folder, pages through templates, reads one template', async () => {
    expect((await ctx.clm.client.getFolder(world.clm.rootFolderId)).id).toBe(world.clm.rootFolderId);
    const all = [];
    for await (const t of ctx.clm.client.allTemplates({ limit: 1 })) all.push(t.id);
    expect(all).toEqual(expect.arrayContaining(['tpl_nda', 'tpl_master_services_agreement', 'tpl_quote_acceptance', 'tpl_nda_2019_archived']));
    expect(new Set(all).size).toBe(all.length);
    const t = await ctx.clm.client.getTemplate('tpl_nda');
    expect(t.fields.find((f) => f.key === 'dt0_nda_type')?.options?.length).toBe(3);
  });

  it('creates a contract once per Idempotency-Key, then validates it and sends it for signature', async () => {
    const key = `key-${Date.now()}`;
    const first = await ctx.clm.client.createContract(nda('NDA Fabrikam'), key);
    const replay = await ctx.clm.client.createContract(nda('NDA Fabrikam'), key);
    expect(replay.id).toBe(first.id);
    expect((await ctx.clm.client.getContract(first.id)).status).toBe('draft');
    const flows = await ctx.clm.client.listValidationFlows(first.id);
    expect(flows.map((f) => f.position)).toEqual([1, 2]);
    expect((await ctx.clm.client.startValidation(first.id)).status).toBe('in_validation');
    await expect(ctx.clm.client.startValidation(first.id)).rejects.toBeInstanceOf(ConflictError);
    const second = await ctx.clm.client.createContract(nda('NDA to sign'), `${key}-2`);
    expect((await ctx.clm.client.sendForSignature(second.id)).status).toBe('sent_for_signature');
    const draft = second.documents?.find((d) => d.kind === 'draft');
    const doc = await ctx.clm.client.getDocumentContent(second.id, draft!.id);
    expect(doc.content.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers 422 as UnprocessableError with one entry per refused field, in words', async () => {
    const body = nda('Bad values');
    body.fields = { dt0_counterparty_name: 'Fabrikam', dt0_effective_date: '2026-02-30', dt0_nda_type: 'friendly' };
    const e = (await ctx.clm.client.createContract(body, `bad-${Date.now()}`).catch((x: unknown) => x)) as UnprocessableError;
    expect(e).toBeInstanceOf(UnprocessableError);
    expect(e.errors?.map((x) => x.field).sort()).toEqual(['dt0_effective_date', 'dt0_nda_type']);
    expect(e.errors?.every((x) => x.message.length > 0)).toBe(true);
  });

  it('answers 404 as NotFoundError', async () => {
    await expect(ctx.clm.client.getContract('ctr_does_not_exist')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('webhook registration: put then get (the secret is never shown back)', async () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    await ctx.clm.client.putWebhook({ webhook_url: 'http://127.0.0.1:9/api/webhooks/clm', secret, events: ['contract.status_changed'] });
    const reg = await ctx.clm.client.getWebhook();
    expect(reg.webhook_url).toBe('http://127.0.0.1:9/api/webhooks/clm');
    expect(JSON.stringify(reg)).not.toContain(secret);
  });

  it('contacts: create (idempotent), find by email, patch with If-Match, stale version -> ClmVersionConflictError', async () => {
    const email = `grace.${Date.now()}@contoso.example`;
    const created = await ctx.clm.client.createContact({ firstName: 'Grace', lastName: 'Hopper', email }, `contact-${email}`);
    const found = await ctx.clm.client.listContacts({ email });
    expect(found.data.map((c) => c.id)).toEqual([created.id]);
    const changed = await ctx.clm.client.patchContact(created.id, created.version, { phone: '+33 1 23 45 67 89' });
    expect(changed.version).toBeGreaterThan(created.version);
    await expect(ctx.clm.client.patchContact(created.id, created.version, { phone: null })).rejects.toBeInstanceOf(ClmVersionConflictError);
    expect((await ctx.clm.client.getContact(created.id)).phone).toBe('+33 1 23 45 67 89');
  });
});

describe('ClmClient through CLM faults', () => {
  it('waits out a 429 with Retry-After and succeeds', async () => {
    await world.clmControl('POST', '/faults', { status: 429, count: 1, retryAfter: 1, pathPrefix: '/templates' });
    expect((await ctx.clm.client.getTemplate('tpl_nda')).id).toBe('tpl_nda');
    expect(retries).toEqual([{ status: 429, reason: 'throttled' }]);
  });

  it('retries a 500 and succeeds', async () => {
    await world.clmControl('POST', '/faults', { status: 500, count: 1, pathPrefix: '/templates' });
    expect((await ctx.clm.client.getTemplate('tpl_nda')).id).toBe('tpl_nda');
    expect(retries).toEqual([{ reason: 'transient', status: 500 }]);
  });

  it('gives up on a hung answer after the time-out and succeeds on the next attempt', async () => {
    await world.clmControl('POST', '/faults', { status: 'hang', count: 1, pathPrefix: '/templates' });
    expect((await ctx.clm.client.getTemplate('tpl_nda')).id).toBe('tpl_nda');
    expect(retries).toEqual([{ reason: 'transient' }]);
  });

  it('does not resend "send for signature" after a 500 (it may have been done), but does after a 429', async () => {
    const c = await ctx.clm.client.createContract(nda('Unsafe retries'), `unsafe-${Date.now()}`);
    await world.clmControl('POST', '/faults', { status: 500, count: 1, pathPrefix: '/contracts' });
    await expect(ctx.clm.client.sendForSignature(c.id)).rejects.toBeTruthy();
    expect(retries).toEqual([]);
    await world.clmControl('POST', '/faults', { status: 429, count: 1, retryAfter: 1, pathPrefix: '/contracts' });
    expect((await ctx.clm.client.sendForSignature(c.id)).status).toBe('sent_for_signature');
    expect(retries).toEqual([{ status: 429, reason: 'throttled' }]);
  });
});

describe('ClmClient refuses answers that break clm-api.yaml', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    // A stand-in CLM that answers the right paths with the wrong shapes.
    server = http.createServer((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url?.startsWith('/folders/')) res.end(JSON.stringify({ id: 42 }));
      else if (req.url?.startsWith('/templates')) res.end('{"data": [ oops');
      else res.end(JSON.stringify({ id: 'ctr_1', status: 'teleported' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const client = () =>
    new ClmClient({
      apiBase: async () => base,
      tokens: { accessTokenFor: async () => 'at', refreshFor: async () => 'at2' },
      retry: { ...world.config.clmRetry, sleep: async () => undefined },
    });

  it.each([
    ['a wrong type', (c: ClmClient) => c.getFolder('f')],
    ['a body that is not JSON', (c: ClmClient) => c.listTemplates()],
    ['a status outside the enum', (c: ClmClient) => c.getContract('ctr_1')],
  ])('%s is a ClmAnswerError naming the operation', async (_what, call) => {
    const e = (await call(client()).catch((x: unknown) => x)) as ClmAnswerError;
    expect(e).toBeInstanceOf(ClmAnswerError);
    expect(e.message).toMatch(/^The CLM answered (GET|POST) \//);
  });
});
