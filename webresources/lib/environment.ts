/** The connector's environment variables as the pages read them: current value, else the default. */
import { dataverseRows, dataverseUrl, quoted } from './dataverse';

interface DefinitionRow {
  schemaname: string;
  defaultvalue?: string | null;
  environmentvariabledefinition_environmentvariablevalue?: Array<{ value?: string | null }>;
}

export async function readEnvironmentVariables(names: string[]): Promise<Record<string, string>> {
  const filter = names.map((n) => `schemaname eq ${quoted(n)}`).join(' or ');
  const rows = await dataverseRows<DefinitionRow>(
    dataverseUrl('environmentvariabledefinitions', {
      $select: 'schemaname,defaultvalue',
      $filter: filter,
      $expand: 'environmentvariabledefinition_environmentvariablevalue($select=value)',
    }),
  );
  const out: Record<string, string> = {};
  for (const row of rows) {
    const value = row.environmentvariabledefinition_environmentvariablevalue?.[0]?.value ?? row.defaultvalue;
    if (value) out[row.schemaname] = value;
  }
  return out;
}
