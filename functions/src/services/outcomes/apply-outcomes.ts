/**
 * What a contract's new status does to its Dynamics record (issue 27), run by the status processor
 * once the status has moved (apply-status-event.ts), before the event row is written:
 *
 * - `returns` (mapping.md): at the status `when` (default signed), the CLM's values of the named
 *   fields onto the trigger record, as the application user; `endDate` onto the contract. What
 *   cannot be written is recorded on the contract (`dtclm_lasterror`) and as an event; the status
 *   has moved all the same.
 * - `win` (`dtclm_outcome_settings`): when signed, WinOpportunity / WinQuote as the record's owner,
 *   once. "Once" is the event row `connector:<uuid of contract + win>`: written after the attempt,
 *   whatever its result, and looked for before. A retry after a crash between the two finds the
 *   record already Won and records that instead of winning it again. A record that cannot be won
 *   (closed, a privilege missing) is recorded with the reason and never tried again.
 *
 * A Dataverse or CLM outage is thrown: the queue message is retried (bounded by the queue's
 * attempts), and both steps above are safe to run again.
 */
import type { ContractStatus } from '../../domain/contract';
import { STATUS_LABEL } from '../../domain/contract';
import { convertReturns, parseMapping, returnsStatus, type Mapping, type TemplateField } from '../../domain/mapping';
import { parseOutcomeSettings, winsWhenSigned, winSubject } from '../../domain/outcomes';
import type { ClmStatusReader, ContractStatusStore, MetadataReader } from '../ports';
import { connectorEventId } from './connector-event-id';
import { RefusedWrite, type OutcomeContract, type OutcomeStore } from './ports';

export interface OutcomeDeps {
  store: OutcomeStore;
  events: Pick<ContractStatusStore, 'eventExists' | 'createEvent'>;
  metadata: MetadataReader;
  clm: Pick<ClmStatusReader, 'getContract'>;
  log?: (message: string) => void;
}

/** The status change the outcomes follow. */
export interface MovedStatus {
  contractRowId: string;
  status: ContractStatus;
  sequence: number;
}

export async function applyOutcomes(moved: MovedStatus, deps: OutcomeDeps): Promise<void> {
  const contract = await deps.store.contract(moved.contractRowId);
  if (!contract?.record) return;
  const template = contract.templateId ? await loadTemplate(contract.templateId, deps) : undefined;
  const returns = template?.mapping.returns;
  if (template && returns && returnsStatus(returns) === moved.status) {
    await bringValuesBack(contract, template, moved, deps);
  }
  if (moved.status === 'signed') await winRecord(contract, moved, deps);
}

interface LoadedTemplate {
  mapping: Mapping;
  fields: TemplateField[];
}

async function loadTemplate(templateId: string, deps: OutcomeDeps): Promise<LoadedTemplate | undefined> {
  const content = await deps.store.templateContent(templateId);
  if (!content?.mappingJson) return undefined;
  const parsed = parseMapping(content.mappingJson);
  if (!parsed.ok) return undefined; // a broken mapping is reported by the mapping check and health
  let fields: TemplateField[] = [];
  try {
    const f = JSON.parse(content.fieldsJson ?? '[]') as unknown;
    if (Array.isArray(f)) fields = f as TemplateField[];
  } catch {
    /* no fields: every returned key is reported as unknown */
  }
  return { mapping: parsed.mapping, fields };
}

async function bringValuesBack(contract: OutcomeContract, template: LoadedTemplate, moved: MovedStatus, deps: OutcomeDeps): Promise<void> {
  const record = contract.record!;
  const snapshot = await deps.clm.getContract(contract.clmContractId);
  if (!snapshot) return;
  const [metadata, current] = await Promise.all([deps.metadata.load([record.entity]), deps.store.record(record.entity, record.id)]);
  const attributes = metadata.entities[record.entity]?.attributes ?? {};
  const conversion = convertReturns(template.mapping, snapshot.fields ?? {}, template.fields, attributes, { currency: current?.currency });
  const problems = conversion.problems.map((p) => p.message);
  if (Object.keys(conversion.data).length) {
    try {
      await deps.store.updateRecord(record.entity, record.id, conversion.data);
    } catch (e) {
      if (!(e instanceof RefusedWrite)) throw e;
      problems.push(`Dynamics refused the values (${Object.keys(conversion.data).join(', ')}): ${e.message}`);
    }
  }
  if (conversion.endDate !== undefined || problems.length) {
    const lastError = problems.length ? `The values the CLM decided were not all written back: ${problems.join('; ')}`.slice(0, 4000) : undefined;
    await deps.store.updateContract(contract.id, {
      ...(conversion.endDate !== undefined ? { endDate: conversion.endDate } : {}),
      ...(lastError ? { lastError } : {}),
    });
  }
  if (problems.length) {
    deps.log?.(`Contract ${contract.id}: ${problems.length} returned value(s) not written.`);
    await recordOutcome(contract, moved, deps, `returns:${contract.id}:${moved.sequence}`, `Values not written back (${moved.sequence})`, {
      action: 'returns',
      written: Object.keys(conversion.data),
      problems,
    });
  }
}

async function winRecord(contract: OutcomeContract, moved: MovedStatus, deps: OutcomeDeps): Promise<void> {
  const record = contract.record!;
  const settingsAnswer = parseOutcomeSettings(await deps.store.outcomeSettingsJson());
  if (!settingsAnswer.ok) {
    deps.log?.(`Contract ${contract.id} signed: ${settingsAnswer.message}`);
    return;
  }
  if (!winsWhenSigned(settingsAnswer.settings, record.entity)) return;
  const onceKey = `win:${contract.id}`;
  if (await deps.events.eventExists(connectorEventId(onceKey))) return;

  const current = await deps.store.record(record.entity, record.id);
  let result: { won: boolean; reason?: string };
  if (!current) result = { won: false, reason: `the ${record.entity} no longer exists, or the connector may not read it` };
  else if (current.stateCode === WON_STATE[record.entity]) result = { won: true, reason: `the ${record.entity} was already won` };
  else if (current.stateCode !== null && CLOSED_STATES[record.entity].includes(current.stateCode))
    result = { won: false, reason: `the ${record.entity} is closed, so it cannot be won` };
  else {
    try {
      const asOwner = current.owner?.type === 'systemuser' ? current.owner.id : undefined;
      await deps.store.win(record.entity, record.id, winSubject(contract.name), asOwner);
      result = { won: true };
    } catch (e) {
      if (!(e instanceof RefusedWrite)) throw e;
      result = { won: false, reason: e.message };
    }
  }
  if (!result.won) {
    await deps.store.updateContract(contract.id, { lastError: `Signed, but the ${record.entity} was not closed as won: ${result.reason}.`.slice(0, 4000) });
  }
  const what = record.entity === 'opportunity' ? 'Opportunity' : 'Quote';
  await recordOutcome(contract, moved, deps, onceKey, result.won ? `${what} won` : `${what} not won`, {
    action: 'win',
    entity: record.entity,
    id: record.id,
    won: result.won,
    ...(result.reason ? { reason: result.reason } : {}),
  });
}

/** opportunity: 1 Won; quote: 2 Won. Closed otherwise: opportunity 2 Lost; quote 3 Closed. */
const WON_STATE = { opportunity: 1, quote: 2 } as const;
const CLOSED_STATES: Record<'opportunity' | 'quote', number[]> = { opportunity: [2], quote: [3] };

/** One event row in the contract's history for an outcome, create-only on its name-based id. */
async function recordOutcome(
  contract: OutcomeContract,
  moved: MovedStatus,
  deps: OutcomeDeps,
  onceKey: string,
  title: string,
  payload: Record<string, unknown>,
) {
  await deps.events.createEvent({
    eventId: connectorEventId(onceKey),
    contractRowId: contract.id,
    owner: contract.owner,
    name: `${title} - ${STATUS_LABEL[moved.status]}`,
    status: moved.status,
    sequence: moved.sequence,
    occurredOn: new Date().toISOString(),
    payload: JSON.stringify(payload),
  });
}
