/**
 * dtclm_requestcontract_visible: on which tables the Request Contract button shows, e.g.
 * {"opportunity": true, "quote": false}. Read once per page load (enable rules run on every
 * ribbon refresh) from the environment variable's value, or its default when it has none.
 */
import { ENVIRONMENT_VARIABLES } from '../../api/vocabulary/environment-variables';

type Visibility = Record<string, boolean>;

let cached: Promise<Visibility> | undefined;

interface DefinitionRow {
  defaultvalue?: string | null;
  environmentvariabledefinition_environmentvariablevalue?: Array<{ value?: string | null }>;
}

function parse(text: string | null | undefined): Visibility | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Visibility) : undefined;
  } catch {
    return undefined;
  }
}

async function load(): Promise<Visibility> {
  const query =
    `?$select=defaultvalue&$filter=schemaname eq '${ENVIRONMENT_VARIABLES.requestContractVisible}'` +
    '&$expand=environmentvariabledefinition_environmentvariablevalue($select=value)';
  const result = await Xrm.WebApi.retrieveMultipleRecords('environmentvariabledefinition', query);
  const row = result.entities[0] as DefinitionRow | undefined;
  const current = row?.environmentvariabledefinition_environmentvariablevalue?.[0]?.value;
  // A value that is not a JSON object falls back to the default, then to "shown everywhere".
  return parse(current) ?? parse(row?.defaultvalue) ?? {};
}

/** True unless the setting says false for this table. A failed read shows the button: the API still checks. */
export async function isRequestContractVisibleOn(entityName: string): Promise<boolean> {
  cached ??= load().catch(() => ({}));
  const visibility = await cached;
  return visibility[entityName] !== false;
}
