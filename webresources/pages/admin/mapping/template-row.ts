/**
 * The dtclm_template row the editor works on (dataverse-model.md): its name, the CLM field
 * definitions (dtclm_fields), the stored mapping and its state, and the row's ETag, which the save
 * sends as If-Match so a concurrent edit is refused rather than overwritten.
 */
import { z } from 'zod';
import { dataverseGet, dataverseUrl, guid } from '../../../lib/dataverse';

export interface TemplateFieldDef {
  key: string;
  label: string;
  type: string;
  required: boolean;
  columns?: TemplateFieldDef[];
}

const fieldSchema: z.ZodType<TemplateFieldDef> = z.lazy(() =>
  z.object({ key: z.string(), label: z.string(), type: z.string(), required: z.boolean().catch(false), columns: z.array(fieldSchema).optional() }),
);

export interface TemplateRow {
  name: string;
  fields: TemplateFieldDef[];
  /** The stored mapping's text ("" when there is none). */
  mapping: string;
  /** Fits, Broken or No mapping, as Dataverse formats the choice for the user. */
  stateLabel: string;
  etag: string;
}

const rowSchema = z.object({
  '@odata.etag': z.string(),
  dtclm_name: z.string().nullish(),
  dtclm_fields: z.string().nullish(),
  dtclm_mapping: z.string().nullish(),
  'dtclm_mappingstate@OData.Community.Display.V1.FormattedValue': z.string().nullish(),
});

/** dtclm_fields is the CLM's JSON; a row whose fields do not parse offers no field keys (the connector's check says why). */
function parseFields(json: string | null | undefined): TemplateFieldDef[] {
  try {
    const parsed = z.array(fieldSchema).safeParse(JSON.parse(json ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export async function readTemplateRow(templateId: string): Promise<TemplateRow> {
  const url = dataverseUrl(`dtclm_templates(${guid(templateId)})`, { $select: 'dtclm_name,dtclm_fields,dtclm_mapping,dtclm_mappingstate' });
  const { body } = await dataverseGet<unknown>(url, { formatted: true });
  const row = rowSchema.safeParse(body);
  if (!row.success) throw new Error('Dataverse sent a template this page does not understand. Reload the page; if it persists, tell your administrator.');
  const r = row.data;
  return {
    name: r.dtclm_name ?? '',
    fields: parseFields(r.dtclm_fields),
    mapping: r.dtclm_mapping ?? '',
    stateLabel: r['dtclm_mappingstate@OData.Community.Display.V1.FormattedValue'] ?? '',
    etag: r['@odata.etag'],
  };
}
