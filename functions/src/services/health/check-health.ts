/**
 * `GET /api/admin/health` (connector-api.md): one check per part, each `{ name, ok, detail, hint }`,
 * the hint saying what to fix. A check that throws is reported, never the whole answer failing.
 * The checks here are those the webhook area can make; others may add theirs to the list.
 */
import { UnavailableError } from '../errors';
import { CONNECTOR_APPLICATION_ROLE_NAME } from '../../../../api/vocabulary/roles';
import type { HealthCheck } from '../../../../api/admin';
import type { ClmWebhookApi } from '../ports';
import { webhookUrlOf } from '../webhooks/register-webhook';

export interface HealthDeps {
  pingDataverse(): Promise<void>;
  clm: ClmWebhookApi & { rootFolderExists?(): Promise<boolean> };
  connectorUrl(): Promise<string | undefined>;
  poisonCount(): Promise<number>;
  scimConfigured: boolean;
  /** User provisioning's own entries (SCIM reachable, token accepted, role UUIDs found); replace the bare one above. */
  scimChecks?(): Promise<HealthCheck[]>;
  /** Active templates whose mapping template sync marked Broken (omitted: not checked). */
  brokenTemplates?(): Promise<{ name: string; errors: string | null }[]>;
  /** The application user against the tables active mappings read (application-user-check.ts; omitted: not checked). */
  applicationUser?(): Promise<Omit<HealthCheck, 'name'>>;
  /** Track changes on contact when contact sync is on (contact-change-tracking-check.ts; omitted: not checked). */
  contactChangeTracking?(): Promise<Omit<HealthCheck, 'name'>>;
}

type Check = () => Promise<Omit<HealthCheck, 'name'>>;

export async function checkHealth(deps: HealthDeps): Promise<{ checks: HealthCheck[] }> {
  const checks: [string, Check][] = [
    [
      'Dataverse',
      async () => {
        await deps.pingDataverse();
        return { ok: true, detail: 'Dataverse answers as the connector app user.', hint: '' };
      },
    ],
    [
      'CLM connection',
      async () => {
        await deps.clm.getWebhook();
        return { ok: true, detail: "The CLM accepts the connector's tokens.", hint: '' };
      },
    ],
    [
      'CLM root folder',
      async () => {
        if (!deps.clm.rootFolderExists) return { ok: false, detail: 'Not checked by this version.', hint: 'Check Dilitrust_account_rootfolder by hand.' };
        const exists = await deps.clm.rootFolderExists();
        return exists
          ? { ok: true, detail: 'The root folder exists in the CLM.', hint: '' }
          : { ok: false, detail: 'The CLM does not know the root folder.', hint: 'Set Dilitrust_account_rootfolder to a folder id of the CLM.' };
      },
    ],
    [
      'Webhook',
      async () => {
        const base = await deps.connectorUrl();
        const { webhook_url } = await deps.clm.getWebhook();
        if (!base)
          return {
            ok: false,
            detail: 'Dilitrust_Connector URL is empty.',
            hint: "Set Dilitrust_Connector URL to this app's URL (ending in /api), then register the webhook.",
          };
        const expected = webhookUrlOf(base);
        return webhook_url === expected
          ? { ok: true, detail: `The CLM sends status changes to ${expected}.`, hint: '' }
          : {
              ok: false,
              detail: webhook_url ? `The CLM sends status changes elsewhere (${webhook_url}).` : 'No webhook is registered in the CLM.',
              hint: 'Use "Register webhook" on the connector settings page.',
            };
      },
    ],
    [
      'Status events',
      async () => {
        const n = await deps.poisonCount();
        return n === 0
          ? { ok: true, detail: 'No status event is waiting after failures.', hint: '' }
          : {
              ok: false,
              detail: `${n} status event(s) failed 5 times and are set aside.`,
              hint: 'Fix the cause (see the logs), then replay them: POST /api/admin/webhook/replay.',
            };
      },
    ],
    [
      'Template mappings',
      async () => {
        if (!deps.brokenTemplates) return { ok: true, detail: 'Not checked by this version.', hint: '' };
        const broken = await deps.brokenTemplates();
        if (broken.length === 0) return { ok: true, detail: 'Every mapped template fits its mapping.', hint: '' };
        const list = broken.map((t) => `${t.name}${t.errors ? ` (${t.errors.split('\n')[0]})` : ''}`).join('; ');
        return {
          ok: false,
          detail: `${broken.length} template(s) changed in the CLM and no longer fit their mapping: ${list}.`,
          hint: 'Open each template on the connector settings page and fix its mapping; until then salespeople cannot use it.',
        };
      },
    ],
    ['Application user', async () => (deps.applicationUser ? deps.applicationUser() : { ok: true, detail: 'Not checked by this version.', hint: '' })],
    [
      'Contact change tracking',
      async () => (deps.contactChangeTracking ? deps.contactChangeTracking() : { ok: true, detail: 'Not checked by this version.', hint: '' }),
    ],
    [
      'User provisioning (SCIM)',
      async () =>
        deps.scimConfigured
          ? { ok: true, detail: 'SCIM is configured (not probed by this version).', hint: '' }
          : { ok: false, detail: 'Not configured.', hint: 'Set SCIM_URL and SCIM_TOKEN in the Function App settings to provision users.' },
    ],
  ];
  const own = deps.scimChecks ? checks.filter(([name]) => name !== 'User provisioning (SCIM)') : checks;
  const scim = deps.scimChecks
    ? deps
        .scimChecks()
        .catch((e: unknown) => [{ name: 'User provisioning (SCIM)', ok: false, detail: `Failed: ${(e as Error).message}`, hint: 'See the logs.' }])
    : Promise.resolve([]);
  const results = await Promise.all(
    own.map(async ([name, run]) => {
      try {
        return { name, ...(await run()) };
      } catch (e) {
        return { name, ok: false, detail: `Failed: ${(e as Error).message}`, hint: ownHint(e) ?? failureHint(name, e) ?? hintFor(name) };
      }
    }),
  );
  return { checks: [...results, ...(await scim)] };
}

/** An error that knows what the admin must do (a CLM address refused, tokens for another address) says so itself. */
function ownHint(e: unknown): string | undefined {
  const hint = (e as { hint?: unknown } | null)?.hint;
  return typeof hint === 'string' && hint ? hint : undefined;
}

/**
 * A CLM failure's hint by what happened (issue 25): a time-out, a refused connection, a 401 and a
 * 5xx each call for something else, and only a refused token calls for new tokens.
 */
function failureHint(name: string, e: unknown): string | undefined {
  if (!(name.startsWith('CLM') || name === 'Webhook')) return undefined;
  const failure = e instanceof UnavailableError ? e.failure : undefined;
  // An UnavailableError's own status is the connector's 503: what the CLM did is in `failure`.
  const status = e instanceof UnavailableError ? failure?.status : (e as { status?: unknown } | null)?.status;
  if (status === 401) return 'The CLM refused the tokens: paste new ones into Dilitrust_token_at / Dilitrust_token_rt (admin guide, tokens step).';
  if (status === 403) return 'The CLM account the tokens belong to may not do this: paste tokens of a CLM administrator account.';
  if (typeof status === 'number' && status >= 500)
    return `The CLM had an error of its own (HTTP ${status}): nothing to change here. Try again later; if it lasts, contact DiliTrust support.`;
  if (status === 429) return 'The CLM is throttling the connector: wait a few minutes and check again.';
  if (failure?.timedOut)
    return 'The CLM did not answer in time: it may be slow or down. Check again in a few minutes; if it lasts, check Dilitrust_API URL and the CLM status.';
  if (failure?.code === 'ECONNREFUSED')
    return 'Nothing answers at the CLM API address: check Dilitrust_API URL (the API base, not the web app) and that the CLM is up.';
  if (failure?.code === 'ENOTFOUND' || failure?.code === 'EAI_AGAIN') return 'The CLM API host name does not resolve: check the spelling of Dilitrust_API URL.';
  if (failure?.code) return 'The CLM could not be reached from the Function App: check Dilitrust_API URL and the network between Azure and the CLM.';
  return undefined;
}

function hintFor(name: string): string {
  if (name === 'Dataverse') return 'Check DATAVERSE_URL, AZURE_CLIENT_ID / AZURE_CLIENT_SECRET and that the app user exists in Dynamics.';
  if (name === 'Application user')
    return `Check that the application user holds the ${CONNECTOR_APPLICATION_ROLE_NAME} role, assigned to it directly (admin guide, step 3).`;
  if (name === 'Contact change tracking') return 'Check that Dilitrust_ContactSync_Settings is valid and that the application user may read table definitions.';
  if (name.startsWith('CLM') || name === 'Webhook') return 'Check Dilitrust_API URL and paste new tokens into Dilitrust_token_at / Dilitrust_token_rt.';
  return 'See the logs.';
}
