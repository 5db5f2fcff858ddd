/**
 * The daily renewal timer (mapping.md `returns.renewalNoticeDays`): for each signed contract with an
 * end date and no renewal task yet, once the notice date (end date less the notice days) has come,
 * one Dynamics task "Renew: <contract name>" for the record's owner, regarding the record, due on
 * the notice date.
 *
 * Once, across re-syncs, retries and take-overs: the task's id is a name-based UUID of the contract
 * row, so Dataverse itself refuses a second task with it (duplicate key) whoever tries; then
 * `dtclm_renewaltaskon` is set and the contract is not looked at again. A crash between the two
 * steps leaves the mark unset, and the next run finds the task already there and sets it.
 */
import { noticeDate, renewalDue, renewalSubject } from '../../domain/outcomes';
import { parseMapping } from '../../domain/mapping';
import type { OutcomeContract, OutcomeStore, RenewalStore } from './ports';
import { nameBasedUuid } from './connector-event-id';

export interface RenewalDeps {
  store: Pick<OutcomeStore, 'templateContent' | 'record'>;
  renewals: RenewalStore;
  log?: (message: string) => void;
}

export interface RenewalResult {
  checked: number;
  created: number;
  /** The task was there already (an earlier run that did not get to mark the contract). */
  existing: number;
  notYetDue: number;
  /** No notice days in the mapping, or no record owner to give the task to. */
  skipped: number;
  failed: number;
}

/** Noon UTC on the notice date: the same calendar day in the owner's time zone from UTC-11 to UTC+11. */
const DUE_TIME = 'T12:00:00Z';

export async function createRenewalTasks(deps: RenewalDeps, now: Date): Promise<RenewalResult> {
  const result: RenewalResult = { checked: 0, created: 0, existing: 0, notYetDue: 0, skipped: 0, failed: 0 };
  const noticeDaysByTemplate = new Map<string, number | undefined>();
  for await (const page of deps.renewals.contractsAwaitingRenewal()) {
    for (const contract of page) {
      result.checked++;
      try {
        const outcome = await renewOne(contract, deps, now, noticeDaysByTemplate);
        result[outcome]++;
      } catch (e) {
        result.failed++;
        deps.log?.(`Renewal task for contract ${contract.id} failed: ${(e as Error).message}`);
      }
    }
  }
  return result;
}

async function renewOne(
  contract: OutcomeContract,
  deps: RenewalDeps,
  now: Date,
  cache: Map<string, number | undefined>,
): Promise<'created' | 'existing' | 'notYetDue' | 'skipped'> {
  if (!contract.endDate || !contract.record || !contract.templateId) return 'skipped';
  if (!cache.has(contract.templateId)) cache.set(contract.templateId, await noticeDaysOf(contract.templateId, deps));
  const days = cache.get(contract.templateId);
  if (days === undefined) return 'skipped';
  if (!renewalDue(contract.endDate, days, now)) return 'notYetDue';
  const record = await deps.store.record(contract.record.entity, contract.record.id);
  const owner = record?.owner ?? contract.owner;
  if (!owner.id) return 'skipped';
  const notice = noticeDate(contract.endDate, days);
  const created = await deps.renewals.createTask({
    id: renewalTaskId(contract.id),
    subject: renewalSubject(contract.name),
    description: `The contract "${contract.name}" ends on ${contract.endDate}. Reminder created by the DiliTrust CLM connector ${days} days before.`,
    dueOn: `${notice}${DUE_TIME}`,
    owner,
    regarding: contract.record,
  });
  await deps.renewals.markRenewalTask(contract, now.toISOString());
  return created === 'created' ? 'created' : 'existing';
}

async function noticeDaysOf(templateId: string, deps: RenewalDeps): Promise<number | undefined> {
  const content = await deps.store.templateContent(templateId);
  if (!content?.mappingJson) return undefined;
  const parsed = parseMapping(content.mappingJson);
  return parsed.ok ? parsed.mapping.returns?.renewalNoticeDays : undefined;
}

/** The one id the renewal task of a contract can have. */
function renewalTaskId(contractRowId: string): string {
  return nameBasedUuid(`dtclm:renewal:${contractRowId.toLowerCase()}`);
}
