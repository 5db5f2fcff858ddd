/**
 * `dtclm_contract` and `dtclm_contractevent` rows for the contract routes. Reads run as the caller
 * (CallerObjectId), so Dataverse's record security decides what they see; writes run as the
 * connector's application user (no CallerObjectId), since people's roles only read these tables
 * (dataverse-model.md, "Who writes what"). A new row is the requester's (`ownerid`), its events
 * are owned as the contract, so the rep still reads them and a Send to Sign user reads the BU's.
 *
 * - The request's first read is ONE `$batch` of GETs: the template header, the contract already
 *   recorded with the request key, and for a quote its `opportunityid` (a `$filter`, so a quote the
 *   caller cannot read is an empty answer, not a failed batch).
 * - A new contract and its event are ONE change set. The row's id is made here so the event can
 *   bind to it; the request key is an alternate key (`dtclm_key_requestkey`), so a twin's create
 *   fails with 412 0x80040237 (duplicate key) and nothing of its change set is kept.
 * - Creating a row owned by someone else needs prvAssign on the table (the Dilitrust CLM Connector role grants it).
 */
import { ENTITY_SET } from '../../../../api/vocabulary/tables';
import type { DataverseGateway } from './client';
import { STATUS_CHOICE, statusFromChoice } from '../../domain/contract';
import type { Caller } from '../../services/ports';
import type { ContractRow, ContractsStore, ContractStatusUpdate, NewContractEvent, NewContractRow, RequestContext } from '../../services/contracts/ports';
import { isNotReadable } from './client';
import { contractEventData, ownerBind, ownerOf } from './contract-rows';
import { PreconditionFailedError } from './errors';
import { templateHeaderQuery, toTemplateHeader, type TemplateHeaderJson } from './templates-repository';
import { entityPath, equalsString, guidKey, isGuid } from './url-values';

const CONTRACT_SET = ENTITY_SET.dtclm_contract;
const EVENT_SET = ENTITY_SET.dtclm_contractevent;
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
  '_owninguser_value',
  '_owningteam_value',
];

interface QuoteJson {
  _opportunityid_value?: string | null;
}

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
  _owninguser_value?: string | null;
  _owningteam_value?: string | null;
}

function toContractRow(j: ContractJson): ContractRow {
  const opportunityId = j._dtclm_opportunityid_value ?? null;
  const quoteId = j._dtclm_quoteid_value ?? null;
  // A quote's contract names the quote's opportunity too: the quote is still the record it came from.
  const record = quoteId ? { entity: 'quote' as const, id: quoteId } : opportunityId ? { entity: 'opportunity' as const, id: opportunityId } : null;
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
    opportunityId,
    quoteId,
    owner: ownerOf(j),
  };
}

function byRequestKey(requestKey: string) {
  return { collection: CONTRACT_SET, select: CONTRACT_COLUMNS, filter: equalsString('dtclm_requestkey', requestKey), top: 1 };
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

  async loadRequestContext(templateId: string, requestKey: string, as: Caller, quoteId?: string): Promise<RequestContext> {
    const askQuote = quoteId !== undefined && isGuid(quoteId);
    const [templates, contracts, quotes] = (await this.api.batch(
      [
        { op: 'retrieveMultiple', request: templateHeaderQuery(templateId) },
        { op: 'retrieveMultiple', request: byRequestKey(requestKey) },
        ...(askQuote
          ? [
              {
                op: 'retrieveMultiple' as const,
                request: { collection: ENTITY_SET.quote, select: ['_opportunityid_value'], filter: `quoteid eq ${quoteId}`, top: 1 },
              },
            ]
          : []),
      ],
      { inChangeSet: false, impersonateAAD: as.callerObjectId },
    )) as [{ value: TemplateHeaderJson[] }, { value: ContractJson[] }, { value: QuoteJson[] } | undefined];
    const quote = askQuote ? quotes?.value?.[0] : undefined;
    return {
      ...(templates?.value?.[0] ? { template: toTemplateHeader(templates.value[0]) } : {}),
      ...(contracts?.value?.[0] ? { existing: toContractRow(contracts.value[0]) } : {}),
      ...(quote ? { quoteOpportunityId: quote._opportunityid_value ?? null } : {}),
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

  async create(row: NewContractRow, event: NewContractEvent): Promise<'created' | 'exists'> {
    const owner = { type: 'systemuser' as const, id: row.ownerId };
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
        'ownerid@odata.bind': ownerBind(owner),
        [`dtclm_${row.record.entity}id@odata.bind`]: entityPath(ENTITY_SET[row.record.entity], row.record.id),
        ...(row.quoteOpportunityId ? { 'dtclm_opportunityid@odata.bind': entityPath(ENTITY_SET.opportunity, row.quoteOpportunityId) } : {}),
        'dtclm_templateid@odata.bind': entityPath(ENTITY_SET.dtclm_template, row.templateId),
      },
    };
    try {
      // As the application user: no CallerObjectId on a write.
      await this.api.batch(
        [
          { op: 'create', request: contract },
          { op: 'create', request: { collection: EVENT_SET, data: contractEventData(row.id, event, owner) } },
        ],
        { inChangeSet: true },
      );
      return 'created';
    } catch (e) {
      if (isDuplicateKey(e)) return 'exists';
      throw Array.isArray(e) ? (e.find((p) => p instanceof Error) ?? new Error('Dataverse refused the contract row')) : e;
    }
  }

  async updateStatus(contractId: string, update: ContractStatusUpdate, event: NewContractEvent, owner: ContractRow['owner']): Promise<void> {
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
      // As the application user: the caller was checked (role, and read of the row as themselves) before.
      await this.api.batch(
        [
          { op: 'update', request: status },
          { op: 'create', request: { collection: EVENT_SET, data: contractEventData(contractId, event, owner) } },
        ],
        { inChangeSet: true },
      );
    } catch (e) {
      throw Array.isArray(e) ? (e.find((p) => p instanceof Error) ?? new Error('Dataverse refused the status update')) : e;
    }
  }
}
