/**
 * The outcomes of a contract's status in Dataverse (services/outcomes/ports.ts), as the connector's
 * application user; WinOpportunity / WinQuote impersonate the record's owner (MSCRMCallerID), "as
 * its owner would" (dataverse-model.md `dtclm_outcome_settings`).
 *
 * - WinOpportunity { Status: 3 (Won), OpportunityClose: { subject, opportunityid@odata.bind } } and
 *   WinQuote { Status: 4 (Won), QuoteClose: { subject, quoteid@odata.bind } } (Microsoft, "WinOpportunity
 *   Action", "WinQuote Action"). A quote is won only from Active: a draft is activated first
 *   (statecode 1, statuscode 2), as the "Activate Quote" command does.
 * - A refusal retrying cannot cure (400, 403, 404) becomes RefusedWrite with Dataverse's words, which
 *   the service records on the contract; an outage stays an UnavailableError for the queue to retry.
 */
import type { TriggerEntity } from '../../../../api/contracts';
import { ForbiddenError, NotFoundError } from '../../services/errors';
import { RefusedWrite, type NewTask, type OutcomeContract, type OutcomeRecord, type OutcomeStore, type RenewalStore } from '../../services/outcomes/ports';
import { STATUS_CHOICE } from '../../domain/contract';
import type { DataverseGateway } from './client';
import { DataverseRequestError, PreconditionFailedError } from './errors';
import { isNotReadable } from './client';
import { entityPath, guidKey, isGuid } from './url-values';

const CONTRACTS = 'dtclm_contracts';
const SET: Record<TriggerEntity, string> = { opportunity: 'opportunities', quote: 'quotes' };

/** opportunity statuscode 3 Won; quote statuscode 4 Won; an active quote: statecode 1, statuscode 2 (In Progress). */
const WON_STATUS = { opportunity: 3, quote: 4 } as const;
const QUOTE_DRAFT = 0;
const QUOTE_ACTIVE = { statecode: 1, statuscode: 2 } as const;

interface ContractJson {
  dtclm_contractid: string;
  dtclm_name?: string | null;
  dtclm_clmcontractid?: string | null;
  _dtclm_templateid_value?: string | null;
  _dtclm_opportunityid_value?: string | null;
  _dtclm_quoteid_value?: string | null;
  dtclm_enddate?: string | null;
  dtclm_renewaltaskon?: string | null;
  _owninguser_value?: string | null;
  _owningteam_value?: string | null;
  '@odata.etag'?: string;
}

const OUTCOME_CONTRACT_SELECT = [
  'dtclm_contractid',
  'dtclm_name',
  'dtclm_clmcontractid',
  '_dtclm_templateid_value',
  '_dtclm_opportunityid_value',
  '_dtclm_quoteid_value',
  'dtclm_enddate',
  'dtclm_renewaltaskon',
  '_owninguser_value',
  '_owningteam_value',
];

function toOutcomeContract(r: ContractJson): OutcomeContract | null {
  if (!r.dtclm_clmcontractid) return null;
  const record = r._dtclm_quoteid_value
    ? { entity: 'quote' as const, id: r._dtclm_quoteid_value }
    : r._dtclm_opportunityid_value
      ? { entity: 'opportunity' as const, id: r._dtclm_opportunityid_value }
      : null;
  return {
    id: r.dtclm_contractid,
    name: r.dtclm_name ?? '',
    clmContractId: r.dtclm_clmcontractid,
    templateId: r._dtclm_templateid_value ?? null,
    record,
    endDate: r.dtclm_enddate ? r.dtclm_enddate.slice(0, 10) : null,
    renewalTaskOn: r.dtclm_renewaltaskon ?? null,
    owner: r._owningteam_value ? { type: 'team', id: r._owningteam_value } : { type: 'systemuser', id: r._owninguser_value ?? '' },
    etag: r['@odata.etag'] ?? '*',
  };
}

/** Dataverse's refusal in words the contract's history can keep (its message names the record, never a secret). */
function refusal(e: unknown): RefusedWrite | undefined {
  const words = (e as { dataverseMessage?: string }).dataverseMessage;
  const code = (e as { dataverseCode?: string }).dataverseCode;
  const detail = words ? `: ${words.slice(0, 300)}` : '';
  if (e instanceof ForbiddenError) return new RefusedWrite(`a privilege is missing (Dataverse ${code ?? '403'})${detail}`);
  if (e instanceof NotFoundError) return new RefusedWrite(`the record no longer exists, or may not be read${detail}`);
  if (e instanceof DataverseRequestError) return new RefusedWrite(`Dynamics refused it (HTTP ${e.status ?? '?'}${code ? `, ${code}` : ''})${detail}`);
  return undefined;
}

const PAGE_SIZE = 500;

export class DataverseOutcomesRepository implements OutcomeStore, RenewalStore {
  constructor(
    private readonly api: DataverseGateway,
    private readonly settingsJson: () => Promise<string | undefined>,
  ) {}

  async contract(rowId: string): Promise<OutcomeContract | null> {
    if (!isGuid(rowId)) return null;
    try {
      return toOutcomeContract(await this.api.retrieve<ContractJson>({ collection: CONTRACTS, key: guidKey(rowId), select: OUTCOME_CONTRACT_SELECT }));
    } catch (e) {
      if (isNotReadable(e)) return null;
      throw e;
    }
  }

  async templateContent(templateId: string): Promise<{ fieldsJson: string | null; mappingJson: string | null } | undefined> {
    if (!isGuid(templateId)) return undefined;
    try {
      const row = await this.api.retrieve<{ dtclm_fields?: string | null; dtclm_mapping?: string | null }>({
        collection: 'dtclm_templates',
        key: guidKey(templateId),
        select: ['dtclm_fields', 'dtclm_mapping'],
      });
      return { fieldsJson: row.dtclm_fields ?? null, mappingJson: row.dtclm_mapping ?? null };
    } catch (e) {
      if (isNotReadable(e)) return undefined;
      throw e;
    }
  }

  async record(entity: TriggerEntity, id: string): Promise<OutcomeRecord | null> {
    try {
      const row = await this.api.retrieve<{
        name?: string | null;
        statecode?: number | null;
        _owninguser_value?: string | null;
        _owningteam_value?: string | null;
        transactioncurrencyid?: { isocurrencycode?: string | null } | null;
      }>({
        collection: SET[entity],
        key: guidKey(id),
        select: ['name', 'statecode', '_owninguser_value', '_owningteam_value'],
        expand: [{ property: 'transactioncurrencyid', select: ['isocurrencycode'] }],
      });
      const owner = row._owningteam_value
        ? { type: 'team' as const, id: row._owningteam_value }
        : row._owninguser_value
          ? { type: 'systemuser' as const, id: row._owninguser_value }
          : null;
      return {
        name: row.name ?? null,
        stateCode: typeof row.statecode === 'number' ? row.statecode : null,
        owner,
        ...(row.transactioncurrencyid?.isocurrencycode ? { currency: row.transactioncurrencyid.isocurrencycode } : {}),
      };
    } catch (e) {
      if (isNotReadable(e)) return null;
      throw e;
    }
  }

  async updateRecord(entity: TriggerEntity, id: string, data: Record<string, unknown>): Promise<void> {
    try {
      await this.api.update({ collection: SET[entity], key: guidKey(id), data });
    } catch (e) {
      throw refusal(e) ?? e;
    }
  }

  async updateContract(rowId: string, change: { endDate?: string | null; lastError?: string | null }): Promise<void> {
    const data: Record<string, unknown> = {};
    if (change.endDate !== undefined) data.dtclm_enddate = change.endDate;
    if (change.lastError !== undefined) data.dtclm_lasterror = change.lastError;
    if (!Object.keys(data).length) return;
    await this.api.update({ collection: CONTRACTS, key: guidKey(rowId), data });
  }

  async win(entity: TriggerEntity, id: string, subject: string, asUser: string | undefined): Promise<void> {
    const impersonate = asUser ? { impersonate: asUser } : {};
    try {
      if (entity === 'opportunity') {
        await this.api.callAction({
          actionName: 'WinOpportunity',
          action: { Status: WON_STATUS.opportunity, OpportunityClose: { subject, 'opportunityid@odata.bind': entityPath('opportunities', id) } },
          ...impersonate,
        });
        return;
      }
      const quote = await this.api.retrieve<{ statecode?: number }>({ collection: 'quotes', key: guidKey(id), select: ['statecode'] });
      if (quote.statecode === QUOTE_DRAFT) await this.api.update({ collection: 'quotes', key: guidKey(id), data: { ...QUOTE_ACTIVE }, ...impersonate });
      await this.api.callAction({
        actionName: 'WinQuote',
        action: { Status: WON_STATUS.quote, QuoteClose: { subject, 'quoteid@odata.bind': entityPath('quotes', id) } },
        ...impersonate,
      });
    } catch (e) {
      throw refusal(e) ?? e;
    }
  }

  outcomeSettingsJson(): Promise<string | undefined> {
    return this.settingsJson();
  }

  async *contractsAwaitingRenewal(): AsyncIterable<OutcomeContract[]> {
    const filter = `dtclm_status eq ${STATUS_CHOICE.signed} and dtclm_enddate ne null and dtclm_renewaltaskon eq null`;
    let nextLink: string | undefined;
    do {
      const link = nextLink;
      const page = await this.api.retrieveMultiple<ContractJson>(
        { collection: CONTRACTS, select: OUTCOME_CONTRACT_SELECT, filter, maxPageSize: PAGE_SIZE },
        link,
      );
      yield page.value.map(toOutcomeContract).filter((c): c is OutcomeContract => c !== null);
      nextLink = page.oDataNextLink;
    } while (nextLink);
  }

  async createTask(task: NewTask): Promise<'created' | 'exists'> {
    const regarding = task.regarding.entity === 'opportunity' ? 'regardingobjectid_opportunity_task' : 'regardingobjectid_quote_task';
    try {
      await this.api.create({
        collection: 'tasks',
        data: {
          activityid: task.id,
          subject: task.subject,
          description: task.description,
          scheduledend: task.dueOn,
          [`${regarding}@odata.bind`]: entityPath(SET[task.regarding.entity], task.regarding.id),
          'ownerid@odata.bind': entityPath(task.owner.type === 'team' ? 'teams' : 'systemusers', task.owner.id),
        },
      });
      return 'created';
    } catch (e) {
      // The task's primary key already taken: created before (Dataverse's duplicate key, 0x80040237).
      if (e instanceof PreconditionFailedError && e.alreadyExists) return 'exists';
      if (e instanceof DataverseRequestError && e.dataverseCode === '0x80040237') return 'exists';
      throw e;
    }
  }

  async markRenewalTask(contract: OutcomeContract, at: string): Promise<'marked' | 'stale'> {
    try {
      await this.api.updateIfUnchanged({ collection: CONTRACTS, key: guidKey(contract.id), ifmatch: contract.etag, data: { dtclm_renewaltaskon: at } });
      return 'marked';
    } catch (e) {
      if (e instanceof PreconditionFailedError && !e.alreadyExists) return 'stale';
      throw e;
    }
  }
}
