/**
 * Health covers the application user (dataverse-model.md, "The application user's role"): the
 * connector reads a record as the caller, with the intersection of the application user's and the
 * caller's privileges (Microsoft, "Impersonate another user"), so a table an active mapping reads
 * and the application user cannot read is named, with the role to change. On the world `npm start`
 * runs (the demo mappings, saved through the admin routes, state Fits).
 */
import { SEED_IDS } from '../../../sandbox/dataverse/seed/ids';
import { DEMO_MAPPINGS } from '../../../sandbox/demo-templates';
import { demoUserToken } from '../../../sandbox/identity';
import { startWorld, type World } from '../../../sandbox/world';
import { callApi, userToken } from '../contracts/helpers';

let world: World;
beforeAll(async () => {
  world = await startWorld({ functionsLogHandler: () => undefined });
}, 120_000);
afterAll(async () => world?.close());

const applicationUserCheck = async () => {
  const health = await callApi(world, 'GET', 'admin/health', { token: await userToken(world, 'admin') });
  expect(health.status).toBe(200);
  return health.body.checks.find((c: { name: string }) => c.name === 'Application user') as { ok: boolean; detail: string; hint: string };
};

/** The admin edits a template's mapping straight in Dynamics (as System Administrator): it stays Fits until the next sync. */
async function setMapping(templateId: string, mapping: unknown): Promise<void> {
  const token = await demoUserToken(world.identity.tokenEndpoint, 'admin', `${world.dataverse.url}/.default`);
  const res = await fetch(`${world.dataverse.apiUrl}dtclm_templates(${templateId})`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'If-Match': '*' },
    body: JSON.stringify({ dtclm_mapping: JSON.stringify(mapping) }),
  });
  expect(res.status).toBe(204);
}

test('the demo mappings read only tables the Dilitrust CLM Connector role reads: the check passes', async () => {
  const check = await applicationUserCheck();
  expect(check).toMatchObject({ ok: true, hint: '' });
  expect(check.detail).toContain('3 active mapping(s)');
});

test('a mapping that reads product, which the role does not read, is named with the role to change', async () => {
  const nda = DEMO_MAPPINGS.tpl_nda.mapping;
  const reading = {
    ...nda,
    fixedFieldMappings: { ...(nda.fixedFieldMappings as object), dt0_product: { entity: 'product', id: SEED_IDS.products[0], attribute: 'name' } },
  };
  await setMapping(world.demoTemplates!.nda, reading);
  try {
    const check = await applicationUserCheck();
    expect(check.ok).toBe(false);
    expect(check.detail).toContain('product (no prvReadProduct; read by NDA)');
    expect(check.detail).not.toMatch(/\baccount \(/);
    expect(check.hint).toContain('Add Read of product (Organization) to the Dilitrust CLM Connector role');
  } finally {
    await setMapping(world.demoTemplates!.nda, nda);
  }
  expect((await applicationUserCheck()).ok).toBe(true);
});
