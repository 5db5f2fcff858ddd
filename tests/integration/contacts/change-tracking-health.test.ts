/**
 * Health ensures change tracking on contact for contact sync (issue 21; contact-sync.md: incremental
 * sync reads contact changes through change tracking, which Dataverse serves only for a table with
 * Track changes on: Microsoft, "Use change tracking to synchronize data with external systems").
 * The check reads `EntityDefinitions(LogicalName='contact')?$select=ChangeTrackingEnabled` as the
 * application user; the emulator's switch stands for the admin's Track changes box in Power Apps.
 */
import { demoUserToken } from '../../../sandbox/identity';
import { startWorld, type World } from '../../../sandbox/world';
import { callApi, userToken } from '../contracts/helpers';

let world: World;
beforeAll(async () => {
  // No environment variable cache, so a changed Dilitrust_ContactSync_Settings is read at once.
  world = await startWorld({ functionsLogHandler: () => undefined, settings: { ENV_VARS_TTL_SECONDS: '0' } });
}, 120_000);
afterAll(async () => world?.close());

const contactTrackingCheck = async () => {
  const health = await callApi(world, 'GET', 'admin/health', { token: await userToken(world, 'admin') });
  expect(health.status).toBe(200);
  return health.body.checks.find((c: { name: string }) => c.name === 'Contact change tracking') as { ok: boolean; detail: string; hint: string };
};

async function switchTrackChanges(enabled: boolean): Promise<void> {
  const res = await fetch(`${world.dataverse.url}/_sandbox/change-tracking/tables/contact`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ enabled }),
  });
  expect(res.status).toBe(200);
}

/** What Dataverse answers an admin for contact's EntityMetadata.ChangeTrackingEnabled. */
async function contactChangeTrackingEnabled(): Promise<unknown> {
  const token = await demoUserToken(world.identity.tokenEndpoint, 'admin', `${world.dataverse.url}/.default`);
  const res = await fetch(`${world.dataverse.apiUrl}EntityDefinitions(LogicalName='contact')?$select=ChangeTrackingEnabled`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ChangeTrackingEnabled?: unknown }).ChangeTrackingEnabled;
}

test('with Track changes on contact (as Sales ships it), the check passes', async () => {
  expect(await contactChangeTrackingEnabled()).toBe(true);
  expect(await contactTrackingCheck()).toMatchObject({ ok: true, hint: '' });
});

test('with Track changes off on contact, health names it and says what to switch on, and where', async () => {
  await switchTrackChanges(false);
  try {
    expect(await contactChangeTrackingEnabled()).toBe(false);
    const check = await contactTrackingCheck();
    expect(check.ok).toBe(false);
    expect(check.detail).toContain('Track changes is off on the Contact table');
    expect(check.hint).toContain('In Power Apps (make.powerapps.com) > Tables > Contact > Properties > Advanced options, turn on Track changes');
  } finally {
    await switchTrackChanges(true);
  }
  expect((await contactTrackingCheck()).ok).toBe(true);
});

test('with contact sync switched off, Track changes off on contact is not a problem', async () => {
  await world.admin.setEnvironmentVariables({ dtclm_contactsync_settings: '{"enabled": false}' });
  await switchTrackChanges(false);
  try {
    expect(await contactTrackingCheck()).toMatchObject({ ok: true, hint: '' });
  } finally {
    await switchTrackChanges(true);
    await world.admin.setEnvironmentVariables({ dtclm_contactsync_settings: '{"enabled": true}' });
  }
});
