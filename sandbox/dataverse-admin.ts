/**
 * What an admin does in Dynamics after installing the solution, done through the Web API with the
 * connector app's own token (client credentials): fill the connector's environment variables. A
 * value is an `environmentvariablevalue` row tied to the definition found by its schema name;
 * an existing value is updated, a missing one created, as the maker portal does.
 */
import type { ClmSandbox } from './clm';
import { connectorAppToken } from './identity/demo-tokens';
import { CONNECTOR_APP } from './seed/identities';

interface DataverseAdminOptions {
  /** The environment URL: the token audience, e.g. http://127.0.0.1:<port>. */
  dataverseUrl: string;
  /** The Web API base, e.g. `${dataverseUrl}/api/data/v9.2` (trailing slash or not). */
  apiUrl: string;
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
}

export interface DataverseAdmin {
  /** An app token for Dataverse (cached until shortly before it expires). */
  token(): Promise<string>;
  setEnvironmentVariable(schemaName: string, value: string): Promise<void>;
  setEnvironmentVariables(values: Record<string, string>): Promise<void>;
  /** The current value (the value row, else the definition's default), or undefined. */
  getEnvironmentVariable(schemaName: string): Promise<string | undefined>;
}

interface Definition {
  environmentvariabledefinitionid: string;
  schemaname: string;
  defaultvalue?: string | null;
}

interface ValueRow {
  environmentvariablevalueid: string;
  value: string | null;
}

function dataverseAdmin(opts: DataverseAdminOptions): DataverseAdmin {
  const api = opts.apiUrl.replace(/\/+$/, '');
  let cached: { token: string; until: number } | undefined;

  async function token(): Promise<string> {
    if (cached && cached.until > Date.now()) return cached.token;
    const issued = await connectorAppToken(opts.tokenEndpoint, opts.dataverseUrl, opts);
    cached = { token: issued.accessToken, until: Date.now() + (issued.expiresIn - 60) * 1000 };
    return cached.token;
  }

  async function call<T>(method: string, path: string, body?: unknown): Promise<T | undefined> {
    const res = await fetch(`${api}/${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await token()}`,
        Accept: 'application/json',
        'OData-MaxVersion': '4.0',
        'OData-Version': '4.0',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
      let message = text.slice(0, 300);
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
      } catch {
        /* not JSON: keep the text */
      }
      throw new Error(`Dataverse ${method} ${path.split('?')[0]} failed: ${res.status} ${message}`);
    }
    return text ? (JSON.parse(text) as T) : undefined;
  }

  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

  async function definition(schemaName: string): Promise<Definition> {
    const found = await call<{ value: Definition[] }>(
      'GET',
      `environmentvariabledefinitions?$select=environmentvariabledefinitionid,schemaname,defaultvalue&$filter=schemaname eq ${quote(schemaName)}`,
    );
    const def = found?.value[0];
    if (!def) throw new Error(`No environment variable definition "${schemaName}" in Dataverse (is the solution installed?)`);
    return def;
  }

  async function valueRow(def: Definition): Promise<ValueRow | undefined> {
    const found = await call<{ value: ValueRow[] }>(
      'GET',
      `environmentvariablevalues?$select=environmentvariablevalueid,value&$filter=_environmentvariabledefinitionid_value eq ${def.environmentvariabledefinitionid}`,
    );
    return found?.value[0];
  }

  async function setEnvironmentVariable(schemaName: string, value: string): Promise<void> {
    const def = await definition(schemaName);
    const existing = await valueRow(def);
    if (existing) {
      await call('PATCH', `environmentvariablevalues(${existing.environmentvariablevalueid})`, { value });
    } else {
      await call('POST', 'environmentvariablevalues', {
        schemaname: schemaName,
        value,
        'EnvironmentVariableDefinitionId@odata.bind': `/environmentvariabledefinitions(${def.environmentvariabledefinitionid})`,
      });
    }
  }

  return {
    token,
    setEnvironmentVariable,
    async setEnvironmentVariables(values) {
      // One after the other: each is a read then a write on its own definition.
      for (const [name, value] of Object.entries(values)) await setEnvironmentVariable(name, value);
    },
    async getEnvironmentVariable(schemaName) {
      const def = await definition(schemaName);
      const row = await valueRow(def);
      return row?.value ?? def.defaultvalue ?? undefined;
    },
  };
}

/** The admin as the connector app, on an emulator whose tokens the identity emulator issues (the local world). */
export function connectorAdmin(identity: { tokenEndpoint: string }, dataverse: { url: string; apiUrl: string }): DataverseAdmin {
  return dataverseAdmin({
    dataverseUrl: dataverse.url,
    apiUrl: dataverse.apiUrl,
    tokenEndpoint: identity.tokenEndpoint,
    clientId: CONNECTOR_APP.clientId,
    clientSecret: CONNECTOR_APP.clientSecret,
  });
}

/** The connector's CLM environment variables for the built-in CLM sandbox: its URLs, root folder and a fresh token pair. */
export async function clmSandboxVariables(clm: ClmSandbox): Promise<Record<string, string>> {
  const tokens = await clm.issueTokens();
  return {
    dtclm_api_url: clm.apiBase,
    dtclm_clm_url: clm.webBase,
    dtclm_account_rootfolder: clm.rootFolderId,
    dtclm_token_at: tokens.access_token,
    dtclm_token_rt: tokens.refresh_token,
  };
}
