import { startWorld, type World } from '../../../sandbox/world';

/** `npm start -- --clm <api base> --clm-refresh-token <token>`: no built-in CLM, the given one is written. */
let world: World;
beforeAll(async () => {
  world = await startWorld({
    externalClm: { apiBase: 'https://clm.example.invalid/api/clm/v1', refreshToken: 'rt-outside-123' },
    functionsLogHandler: () => undefined,
  });
}, 60_000);
afterAll(() => world?.close());

describe('the world with an outside CLM', () => {
  it('starts no CLM of its own and reports the given one', () => {
    expect(world.clm).toBeUndefined();
    expect(world.ready.clm).toBe('https://clm.example.invalid/api/clm/v1');
  });

  it('writes the given API base and refresh token into Dataverse, with the access token blank', async () => {
    expect(await world.admin.getEnvironmentVariable('dtclm_api_url')).toBe('https://clm.example.invalid/api/clm/v1');
    expect(await world.admin.getEnvironmentVariable('dtclm_token_rt')).toBe('rt-outside-123');
    expect(await world.admin.getEnvironmentVariable('dtclm_clm_url')).toBe('https://clm.example.invalid');
    expect(await world.admin.getEnvironmentVariable('dtclm_token_at')).toBe('');
  });

  it('updates an existing value rather than adding a second one', async () => {
    await world.admin.setEnvironmentVariable('dtclm_api_url', 'https://clm2.example.invalid/api/clm/v1');
    const res = await fetch(`${world.ready.dataverse}/api/data/v9.2/environmentvariablevalues?$select=value&$filter=schemaname eq 'dtclm_api_url'`, {
      headers: { Authorization: `Bearer ${await world.admin.token()}`, Accept: 'application/json' },
    });
    const { value } = (await res.json()) as { value: { value: string }[] };
    expect(value).toEqual([expect.objectContaining({ value: 'https://clm2.example.invalid/api/clm/v1' })]);
  });
});
