/**
 * `dtclm_template` rows as the contract services read them, as the caller (templates are
 * organization-owned; every connector role reads them). The small columns and the big JSON columns
 * are read separately, so a warm request reads only the small ones (see TemplateCache).
 */
import { MAPPING_STATE_VALUE } from '../../../../api/vocabulary/choices';
import { ENTITY_SET } from '../../../../api/vocabulary/tables';
import type { DataverseGateway } from './client';
import type { Caller } from '../../services/ports';
import type { TemplateContent, TemplateHeader, TemplatesStore } from '../../services/contracts/ports';
import { isNotReadable } from './client';
import { guidKey } from './url-values';

export const TEMPLATE_SET = ENTITY_SET.dtclm_template;
const TEMPLATE_HEADER_COLUMNS = [
  'dtclm_templateid',
  'dtclm_name',
  'dtclm_clmtemplateid',
  'dtclm_triggerentity',
  'statecode',
  'dtclm_mappingstate',
  'versionnumber',
];

const MAPPING_BROKEN = MAPPING_STATE_VALUE.broken;

export interface TemplateHeaderJson {
  dtclm_templateid: string;
  dtclm_name?: string | null;
  dtclm_clmtemplateid?: string | null;
  dtclm_triggerentity?: string | null;
  statecode?: number | null;
  dtclm_mappingstate?: number | null;
  versionnumber?: number | string | null;
  '@odata.etag'?: string;
}

export function toTemplateHeader(j: TemplateHeaderJson): TemplateHeader {
  return {
    id: j.dtclm_templateid,
    name: j.dtclm_name ?? '',
    clmTemplateId: j.dtclm_clmtemplateid ?? '',
    triggerEntity: j.dtclm_triggerentity ?? null,
    active: (j.statecode ?? 0) === 0,
    mappingBroken: j.dtclm_mappingstate === MAPPING_BROKEN,
    version: String(j.versionnumber ?? j['@odata.etag'] ?? ''),
  };
}

/** A filter rather than a key, so that a missing row is an empty answer (not a 404 that would fail a `$batch`). */
export function templateHeaderQuery(templateId: string) {
  return { collection: TEMPLATE_SET, select: TEMPLATE_HEADER_COLUMNS, filter: `dtclm_templateid eq ${guidKey(templateId, 'The template id')}`, top: 1 };
}

export class DataverseTemplatesRepository implements TemplatesStore {
  constructor(private readonly api: DataverseGateway) {}

  async header(templateId: string, as: Caller): Promise<TemplateHeader | undefined> {
    const answer = await this.api.retrieveMultiple<TemplateHeaderJson>({ ...templateHeaderQuery(templateId), impersonateAAD: as.callerObjectId });
    return answer.value[0] ? toTemplateHeader(answer.value[0]) : undefined;
  }

  async content(templateId: string, as: Caller): Promise<TemplateContent | undefined> {
    try {
      const row = await this.api.retrieve<{ dtclm_fields?: string | null; dtclm_mapping?: string | null }>({
        collection: TEMPLATE_SET,
        key: guidKey(templateId, 'The template id'),
        select: ['dtclm_fields', 'dtclm_mapping'],
        impersonateAAD: as.callerObjectId,
      });
      return { fieldsJson: row.dtclm_fields ?? null, mappingJson: row.dtclm_mapping ?? null };
    } catch (e) {
      if (isNotReadable(e)) return undefined;
      throw e;
    }
  }
}
