/**
 * "Not set up" on the admin page: user provisioning from the health check SCIM reports alone when
 * SCIM_URL / SCIM_TOKEN are missing (check-health.ts, scim-health.ts), contact sync from
 * Dilitrust_ContactSync_Settings (contact-sync.md: empty is the default field map).
 */
import { contactSyncSetupOf, userProvisioningSetup } from '../../../webresources/pages/admin/sync-setup';

const check = (name: string, ok: boolean, detail = '', hint = '') => ({ name, ok, detail, hint });

describe('user provisioning set-up', () => {
  it('is not set up, with the hint as the step, when SCIM is not configured', () => {
    const health = {
      loading: false,
      checks: [
        check('Dataverse', true),
        check('User provisioning (SCIM)', false, 'Not configured.', 'Set SCIM_URL and SCIM_TOKEN in the Function App settings to provision users.'),
      ],
    };
    expect(userProvisioningSetup(health)).toEqual({
      kind: 'not set up',
      detail: 'Not configured.',
      step: 'Set SCIM_URL and SCIM_TOKEN in the Function App settings to provision users.',
    });
  });

  it('is ready when SCIM answers (its own checks, even failing ones, are the sync to run), unknown before health answered', () => {
    expect(userProvisioningSetup({ loading: false, checks: [check('SCIM reachable', true), check('SCIM token', false, 'refused')] })).toEqual({
      kind: 'ready',
    });
    expect(userProvisioningSetup({ loading: true })).toEqual({ kind: 'unknown' });
  });
});

describe('contact sync set-up', () => {
  it('is ready with the default (empty) or settings that are on', () => {
    expect(contactSyncSetupOf(undefined)).toEqual({ kind: 'ready' });
    expect(contactSyncSetupOf('  ')).toEqual({ kind: 'ready' });
    expect(contactSyncSetupOf('{"scope":"all"}')).toEqual({ kind: 'ready' });
    expect(contactSyncSetupOf('{"enabled":true}')).toEqual({ kind: 'ready' });
  });

  it('is not set up, saying what to change, when turned off or not JSON', () => {
    expect(contactSyncSetupOf('{"enabled":false}')).toMatchObject({ kind: 'not set up', step: expect.stringContaining('"enabled": true') });
    expect(contactSyncSetupOf('{"enabled":')).toMatchObject({ kind: 'not set up', detail: expect.stringContaining('not valid JSON') });
  });
});
