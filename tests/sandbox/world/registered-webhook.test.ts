import { startWorld, type World } from '../../../sandbox/world';
import { SEED_IDS } from '../../../sandbox/dataverse/seed';
import { callApi, dataverseAsApp, sandboxControl, userToken } from '../../integration/contracts/helpers';

/**
 * `npm start` registers the webhook as the admin would after install, so that a status change in
 * the CLM reaches Dynamics with no step by hand: the journey a person tries in the sandbox.
 */
let world: World;
beforeAll(async () => {
  world = await startWorld({ functionsLogHandler: () => undefined, registerWebhook: true });
}, 60_000);
afterAll(() => world?.close());

describe('the world started with registerWebhook (npm start)', () => {
  it('points the CLM webhook at the connector', async () => {
    const { access_token: token } = (await sandboxControl(world.clm!.apiBase, 'POST', 'tokens')) as { access_token: string };
    const res = await fetch(`${world.clm!.apiBase}/webhook`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await res.json()).toEqual(expect.objectContaining({ webhook_url: `${world.functions.url}/webhooks/clm` }));
  });

  it('brings a status changed in the CLM into Dynamics through the webhook', async () => {
    const templates = await dataverseAsApp<{ value: { dtclm_templateid: string; dtclm_triggerentity: string }[] }>(
      world,
      'dtclm_templates?$select=dtclm_triggerentity',
    );
    const template = templates.value.find((t) => t.dtclm_triggerentity === 'opportunity')!;
    const created = await callApi(world, 'POST', 'contracts', {
      token: await userToken(world, 'rep'),
      body: { entity: 'opportunity', recordId: SEED_IDS.opportunity, templateId: template.dtclm_templateid, requestKey: crypto.randomUUID() },
    });
    expect(created.status).toBe(201);
    await sandboxControl(world.clm!.apiBase, 'POST', `contracts/${created.body.clmContractId}/transition`, { to: 'cancelled', reason: 'Customer withdrew' });

    // Delivery and the queue are asynchronous: poll, bounded, until the row shows the change.
    let row: { dtclm_status: number; dtclm_reason: string | null } | undefined;
    for (let i = 0; i < 200 && row?.dtclm_status !== 718900008; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100));
      row = await dataverseAsApp(world, `dtclm_contracts(${created.body.contractId})?$select=dtclm_status,dtclm_reason`);
    }
    expect(row).toEqual(expect.objectContaining({ dtclm_status: 718900008, dtclm_reason: 'Customer withdrew' }));
  });
});
