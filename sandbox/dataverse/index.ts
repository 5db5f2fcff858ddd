/**
 * The Dataverse Web API emulator: `startDataverse()` serves the Web API at `{url}/api/data/v9.2/`
 * over the organization with the connector's built managed solution imported (defaults.ts), or the
 * schema, seed and roles given, accepting tokens issued by the identity emulator for the audience
 * `{url}`. See README.md for what it does and where it stops.
 */
import type { SchemaDef } from '../../solution/model/types';
import type { RoleDef, SeedData } from './model/security-types';
import { DataverseEngine, API_PATH } from './engine';
import { startServer } from './server';
import { defaultMetadata, defaultWorld } from './defaults';

export interface DataverseOptions {
  port?: number;
  host?: string;
  /** Expected `iss` of tokens, e.g. `${authority}/v2.0`. */
  issuer: string;
  /** The identity emulator's JWKS URL. */
  jwksUri: string;
  schema?: SchemaDef;
  seed?: SeedData;
  roles?: RoleDef[];
  /** Default 5000, like Dataverse. */
  maxPageSize?: number;
}

export interface DataverseSandbox {
  /** http://127.0.0.1:<port> — also the token audience. */
  url: string;
  /** url + '/api/data/v9.2/' */
  apiUrl: string;
  close(): Promise<void>;
}

export async function startDataverse(opts: DataverseOptions): Promise<DataverseSandbox> {
  const world = opts.schema && opts.seed && opts.roles ? undefined : defaultWorld();
  const schema = opts.schema ?? world!.schema;
  const engine = new DataverseEngine({
    schema,
    seed: opts.seed ?? world!.seed,
    roles: opts.roles ?? world!.roles,
    maxPageSize: opts.maxPageSize ?? 5000,
    metadata: world?.metadata ?? defaultMetadata(),
  });
  const server = await startServer(engine, { host: opts.host ?? '127.0.0.1', port: opts.port ?? 0, issuer: opts.issuer, jwksUri: opts.jwksUri });
  return { url: server.url, apiUrl: `${server.url}${API_PATH}`, close: server.close };
}

export type { RequestLogEntry } from './controls/request-log';
