import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { TokenPair } from './auth/token-store';
import { SEED_FOLDER_IDS } from './folders/folder-store';
import { LifecycleDriver } from './lifecycle-driver';
import { SCIM_PATH } from './scim/scim-router';
import { API_PATH, createClmApp } from './server';
import { createWorld } from './world';

export { CONNECTOR_CLIENT_ID } from './auth/token-store';

export interface ClmSandboxOptions {
  /** 0 (default): a free port. */
  port?: number;
  host?: string;
  /** npm start: true (contracts move by themselves); tests: false (default). */
  autoLifecycle?: boolean;
  /** Lifetime of access tokens, in seconds (default 3600). */
  accessTokenTtlSeconds?: number;
  /** Wait before the lifecycle driver approves or signs (default 5000 ms). */
  autoLifecycleDelayMs?: number;
  /** Webhook retry delays and answer time-out are divided by this (default 1: the real schedule). */
  webhookSpeedup?: number;
}

export interface ClmSandbox {
  /** http://127.0.0.1:<port>/api/clm/v1; test controls at `${apiBase}/_sandbox/...`. */
  apiBase: string;
  /** http://127.0.0.1:<port>; serves /contracts/<id> pages (the contracts' `url`). */
  webBase: string;
  /** http://127.0.0.1:<port>/api/scim/v2: the SCIM 2.0 service provider (`SCIM_URL`); controls at `${apiBase}/_sandbox/scim/...`. */
  scimBase: string;
  /** A new SCIM bearer token (`SCIM_TOKEN`), as an admin copies it from the CLM. */
  issueScimToken(): Promise<string>;
  rootFolderId: string;
  /** A new token family, as an admin would paste into the connector. */
  issueTokens(): Promise<TokenPair>;
  close(): Promise<void>;
}

/** Starts a CLM sandbox on its own port; several can run side by side (each has its own state). */
export async function startClm(opts: ClmSandboxOptions = {}): Promise<ClmSandbox> {
  const world = createWorld({ accessTokenTtlSeconds: opts.accessTokenTtlSeconds ?? 3600, webhookSpeedup: opts.webhookSpeedup ?? 1 });
  const driver = opts.autoLifecycle ? new LifecycleDriver(world.contracts, opts.autoLifecycleDelayMs ?? 5000) : undefined;
  const app = createClmApp(world);
  const host = opts.host ?? '127.0.0.1';
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(opts.port ?? 0, host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  world.bases.webBase = `http://${urlHost}:${port}`;
  world.bases.apiBase = `${world.bases.webBase}${API_PATH}`;
  world.scim.base.scimBase = `${world.bases.webBase}${SCIM_PATH}`;

  let closed: Promise<void> | undefined;
  return {
    apiBase: world.bases.apiBase,
    webBase: world.bases.webBase,
    scimBase: world.scim.base.scimBase,
    issueScimToken: () => world.scim.tokens.issue(),
    rootFolderId: SEED_FOLDER_IDS.root,
    issueTokens: async () => world.tokens.issueFamily(),
    close: () => {
      closed ??= (async () => {
        driver?.stop();
        world.faults.releaseHanging();
        world.scim.faults.releaseHanging();
        await world.deliveries.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closed;
    },
  };
}
