/**
 * The Dataverse app client against the identity and Dataverse emulators: an msal-node app token
 * (the https-authority workaround on loopback), the environment variables in one request, writes,
 * and a service-protection 429 that the caller never sees.
 */
import { createDataverse, PreconditionFailedError, type Dataverse } from '../../../functions/src/adapters/dataverse';
import { NotFoundError } from '../../../functions/src/services/errors';
import { startPlatformWorld, type PlatformWorld } from './world';

let world: PlatformWorld;
let dv: Dataverse;
const retries: number[] = [];

beforeAll(async () => {
  world = await startPlatformWorld();
  dv = createDataverse(world.config, { retry: { onRetry: (i) => void retries.push(i.status ?? 0) } });
}, 60_000);
afterAll(async () => {
  await world?.close();
});

async function requestCount(): Promise<number> {
  const body = (await (await fetch(`${world.dataverse.url}/_sandbox/requests`)).json()) as unknown[] | { value: unknown[] };
  return (Array.isArray(body) ? body : body.value).length;
}

describe('Dataverse as the connector app', () => {
  it('gets an app token through msal-node from the loopback identity emulator', async () => {
    const token = await dv.getToken();
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { aud: string; idtyp?: string };
    expect(payload.aud).toBe(world.dataverse.url);
    expect(payload.idtyp).toBe('app');
  });

  it('reads every dtclm_* environment variable in one request, then from its cache', async () => {
    const before = await requestCount();
    const values = await dv.environmentVariables.read();
    expect(values.dtclm_api_url).toBe(world.clm.apiBase);
    expect(values.dtclm_account_rootfolder).toBe(world.clm.rootFolderId);
    expect(values.dtclm_token_rt).toBeTruthy();
    expect(await requestCount()).toBe(before + 1);
    await dv.environmentVariables.read();
    expect(await requestCount()).toBe(before + 1);
  });

  it('writes a value (and a blank) that Dynamics then shows', async () => {
    await dv.environmentVariables.write({ dtclm_clm_url: 'https://clm.example.test' });
    expect(await world.admin.getEnvironmentVariable('dtclm_clm_url')).toBe('https://clm.example.test');
    await dv.environmentVariables.write({ dtclm_clm_url: '' });
    expect((await world.admin.getEnvironmentVariable('dtclm_clm_url')) ?? '').toBe('');
    expect((await dv.environmentVariables.read()).dtclm_clm_url ?? '').toBe('');
  });

  it('survives a 429 with Retry-After: the call succeeds after waiting', async () => {
    retries.length = 0;
    await world.dataverseFault({ status: 429, count: 1, retryAfter: 1 });
    const answer = await dv.api.retrieveMultiple({ collection: 'accounts', select: ['name'], top: 1 });
    expect(answer.value.length).toBe(1);
    expect(retries).toEqual([429]);
  });

  it('survives a 429 in the middle of a $batch: the batch is sent again whole', async () => {
    retries.length = 0;
    const accounts = await dv.api.retrieveMultiple<{ accountid: string }>({ collection: 'accounts', select: ['accountid'], top: 2 });
    await world.dataverseFault({ status: 429, count: 1, retryAfter: 1 });
    const results = (await dv.api.batch(
      accounts.value.map((a) => ({ op: 'retrieve', request: { collection: 'accounts', key: a.accountid, select: ['name'] } })),
    )) as {
      name?: string;
    }[];
    expect(results).toHaveLength(accounts.value.length);
    expect(results.every((r) => typeof r.name === 'string')).toBe(true);
    expect(retries).toEqual([429]);
  });

  it("an update over an ETag that is no longer current raises PreconditionFailedError (never DynamicsWebApi's false), and writes nothing", async () => {
    // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/perform-conditional-operations-using-web-api#apply-optimistic-concurrency
    type Row = { dtclm_templateid: string; dtclm_name: string; '@odata.etag': string };
    const made = await dv.api.create<object, Row>({
      collection: 'dtclm_templates',
      data: { dtclm_name: 'read', dtclm_clmtemplateid: 'tpl_ifmatch' },
      returnRepresentation: true,
    });
    const read = await dv.api.retrieve<Row>({ collection: 'dtclm_templates', key: made.dtclm_templateid, select: ['dtclm_name'] });
    await dv.api.update({ collection: 'dtclm_templates', key: made.dtclm_templateid, data: { dtclm_name: "someone else's edit" } });
    const attempt = dv.api.updateIfUnchanged({
      collection: 'dtclm_templates',
      key: made.dtclm_templateid,
      data: { dtclm_name: 'overwritten' },
      ifmatch: read['@odata.etag'],
    });
    await expect(attempt).rejects.toBeInstanceOf(PreconditionFailedError);
    expect((await dv.api.retrieve<Row>({ collection: 'dtclm_templates', key: made.dtclm_templateid, select: ['dtclm_name'] })).dtclm_name).toBe(
      "someone else's edit",
    );
  });

  it('maps a missing row to NotFoundError (status kept for isNotReadable)', async () => {
    await expect(dv.api.retrieve({ collection: 'accounts', key: '00000000-0000-0000-0000-000000000001' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('resends a create after a 429 (Dataverse ran nothing), but not after a 503 (it may have run)', async () => {
    retries.length = 0;
    const create = (name: string) =>
      dv.api.create<object, { dtclm_templateid: string }>({
        collection: 'dtclm_templates',
        data: { dtclm_name: name, dtclm_clmtemplateid: name },
        returnRepresentation: true,
      });
    await world.dataverseFault({ status: 429, count: 1, retryAfter: 1 });
    expect((await create('tpl_retry_429'))?.dtclm_templateid).toBeTruthy();
    expect(retries).toEqual([429]);
    retries.length = 0;
    await world.dataverseFault({ status: 503, count: 1 });
    await expect(create('tpl_retry_503')).rejects.toMatchObject({ status: 503 });
    expect(retries).toEqual([]);
  });

  it('abandons an attempt that does not answer in time and succeeds on the next one', async () => {
    const slowTolerant = createDataverse(
      { ...world.config, dataverseRetry: { ...world.config.dataverseRetry, timeoutMs: 300 } },
      { retry: { onRetry: (i) => void retries.push(i.status ?? 0) } },
    );
    await slowTolerant.getToken();
    retries.length = 0;
    await world.dataverseFault({ count: 1, latencyMs: 2_000 });
    const answer = await slowTolerant.api.retrieveMultiple({ collection: 'accounts', select: ['name'], top: 1 });
    expect(answer.value.length).toBe(1);
    expect(retries).toEqual([0]);
  });
});
