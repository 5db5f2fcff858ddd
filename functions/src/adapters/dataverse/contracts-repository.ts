/**
 * `dtclm_contract` and `dtclm_contractevent` rows for the contract routes, read and written as the
 * caller (CallerObjectId), so Dataverse's record security applies and the rows are the caller's.
 *
 * - The request's first read is ONE `$batch` of two GETs: the template header and the contract
 *   already recorded with the request key.
 * - A new contract and its event are ONE change set. The row's id is made here so the event can
 *   bind to it; the request key is an alternate key (`dtclm_key_requestkey`), so a twin's create
 *   fails with 412 0x80040237 (duplicate key) and nothing of its change set is kept.
 */
import type { DataverseGateway } from './client';
import type { TriggerEntity } from '../../../../api/contracts';
import { STATUS_CHOICE, statusFromChoice } from '../../domain/contract';
import type { Caller } from '../../services/ports';
import type { ContractRow, ContractsStore, ContractStatusUpdate, NewContractEvent, NewContractRow, TemplateHeader } from '../../services/contracts/ports';
import { isNotReadable } from './client';
import { PreconditionFailedError } from './errors';
import { templateHeaderQuery, toTemplateHeader, type TemplateHeaderJson } from './templates-repository';
import { entityPath, equalsString, guidKey, isGuid } from './url-values';

const CONTRACT_SET = 'dtclm_contracts';
const EVENT_SET = 'dtclm_contractevents';
const CONTRACT_COLUMNS = [
  'dtclm_contractid',
  'dtclm_name',
  'dtclm_clmcontractid',
  'dtclm_requestkey',
  'dtclm_status',
  'dtclm_sequence',
  'dtclm_clmurl',
  '_dtclm_templateid_value',
  '_dtclm_opportunityid_value',
  '_dtclm_quoteid_value',
];
const ENTITY_SET: Record<TriggerEntity, string> = { opportunity: 'opportunities', quote: 'quotes' };

interface ContractJson {
  dtclm_contractid: string;
  dtclm_name?: string | null;
  dtclm_clmcontractid?: string | null;
  dtclm_requestkey?: string | null;
  dtclm_status?: number | null;
  dtclm_sequence?: number | null;
  dtclm_clmurl?: string | null;
  _dtclm_templateid_value?: string | null;
  _dtclm_opportunityid_value?: string | null;
  _dtclm_quoteid_value?: string | null;
}

function toContractRow(j: ContractJson): ContractRow {
  const record = j._dtclm_opportunityid_value
    ? { entity: 'opportunity' as const, id: j._dtclm_opportunityid_value }
    : j._dtclm_quoteid_value
      ? { entity: 'quote' as const, id: j._dtclm_quoteid_value }
      : null;
  return {
    id: j.dtclm_contractid,
    name: j.dtclm_name ?? '',
    clmContractId: j.dtclm_clmcontractid ?? '',
    requestKey: j.dtclm_requestkey ?? null,
    status: statusFromChoice(j.dtclm_status) ?? null,
    sequence: j.dtclm_sequence ?? 0,
    clmUrl: j.dtclm_clmurl ?? null,
    templateId: j._dtclm_templateid_value ?? null,
    record,
  };
}

function byRequestKey(requestKey: string) {
  return { collection: CONTRACT_SET, select: CONTRACT_COLUMNS, filter: equalsString('dtclm_requestkey', requestKey), top: 1 };
}

function eventData(contractId: string, e: NewContractEvent) {
  return {
    dtclm_name: e.name.slice(0, 200),
    dtclm_eventid: e.eventId,
    'dtclm_contractid@odata.bind': entityPath(CONTRACT_SET, contractId),
    dtclm_status: STATUS_CHOICE[e.status],
    dtclm_sequence: e.sequence,
    dtclm_occurredon: e.occurredOn,
    dtclm_applied: true,
    dtclm_payload: e.payload.slice(0, 10_000),
  };
}

/** A `$batch` rejection is DynamicsWebApi's array of parts; a single one is an Error with `status`. */
function isDuplicateKey(error: unknown): boolean {
  const parts = Array.isArray(error) ? error : [error];
  return parts.some((p) => {
    if (p instanceof PreconditionFailedError) return true;
    const status = (p as { status?: unknown } | null)?.status;
    return status === 412;
  });
}

export class DataverseContractsRepository implements ContractsStore {
  constructor(private readonly api: DataverseGateway) {}

  async loadRequestContext(templateId: string, requestKey: string, as: Caller): Promise<{ template?: TemplateHeader; existing?: ContractRow }> {
    const [templates, contracts] = (await this.api.batch(
      [
        { op: 'retrieveMultiple', request: templateHeaderQuery(templateId) },
        { op: 'retrieveMultiple', request: byRequestKey(requestKey) },
      ],
      { inChangeSet: false, impersonateAAD: as.callerObjectId },
    )) as [{ value: TemplateHeaderJson[] }, { value: ContractJson[] }];
    return {
      ...(templates?.value?.[0] ? { template: toTemplateHeader(templates.value[0]) } : {}),
      ...(contracts?.value?.[0] ? { existing: toContractRow(contracts.value[0]) } : {}),
    };
  }

  async findByRequestKey(requestKey: string, as: Caller): Promise<ContractRow | undefined> {
    const answer = await this.api.retrieveMultiple<ContractJson>({ ...byRequestKey(requestKey), impersonateAAD: as.callerObjectId });
    return answer.value[0] ? toContractRow(answer.value[0]) : undefined;
  }

  async get(contractId: string, as: Caller): Promise<ContractRow | undefined> {
    if (!isGuid(contractId)) return undefined;
    try {
      return toContractRow(
        await this.api.retrieve<ContractJson>({
          collection: CONTRACT_SET,
          key: guidKey(contractId),
          select: CONTRACT_COLUMNS,
          impersonateAAD: as.callerObjectId,
        }),
      );
    } catch (e) {
      if (isNotReadable(e)) return undefined;
      throw e;
    }
  }

  async create(row: NewContractRow, event: NewContractEvent, as: Caller): Promise<'created' | 'exists'> {
    const contract = {
      collection: CONTRACT_SET,
      data: {
        dtclm_contractid: row.id,
        dtclm_name: row.name.slice(0, 200),
        dtclm_clmcontractid: row.clmContractId,
        dtclm_requestkey: row.requestKey,
        dtclm_status: STATUS_CHOICE[row.status],
        dtclm_sequence: row.sequence,
        dtclm_statuschangedon: row.statusChangedOn,
        dtclm_clmurl: row.clmUrl.slice(0, 500),
        [`dtclm_${row.record.entity}id@odata.bind`]: entityPath(ENTITY_SET[row.record.entity], row.record.id),
        'dtclm_templateid@odata.bind': entityPath('dtclm_templates', row.templateId),
      },
    };
    try {
      await this.api.batch(
        [
          { op: 'create', request: contract },
          { op: 'create', request: { collection: EVENT_SET, data: eventData(row.id, event) } },
        ],
        { inChangeSet: true, impersonateAAD: as.callerObjectId },
      );
      return 'created';
    } catch (e) {
      if (isDuplicateKey(e)) return 'exists';
      throw Array.isArray(e) ? (e.find((p) => p instanceof Error) ?? new Error('Dataverse refused the contract row')) : e;
    }
  }

  async updateStatus(contractId: string, update: ContractStatusUpdate, event: NewContractEvent, as: Caller): Promise<void> {
    const status = {
      collection: CONTRACT_SET,
      key: guidKey(contractId, 'The contract id'),
      data: {
        dtclm_status: STATUS_CHOICE[update.status],
        dtclm_sequence: update.sequence,
        dtclm_statuschangedon: update.statusChangedOn,
        ...(update.validationFlow ? { dtclm_validationflow: update.validationFlow.slice(0, 200) } : {}),
      },
    };
    try {
      await this.api.batch(
        [
          { op: 'update', request: status },
          { op: 'create', request: { collection: EVENT_SET, data: eventData(contractId, event) } },
        ],
        { inChangeSet: true, impersonateAAD: as.callerObjectId },
      );
    } catch (e) {
      throw Array.isArray(e) ? (e.find((p) => p instanceof Error) ?? new Error('Dataverse refused the status update')) : e;
    }
  }
}
