/**
 * What the dialog reads before the user chooses: the templates offered for the record, the
 * record's name, and a template's preview. Until POST /api/contracts/preview is served (404/405 from
 * the host, not a problem+json), the preview is the template's fields without values.
 */
import { ROUTES, routePath } from '../../../api/routes';
import { MAPPING_STATE_VALUE } from '../../../api/vocabulary/choices';
import { contractPreviewAnswerSchema, type ContractPreviewAnswer } from '../../../api/contracts';
import { ConnectorError, type ConnectorClient } from '../../lib/connector';
import { dataverseGet, dataverseRows, dataverseUrl, guid, quoted } from '../../lib/dataverse';
import { TRIGGER_TABLES } from '../../lib/entity-sets';

export interface OfferedTemplate {
  id: string;
  name: string;
  fields: Array<{ key: string; label: string; type: string; required: boolean }>;
}

/** dtclm_mappingstate: only Fits (or a row not checked yet) is offered; Broken and No mapping are not. */
const MAPPING_NOT_OFFERED = new Set<number>([MAPPING_STATE_VALUE.broken, MAPPING_STATE_VALUE.none]);

interface TemplateRow {
  dtclm_templateid: string;
  dtclm_name: string;
  dtclm_fields?: string | null;
  dtclm_mappingstate?: number | null;
}

function parseFields(text: string | null | undefined): OfferedTemplate['fields'] {
  try {
    const parsed: unknown = JSON.parse(text ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((f): f is Record<string, unknown> => !!f && typeof f === 'object' && typeof (f as { key?: unknown }).key === 'string')
      .map((f) => ({ key: String(f.key), label: String(f.label ?? f.key), type: String(f.type ?? 'text'), required: f.required === true }));
  } catch {
    return [];
  }
}

export async function loadTemplates(entityName: string): Promise<OfferedTemplate[]> {
  const rows = await dataverseRows<TemplateRow>(
    dataverseUrl('dtclm_templates', {
      $select: 'dtclm_templateid,dtclm_name,dtclm_fields,dtclm_mappingstate',
      $filter: `statecode eq 0 and dtclm_triggerentity eq ${quoted(entityName)} and dtclm_mapping ne null`,
      $orderby: 'dtclm_name',
    }),
  );
  return rows
    .filter((r) => !MAPPING_NOT_OFFERED.has(r.dtclm_mappingstate ?? -1))
    .map((r) => ({ id: r.dtclm_templateid, name: r.dtclm_name, fields: parseFields(r.dtclm_fields) }));
}

export async function loadRecordName(entityName: string, recordId: string): Promise<string> {
  const table = TRIGGER_TABLES[entityName];
  if (!table) return '';
  const { body } = await dataverseGet<Record<string, unknown>>(dataverseUrl(`${table.entitySet}(${guid(recordId)})`, { $select: table.nameColumn }));
  return String(body?.[table.nameColumn] ?? '');
}

export interface Preview extends ContractPreviewAnswer {
  /** False while the connector has no preview route: the fields are shown without values. */
  hasValues: boolean;
}

export async function loadPreview(
  connector: ConnectorClient,
  entityName: string,
  recordId: string,
  template: OfferedTemplate,
  recordName: string,
): Promise<Preview> {
  try {
    const answer = await connector.call(ROUTES.previewContract.method, routePath('previewContract'), contractPreviewAnswerSchema, {
      entity: entityName,
      recordId,
      templateId: template.id,
    });
    return { ...answer, hasValues: true };
  } catch (e) {
    // The route not served yet: a bare 404/405 from the host, with no problem detail of the connector.
    const missingRoute = e instanceof ConnectorError && (e.status === 405 || (e.status === 404 && e.message.startsWith('The connector answered')));
    if (!missingRoute) throw e;
    return {
      name: recordName ? `${template.name} - ${recordName}` : template.name,
      fields: template.fields.map((f) => ({ ...f, type: f.type as ContractPreviewAnswer['fields'][number]['type'], value: null, display: '', source: null })),
      signatories: [],
      errors: [],
      hasValues: false,
    };
  }
}
