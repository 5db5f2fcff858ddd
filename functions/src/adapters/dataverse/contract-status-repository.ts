/**
 * `dtclm_contract` status and `dtclm_contractevent` rows through the Dataverse gateway (client.ts), as
 * the connector app (the processor and reconcile run with no user; refresh reads as the caller
 * first, then writes as the app: people's roles only read these tables). Implements ContractStatusStore.
 *
 * - Event ids (`connector:<uuid>`, the CLM's webhook ids) and CLM contract ids may hold characters
 *   Dataverse refuses in a key in the URL (`/ < > * % & : \ ? +`, "Work with alternate keys"), so
 *   rows are found with `$filter` and event rows created with POST; the `dtclm_eventid` alternate key
 *   still refuses a second row (412 0x80040237), which is how "already there" is known.
 * - A status change carries the row's ETag in `If-Match`: 412 means another event got there first.
 * - The signed PDF goes through DynamicsWebApi's `uploadFile`, which uses Dataverse's chunked
 *   upload (4 MB chunks, the size Dataverse announces in `x-ms-chunk-size`), so files over 4 MB work.
 */
import { ENTITY_SET } from '../../../../api/vocabulary/tables';
import type { DataverseGateway } from './client';
import type { ContractStatusRow, ContractStatusStore, EventPlacement, NewContractEvent, StatusChange } from '../../services/ports';
import { FAILED_CHOICE, FINAL_STATUSES, STATUS_CHOICE, statusFromChoice } from '../../domain/contract';
import { isNotReadable } from './client';
import { contractEventData, ownerOf } from './contract-rows';
import { PreconditionFailedError } from './errors';
import { equalsString, guidKey, isGuid } from './url-values';

const CONTRACTS = ENTITY_SET.dtclm_contract;
const EVENTS = ENTITY_SET.dtclm_contractevent;
const CONTRACT_SELECT = [
  'dtclm_contractid',
  'dtclm_clmcontractid',
  'dtclm_status',
  'dtclm_sequence',
  'dtclm_statuschangedon',
  '_owninguser_value',
  '_owningteam_value',
  '_dtclm_opportunityid_value',
  '_dtclm_quoteid_value',
];
const PAGE_SIZE = 500;

/** Runs one Dataverse call with the app's retry policy (throttling, outages). */
export type RetryRunner = <T>(call: () => Promise<T>) => Promise<T>;

interface ContractRecord {
  dtclm_contractid: string;
  dtclm_clmcontractid?: string | null;
  dtclm_status?: number | null;
  dtclm_sequence?: number | null;
  dtclm_statuschangedon?: string | null;
  _owninguser_value?: string | null;
  _owningteam_value?: string | null;
  _dtclm_opportunityid_value?: string | null;
  _dtclm_quoteid_value?: string | null;
  '@odata.etag'?: string;
}

export class DataverseContractStatusRepository implements ContractStatusStore {
  constructor(
    private readonly api: DataverseGateway,
    private readonly retry: RetryRunner = (call) => call(),
  ) {}

  async findByClmId(clmContractId: string): Promise<ContractStatusRow | null> {
    const page = await this.retry(() =>
      this.api.retrieveMultiple<ContractRecord>({
        collection: CONTRACTS,
        select: CONTRACT_SELECT,
        filter: equalsString('dtclm_clmcontractid', clmContractId),
        top: 1,
      }),
    );
    return page.value[0] ? toRow(page.value[0]) : null;
  }

  findById(id: string, asCallerObjectId?: string): Promise<ContractStatusRow | null> {
    // Not a GUID: no row can have it (and it must not reach the URL).
    if (!isGuid(id)) return Promise.resolve(null);
    return this.retrieveContract(guidKey(id), asCallerObjectId);
  }

  async eventExists(eventId: string): Promise<boolean> {
    const page = await this.retry(() =>
      this.api.retrieveMultiple({ collection: EVENTS, select: ['dtclm_contracteventid'], filter: equalsString('dtclm_eventid', eventId), top: 1 }),
    );
    return page.value.length > 0;
  }

  async createEvent(event: NewContractEvent & EventPlacement): Promise<'created' | 'exists'> {
    const data = contractEventData(event.contractRowId, event, event.owner);
    try {
      await this.retry(() => this.api.create({ collection: EVENTS, data }));
      return 'created';
    } catch (e) {
      if (e instanceof PreconditionFailedError && e.alreadyExists) return 'exists';
      throw e;
    }
  }

  async changeStatus(row: ContractStatusRow, change: StatusChange): Promise<'changed' | 'stale'> {
    try {
      await this.retry(() =>
        this.api.updateIfUnchanged({
          collection: CONTRACTS,
          key: guidKey(row.id, 'The contract row id'),
          ifmatch: row.etag,
          data: {
            dtclm_status: STATUS_CHOICE[change.status],
            dtclm_sequence: change.sequence,
            dtclm_statuschangedon: change.statusChangedOn,
            dtclm_reason: change.reason === null ? null : change.reason.slice(0, 2000),
          },
        }),
      );
      return 'changed';
    } catch (e) {
      // The gateway's PreconditionFailedError (If-Match refused, 412): the row moved on.
      if (e instanceof PreconditionFailedError && !e.alreadyExists) return 'stale';
      throw e;
    }
  }

  async storeSignedDocument(rowId: string, fileName: string, content: Buffer): Promise<void> {
    await this.retry(() =>
      this.api.uploadFile({ collection: CONTRACTS, key: guidKey(rowId, 'The contract row id'), fieldName: 'dtclm_signeddocument', fileName, data: content }),
    );
  }

  async clearSignedDocument(rowId: string): Promise<void> {
    // DELETE <row>/dtclm_signeddocument (Microsoft, "Use file column data": delete files).
    await this.retry(() => this.api.deleteFile({ collection: CONTRACTS, key: guidKey(rowId, 'The contract row id'), fieldName: 'dtclm_signeddocument' }));
  }

  async *listStaleContracts(before: Date): AsyncIterable<ContractStatusRow[]> {
    // Failed: the request failed before the CLM made a contract, nothing to reconcile.
    const notFinal = [...[...FINAL_STATUSES].map((s) => STATUS_CHOICE[s]), FAILED_CHOICE].map((v) => `dtclm_status ne ${v}`).join(' and ');
    const filter = `dtclm_clmcontractid ne null and dtclm_status ne null and ${notFinal} and (dtclm_statuschangedon eq null or dtclm_statuschangedon lt ${before.toISOString()})`;
    let nextLink: string | undefined;
    do {
      const link = nextLink;
      const page = await this.retry(() =>
        this.api.retrieveMultiple<ContractRecord>({ collection: CONTRACTS, select: CONTRACT_SELECT, filter, maxPageSize: PAGE_SIZE }, link),
      );
      yield page.value.map(toRow).filter((r): r is ContractStatusRow => r !== null);
      nextLink = page.oDataNextLink;
    } while (nextLink);
  }

  private async retrieveContract(key: string, impersonateAAD?: string): Promise<ContractStatusRow | null> {
    try {
      const record = await this.retry(() =>
        this.api.retrieve<ContractRecord>({ collection: CONTRACTS, key, select: CONTRACT_SELECT, ...(impersonateAAD ? { impersonateAAD } : {}) }),
      );
      return toRow(record);
    } catch (e) {
      if (isNotReadable(e)) return null;
      throw e;
    }
  }
}

function toRow(r: ContractRecord): ContractStatusRow | null {
  if (!r.dtclm_clmcontractid) return null;
  const owner = ownerOf(r);
  return {
    id: r.dtclm_contractid,
    clmContractId: r.dtclm_clmcontractid,
    status: statusFromChoice(r.dtclm_status) ?? null,
    sequence: r.dtclm_sequence ?? 0,
    statusChangedOn: r.dtclm_statuschangedon ?? null,
    owner,
    opportunityId: r._dtclm_opportunityid_value ?? null,
    quoteId: r._dtclm_quoteid_value ?? null,
    etag: r['@odata.etag'] ?? '*',
  };
}
