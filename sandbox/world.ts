/**
 * The whole local world, in one process: identity emulator, Dataverse emulator, Azurite, CLM
 * sandbox and the connector's functions, wired together as an admin would wire the real ones.
 * `npm start` runs it (sandbox/start.ts); tests and benchmarks start the very same world in-process.
 */
import type { LogHandler } from '@azure/functions';
import type { AppOverrides } from '../functions/src/app/composition-root';
import { loadConfig, type Config } from '../functions/src/config';
import { setUpDynamicsAsAdmin } from './admin-setup';
import { startAzurite, type AzuriteSandbox } from './azurite';
import { startClm, type ClmSandbox } from './clm';
import { clmSandboxVariables, connectorAdmin, type DataverseAdmin } from './dataverse-admin';
import { setUpDemoTemplates, type DemoTemplateIds } from './demo-templates';
import { provisionUsersAsAdmin } from './provision-users';
import { registerWebhookAsAdmin } from './register-webhook';
import { startDataverse, type DataverseSandbox } from './dataverse';
import { startFunctionsHost, type FunctionsHost } from './functions-host';
import { startIdentity, type IdentitySandbox } from './identity';
import { localhostCertificate, trustInThisProcess } from './tls';
import { CONNECTOR_APP, TENANT_ID } from './seed/identities';

/** A CLM that runs elsewhere (`--clm`), used instead of the built-in sandbox. */
export interface ExternalClm {
  apiBase: string;
  refreshToken: string;
  /** Default: the API base's origin. */
  webBase?: string;
  /** Left unset in Dataverse when not given. */
  rootFolderId?: string;
}

export interface WorldOptions {
  /** First port; the parts take base, base+1, ... (see PORT_OFFSETS). Default: free ports. */
  basePort?: number;
  host?: string;
  /**
   * The host name the identity emulator advertises (authority, issuer), e.g. `localhost` so that
   * "Entra" is another site than "Dynamics" on 127.0.0.1, as login.microsoftonline.com is to
   * *.crm.dynamics.com. Default: `localhost` (the certificate of sandbox/tls names it).
   */
  identityPublicHost?: string;
  externalClm?: ExternalClm;
  /** Built-in CLM: contracts move through approval and signature by themselves (npm start). */
  autoLifecycle?: boolean;
  /** Register the built-in CLM's webhook as the admin would after install (npm start); tests do it themselves. */
  registerWebhook?: boolean;
  /** Provision the demo users into the built-in CLM over SCIM, as the admin's first sync (npm start). */
  provisionUsers?: boolean;
  /** Where the functions' own log lines go (default: the console). */
  functionsLogHandler?: LogHandler;
  /** One line per request to the functions (default: none). */
  logRequest?: (line: string) => void;
  /** Origins, besides the Dataverse URL, allowed to call the functions from a browser. */
  corsOrigins?: string[];
  /**
   * Parts of the connector app replaced (tests and benchmarks), given the storage the world started,
   * e.g. a counting queue on Azurite.
   */
  appOverrides?: (parts: { config: Config }) => AppOverrides;
  /** More Function App settings (the tunables of connector-api.md's settings, e.g. RETRY_BASE_DELAY_MS). */
  settings?: Record<string, string>;
}

/** The machine-readable summary printed as `SANDBOX_READY {json}`. */
interface SandboxReady {
  dataverse: string;
  /** The authority: http://127.0.0.1:<port>/<tenantId> */
  identity: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The functions app's base, ending in /api. */
  functions: string;
  /**
   * The functions host's master key, for its admin API (`POST {functions origin}/admin/functions/<name>`
   * with `x-functions-key`), as the Function App's App keys > _master gives it in Azure.
   */
  functionsMasterKey: string;
  /** The Azure Storage connection string (Azurite). */
  storage: string;
  /** The CLM API base, built-in or given. */
  clm?: string;
  /** The built-in CLM's SCIM base (SCIM_URL); SCIM controls at `${clm}/_sandbox/scim/...`. */
  scim?: string;
}

export interface World {
  ready: SandboxReady;
  identity: IdentitySandbox;
  dataverse: DataverseSandbox;
  storage: AzuriteSandbox;
  /** The built-in CLM; undefined when an outside CLM is used. */
  clm?: ClmSandbox;
  functions: FunctionsHost;
  /** The connector's settings as the functions app read them (what a test needs to build its own clients). */
  connectorConfig: Config;
  admin: DataverseAdmin;
  /** The functions' CORS allowed origins; a part started later (the form harness) may add its own. */
  corsOrigins: string[];
  /** The demo templates' row ids (built-in CLM only: synced and mapped through the admin routes). */
  demoTemplates?: DemoTemplateIds;
  /** The environment variables written into Dataverse (token values included: do not print). */
  environmentVariables: Record<string, string>;
  close(): Promise<void>;
}

export const PORT_OFFSETS = { identity: 0, dataverse: 1, blob: 2, queue: 3, table: 4, clm: 5, functions: 6 } as const;

/** The connector's application settings, as they would be set on the Function App in Azure. */
export function connectorSettings(identity: IdentitySandbox, dataverse: DataverseSandbox, storage: AzuriteSandbox): Record<string, string> {
  return {
    DATAVERSE_URL: dataverse.url,
    AZURE_TENANT_ID: TENANT_ID,
    AZURE_CLIENT_ID: CONNECTOR_APP.clientId,
    AZURE_CLIENT_SECRET: CONNECTOR_APP.clientSecret,
    // `${AZURE_AUTHORITY_HOST}/${AZURE_TENANT_ID}` is the identity emulator's authority.
    AZURE_AUTHORITY_HOST: identity.authorityHost,
    CONNECTOR_AUDIENCE: `api://${CONNECTOR_APP.clientId}`,
    AzureWebJobsStorage: storage.connectionString,
  };
}

export async function startWorld(opts: WorldOptions = {}): Promise<World> {
  const host = opts.host ?? '127.0.0.1';
  const port = (part: keyof typeof PORT_OFFSETS) => (opts.basePort ? opts.basePort + PORT_OFFSETS[part] : 0);
  // Parts started so far, closed in reverse order if a later one fails (and by close()).
  const started: { close(): Promise<void> }[] = [];
  const closeAll = async () => {
    for (const part of started.reverse()) await part.close().catch(() => undefined);
    started.length = 0;
  };

  const corsOrigins: string[] = [...(opts.corsOrigins ?? [])];
  try {
    // Strict about resources, like a real tenant: tokens only for the APIs it knows.
    // Entra's stand-in on another site than the harness (localhost, not 127.0.0.1) and over https,
    // as login.microsoftonline.com is to *.crm.dynamics.com: cross-site cookies, CORS and
    // msal-browser's https-only authority then behave as they will in a real org.
    const certificate = localhostCertificate();
    trustInThisProcess(certificate.cert);
    const identity = await startIdentity({ port: port('identity'), host, publicHost: opts.identityPublicHost ?? 'localhost', tls: certificate, resources: [] });
    started.push(identity);
    const dataverse = await startDataverse({ port: port('dataverse'), host, issuer: identity.issuer, jwksUri: identity.jwksUri });
    started.push(dataverse);
    identity.addResource(dataverse.url);
    // As the admin after importing the solution: the application user, its role, people's roles.
    await setUpDynamicsAsAdmin({ tokenEndpoint: identity.tokenEndpoint, dataverse });
    corsOrigins.push(dataverse.url);
    const storage = await startAzurite({ host, blobPort: port('blob'), queuePort: port('queue'), tablePort: port('table') });
    started.push(storage);
    const clm = opts.externalClm ? undefined : await startClm({ port: port('clm'), host, autoLifecycle: opts.autoLifecycle ?? false });
    if (clm) started.push(clm);
    // SCIM_URL / SCIM_TOKEN: the built-in CLM's SCIM endpoint and a token, as the admin copies them from the CLM.
    const scimSettings: Record<string, string> = clm ? { SCIM_URL: clm.scimBase, SCIM_TOKEN: await clm.issueScimToken() } : {};
    const settings = { ...connectorSettings(identity, dataverse, storage), ...scimSettings, ...opts.settings };
    const functions = await startFunctionsHost({
      port: port('functions'),
      host,
      env: settings,
      ...(opts.appOverrides ? { appOverrides: opts.appOverrides({ config: loadConfig(settings) }) } : {}),
      logHandler: opts.functionsLogHandler,
      logRequest: opts.logRequest,
      // Queue functions run on Azurite's messages, as in Azure (the webhook's queue, for one), polled as host.json says.
      pollQueues: { connectionString: storage.connectionString },
      // As an admin sets the Function App's CORS: the Dynamics origin, where the web resources run.
      cors: { allowedOrigins: corsOrigins },
    });
    started.push(functions);

    const admin = connectorAdmin(identity, dataverse);
    const environmentVariables = await clmEnvironmentVariables(clm, opts.externalClm);
    environmentVariables.dtclm_connector_url = functions.url;
    environmentVariables.dtclm_connector_appid = CONNECTOR_APP.clientId;
    // Not Entra's commercial cloud: the pages' authority is set, as an admin in another cloud sets it.
    environmentVariables.dtclm_connector_authority = identity.authority;
    await admin.setEnvironmentVariables(environmentVariables);
    // As the admin after install: sync the templates, then save the demo mappings, through the connector's routes.
    const demoTemplates = clm
      ? await setUpDemoTemplates({ admin, apiUrl: dataverse.apiUrl, tokenEndpoint: identity.tokenEndpoint, functionsUrl: functions.url })
      : undefined;
    // Only the built-in CLM: pointing an outside CLM's webhook at this machine is its admin's call (POST /api/admin/webhook).
    if (opts.registerWebhook && clm) await registerWebhookAsAdmin({ tokenEndpoint: identity.tokenEndpoint, functionsUrl: functions.url });
    if (opts.provisionUsers && clm) await provisionUsersAsAdmin({ tokenEndpoint: identity.tokenEndpoint, functionsUrl: functions.url });

    const clmApiBase = clm?.apiBase ?? opts.externalClm?.apiBase;
    const ready: SandboxReady = {
      dataverse: dataverse.url,
      identity: identity.authority,
      tenantId: TENANT_ID,
      clientId: CONNECTOR_APP.clientId,
      clientSecret: CONNECTOR_APP.clientSecret,
      functions: functions.url,
      functionsMasterKey: functions.masterKey,
      storage: storage.connectionString,
      ...(clmApiBase ? { clm: clmApiBase } : {}),
      ...(clm ? { scim: clm.scimBase } : {}),
    };
    let closing: Promise<void> | undefined;
    return {
      ready,
      identity,
      dataverse,
      storage,
      clm,
      functions,
      connectorConfig: loadConfig(settings),
      admin,
      corsOrigins,
      environmentVariables,
      ...(demoTemplates ? { demoTemplates } : {}),
      close: () => (closing ??= closeAll()),
    };
  } catch (e) {
    await closeAll();
    throw e;
  }
}

/** The CLM's URLs, root folder and first token pair, as the admin pastes them at install. */
async function clmEnvironmentVariables(clm: ClmSandbox | undefined, external: ExternalClm | undefined): Promise<Record<string, string>> {
  if (clm) return clmSandboxVariables(clm);
  if (!external) return {};
  return {
    dtclm_api_url: external.apiBase,
    dtclm_clm_url: external.webBase ?? new URL(external.apiBase).origin,
    ...(external.rootFolderId ? { dtclm_account_rootfolder: external.rootFolderId } : {}),
    // Only a refresh token is given: the connector redeems it for an access token at its first call.
    dtclm_token_at: '',
    dtclm_token_rt: external.refreshToken,
  };
}
