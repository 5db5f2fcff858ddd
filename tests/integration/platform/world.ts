/**
 * The part of the sandbox the platform tests need, wired as `sandbox/world.ts` wires it (minus the
 * functions host): identity (strict about resources), Dataverse, Azurite, the CLM sandbox, and the
 * environment variables an admin fills after install. `config` is the connector's settings for it.
 */
import { loadConfig, type Config } from '../../../functions/src/config';
import { setUpDynamicsAsAdmin } from '../../../sandbox/admin-setup';
import { startAzurite, type AzuriteSandbox } from '../../../sandbox/azurite';
import { startClm, type ClmSandbox } from '../../../sandbox/clm';
import { clmSandboxVariables, connectorAdmin, type DataverseAdmin } from '../../../sandbox/dataverse-admin';
import { startDataverse, type DataverseSandbox } from '../../../sandbox/dataverse';
import { startIdentity, type IdentitySandbox } from '../../../sandbox/identity';
import { connectorSettings } from '../../../sandbox/world';

export interface PlatformWorld {
  identity: IdentitySandbox;
  dataverse: DataverseSandbox;
  storage: AzuriteSandbox;
  clm: ClmSandbox;
  admin: DataverseAdmin;
  config: Config;
  /** POST/GET a CLM sandbox control (`/_sandbox/...`). */
  clmControl<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  clmStats(): Promise<{
    refreshes: number;
    refreshesSucceeded: number;
    refreshesRefused: number;
    requests: number;
    faultsServed: number;
    specViolations: unknown[];
  }>;
  dataverseFault(plan: { status?: 429 | 503; count: number; retryAfter?: number; latencyMs?: number }): Promise<void>;
  close(): Promise<void>;
}

export async function startPlatformWorld(options: { clm?: Parameters<typeof startClm>[0]; settings?: Record<string, string> } = {}): Promise<PlatformWorld> {
  const identity = await startIdentity({ resources: [] });
  const dataverse = await startDataverse({ issuer: identity.issuer, jwksUri: identity.jwksUri });
  identity.addResource(dataverse.url);
  await setUpDynamicsAsAdmin({ tokenEndpoint: identity.tokenEndpoint, dataverse });
  const storage = await startAzurite();
  const clm = await startClm({ autoLifecycle: false, ...options.clm });
  const admin = connectorAdmin(identity, dataverse);
  await admin.setEnvironmentVariables(await clmSandboxVariables(clm));
  // Short pauses so that retried calls do not slow the suite; the policy's logic is unchanged.
  const config = loadConfig({
    ...connectorSettings(identity, dataverse, storage),
    RETRY_BASE_DELAY_MS: '20',
    RETRY_MAX_DELAY_MS: '200',
    ...options.settings,
  });
  const clmControl = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${clm.apiBase}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`CLM control ${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    identity,
    dataverse,
    storage,
    clm,
    admin,
    config,
    clmControl,
    clmStats: () => clmControl('GET', '/stats'),
    async dataverseFault(plan) {
      const res = await fetch(`${dataverse.url}/_sandbox/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(plan),
      });
      if (!res.ok) throw new Error(`Dataverse fault: ${res.status}`);
    },
    async close() {
      await clm.close().catch(() => undefined);
      await storage.close().catch(() => undefined);
      await dataverse.close().catch(() => undefined);
      await identity.close().catch(() => undefined);
    },
  };
}
