/**
 * The connector's Dataverse environment variables (dataverse-model.md "Environment variables"):
 * all `dtclm_*` definitions with their current value rows, in ONE request
 * (definitions + $expand of the values), as the app (no impersonation: the settings are the
 * connector's, not the caller's). The current value is the value row's when there is one, else
 * the definition's default, as Dynamics resolves it.
 *
 * Cached per instance for `ttlMs` (default 60 s, setting ENV_VARS_TTL_SECONDS) so that a warm
 * request costs no Dataverse request for its settings; an admin's change shows within that time.
 * Concurrent readers share one request.
 */
import { ENVIRONMENT_VARIABLES as ENV } from '../../../../api/vocabulary/environment-variables';
import type { DataverseGateway } from './client';
import { z } from 'zod';
import { entityPath, guidKey, startsWithText } from './url-values';

/** The variables the functions read (the pages read theirs themselves). */
const ENVIRONMENT_VARIABLES = [
  ENV.accountRootFolder,
  ENV.refreshToken,
  ENV.accessToken,
  ENV.clmUrl,
  ENV.apiUrl,
  ENV.connectorUrl,
  ENV.connectorAppId,
  ENV.requestContractVisible,
  ENV.scimSettings,
  ENV.contactSyncSettings,
  ENV.outcomeSettings,
] as const;
export type EnvironmentVariableName = (typeof ENVIRONMENT_VARIABLES)[number];
export type EnvironmentVariableValues = Partial<Record<EnvironmentVariableName, string>>;

const ENV_VARS_TTL_MS = 60_000;

const valueRow = z.object({ environmentvariablevalueid: z.string(), value: z.string().nullish() });
const definition = z.object({
  environmentvariabledefinitionid: z.string(),
  schemaname: z.string(),
  defaultvalue: z.string().nullish(),
  environmentvariabledefinition_environmentvariablevalue: z.array(valueRow).optional(),
});
const answer = z.object({ value: z.array(definition) });
type Definition = z.infer<typeof definition>;

/** What the token store needs: read (fresh when asked) and blank values. */
export interface EnvironmentVariablesPort {
  read(options?: { fresh?: boolean }): Promise<EnvironmentVariableValues>;
  write(values: EnvironmentVariableValues): Promise<void>;
}

export class DataverseEnvironmentVariables implements EnvironmentVariablesPort {
  private cache?: { at: number; definitions: Promise<Definition[]> };

  constructor(
    private readonly api: DataverseGateway,
    private readonly ttlMs: number = ENV_VARS_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** name -> current value; absent when neither a value nor a default is set. */
  async read(options: { fresh?: boolean } = {}): Promise<EnvironmentVariableValues> {
    const definitions = await this.definitions(options.fresh);
    const values: EnvironmentVariableValues = {};
    for (const d of definitions) {
      if (!(ENVIRONMENT_VARIABLES as readonly string[]).includes(d.schemaname)) continue;
      const row = d.environmentvariabledefinition_environmentvariablevalue?.[0];
      const value = row && row.value !== null && row.value !== undefined ? row.value : d.defaultvalue;
      if (value !== null && value !== undefined) values[d.schemaname as EnvironmentVariableName] = value;
    }
    return values;
  }

  async get(name: EnvironmentVariableName, options: { fresh?: boolean } = {}): Promise<string | undefined> {
    return (await this.read(options))[name];
  }

  /**
   * Sets the current values (a blank is ''), as the maker portal does: the value row is updated or
   * created. A default that would show through a blank is blanked too, so a secret put there does
   * not stay readable.
   */
  async write(values: EnvironmentVariableValues): Promise<void> {
    const definitions = await this.definitions(true);
    try {
      for (const [name, value] of Object.entries(values) as [EnvironmentVariableName, string][]) {
        const d = definitions.find((x) => x.schemaname === name);
        if (!d) throw new Error(`The environment variable ${name} is not defined in Dataverse (is the solution installed?)`);
        const row = d.environmentvariabledefinition_environmentvariablevalue?.[0];
        if (row) {
          await this.api.update({ collection: 'environmentvariablevalues', key: guidKey(row.environmentvariablevalueid), data: { value } });
        } else {
          await this.api.create({
            collection: 'environmentvariablevalues',
            data: {
              schemaname: name,
              value,
              'EnvironmentVariableDefinitionId@odata.bind': entityPath('environmentvariabledefinitions', d.environmentvariabledefinitionid),
            },
          });
        }
        if (value === '' && d.defaultvalue) {
          await this.api.update({ collection: 'environmentvariabledefinitions', key: guidKey(d.environmentvariabledefinitionid), data: { defaultvalue: '' } });
        }
      }
    } finally {
      this.cache = undefined;
    }
  }

  /** Forget the cached values (e.g. after another instance is known to have written). */
  invalidate(): void {
    this.cache = undefined;
  }

  private definitions(fresh = false): Promise<Definition[]> {
    const at = this.now();
    if (!fresh && this.cache && at - this.cache.at < this.ttlMs) return this.cache.definitions;
    const definitions = this.fetch();
    this.cache = { at, definitions };
    // A failed read is not cached.
    definitions.catch(() => {
      if (this.cache?.definitions === definitions) this.cache = undefined;
    });
    return definitions;
  }

  private async fetch(): Promise<Definition[]> {
    const raw = await this.api.retrieveMultiple({
      collection: 'environmentvariabledefinitions',
      select: ['environmentvariabledefinitionid', 'schemaname', 'defaultvalue'],
      // `_` is a wildcard in startswith: the prefix is written so that it matches only itself.
      filter: startsWithText('schemaname', 'dtclm_'),
      expand: [{ property: 'environmentvariabledefinition_environmentvariablevalue', select: ['environmentvariablevalueid', 'value'] }],
    });
    const parsed = answer.safeParse(raw);
    if (!parsed.success) throw new Error('Dataverse answered the environment variables in an unexpected shape.');
    return parsed.data.value;
  }
}
