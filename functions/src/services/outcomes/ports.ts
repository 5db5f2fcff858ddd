/**
 * What the outcomes of a contract's status need from Dataverse (issue 27): the contract row with its
 * template and record, the template's mapping, the trigger record's currency, owner and state, and
 * the writes: the returned values (as the application user), the end date and last error on the
 * contract, WinOpportunity / WinQuote (as the record's owner), the renewal task.
 */
import type { TriggerEntity } from '../../../../api/contracts';

export interface OutcomeContract {
  id: string;
  name: string;
  clmContractId: string;
  templateId: string | null;
  /** The record it was requested from: the quote when it has one, else the opportunity. */
  record: { entity: TriggerEntity; id: string } | null;
  /** `dtclm_enddate` (YYYY-MM-DD) and `dtclm_renewaltaskon`. */
  endDate: string | null;
  renewalTaskOn: string | null;
  owner: { type: 'systemuser' | 'team'; id: string };
  etag: string;
}

export interface OutcomeRecord {
  name: string | null;
  /** ISO code of the record's transaction currency. */
  currency?: string;
  /** statecode: opportunity 0 Open, 1 Won, 2 Lost; quote 0 Draft, 1 Active, 2 Won, 3 Closed. */
  stateCode: number | null;
  owner: { type: 'systemuser' | 'team'; id: string } | null;
}

/** Dataverse refused a write for a reason retrying cannot cure (validation, privilege, closed record). */
export class RefusedWrite extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedWrite';
  }
}

export interface OutcomeStore {
  contract(rowId: string): Promise<OutcomeContract | null>;
  templateContent(templateId: string): Promise<{ fieldsJson: string | null; mappingJson: string | null } | undefined>;
  record(entity: TriggerEntity, id: string): Promise<OutcomeRecord | null>;
  /** PATCH of the trigger record as the application user; RefusedWrite when Dataverse refuses it. */
  updateRecord(entity: TriggerEntity, id: string, data: Record<string, unknown>): Promise<void>;
  /** Sets `dtclm_enddate` and/or `dtclm_lasterror` of the contract (undefined: left alone). */
  updateContract(rowId: string, change: { endDate?: string | null; lastError?: string | null }): Promise<void>;
  /** WinOpportunity / WinQuote (a draft quote activated first), as `asUser`; RefusedWrite when refused. */
  win(entity: TriggerEntity, id: string, subject: string, asUser: string | undefined): Promise<void>;
  /** `dtclm_outcome_settings` as JSON text (undefined when empty). */
  outcomeSettingsJson(): Promise<string | undefined>;
}

/** A Dynamics task to create (the renewal reminder), with the id that makes it once. */
export interface NewTask {
  id: string;
  subject: string;
  description: string;
  /** RFC 3339: when the task is due. */
  dueOn: string;
  owner: { type: 'systemuser' | 'team'; id: string };
  regarding: { entity: TriggerEntity; id: string };
}

export interface RenewalStore {
  /** Signed contracts with an end date and no renewal task yet, page by page. */
  contractsAwaitingRenewal(): AsyncIterable<OutcomeContract[]>;
  /** Create-only on the task's id: 'exists' when it was created before (by this run, an earlier one or another instance). */
  createTask(task: NewTask): Promise<'created' | 'exists'>;
  /** Sets `dtclm_renewaltaskon`; If-Match on the row's ETag ('stale': someone else changed it meanwhile). */
  markRenewalTask(contract: OutcomeContract, at: string): Promise<'marked' | 'stale'>;
}
