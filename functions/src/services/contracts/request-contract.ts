/**
 * requestContract (connector-api.md `POST /api/contracts`). Read top to bottom:
 *
 *   1. ONE Dataverse round trip, as the caller: the template's header, any contract already
 *      recorded with this `requestKey`, and for a quote its opportunity. Found -> the same contract
 *      again (200), nothing is created anywhere.
 *   2. The template must exist (404), be active and have a mapping (409). Its parsed mapping and
 *      read plan are cached until the row's version changes.
 *   3. The record is read as the caller (CallerObjectId: 404 when they may not see it) and
 *      converted; values that cannot fill the template are 422, one error per field, in words.
 *   4. The CLM creates the contract with `Idempotency-Key = requestKey`: a retry after any failure
 *      gets the same contract back rather than a second one.
 *   5. The `dtclm_contract` row and its "connector:" event are written in ONE change set, as the
 *      connector's application user and owned by the caller (dataverse-model.md, "Who writes
 *      what"), create-only on the request key: a concurrent twin that loses reads the winner's row.
 *      A quote's contract also names the quote's opportunity, so it follows that one's sharing.
 *
 * Warm, that is 3 Dataverse requests and 1 CLM request. Twins on the same instance (a double
 * click) also share one run, so they do not even call the CLM twice.
 */
import { randomUUID } from 'node:crypto';
import type { ContractAnswer, RequestContractBody } from '../../../../api/contracts';
import { eventName } from '../../domain/contract';
import type { AuthorizedCaller } from '../auth/authorize';
import { ConflictError, NotFoundError, UnavailableError, UnprocessableError } from '../errors';
import type { PreviewDeps } from '../mapping/preview-mapping';
import type { ClmContract, ClmContracts, ContractRow, ContractSettings, ContractsStore } from './ports';
import { readThroughMapping } from './read-record';
import { refuseBrokenMapping } from './usable-template';
import type { TemplateCache } from './template-cache';

export interface RequestContractDeps {
  store: ContractsStore;
  templates: TemplateCache;
  mapping: PreviewDeps;
  clm: ClmContracts;
  settings: ContractSettings;
  /** The Dynamics organization URL, sent in the CLM's externalRef. */
  orgUrl?: string;
  newId?: () => string;
  now?: () => Date;
  /** The record read and conversion (default: the mapping engine); unit tests give a fake. */
  readRecord?: typeof readThroughMapping;
}

export interface RequestContractResult {
  /** True when this request made the contract (201), false when it found it (200). */
  created: boolean;
  contract: ContractAnswer;
}

/**
 * Twins of a request running on this instance right now, by caller and request key. Kept per store
 * (one per app instance), so that tests running several instances in one process see them apart.
 */
const inFlightByInstance = new WeakMap<ContractsStore, Map<string, Promise<RequestContractResult>>>();

export async function requestContract(body: RequestContractBody, caller: AuthorizedCaller, deps: RequestContractDeps): Promise<RequestContractResult> {
  const key = `${caller.callerObjectId}|${body.requestKey.toLowerCase()}`;
  let inFlight = inFlightByInstance.get(deps.store);
  if (!inFlight) inFlightByInstance.set(deps.store, (inFlight = new Map()));
  const running = inFlight.get(key);
  if (running) return running.then((r) => ({ created: false, contract: r.contract }));
  const run = requestOnce(body, caller, deps).finally(() => inFlight.delete(key));
  inFlight.set(key, run);
  return run;
}

async function requestOnce(body: RequestContractBody, caller: AuthorizedCaller, deps: RequestContractDeps): Promise<RequestContractResult> {
  const requestKey = body.requestKey.toLowerCase();
  const recordId = body.recordId.toLowerCase();
  const { template, existing, quoteOpportunityId } = await deps.store.loadRequestContext(
    body.templateId,
    requestKey,
    caller,
    body.entity === 'quote' ? recordId : undefined,
  );
  if (existing) return { created: false, contract: replayOf(existing, body) };

  if (!template) throw new NotFoundError(`The contract template ${body.templateId} does not exist: refresh the page and pick a template again.`);
  if (!template.active) throw new ConflictError(`The template "${template.name}" is no longer active in the CLM: pick another template.`);
  refuseBrokenMapping(template);
  const parsed = await deps.templates.get(template, caller);
  const converted = await (deps.readRecord ?? readThroughMapping)(
    { template: { name: template.name, fields: parsed.fields, mapping: parsed.mapping }, entity: body.entity, recordId: body.recordId, caller },
    deps.mapping,
  );

  const folderId = await deps.settings.rootFolderId();
  if (!folderId) {
    throw new UnavailableError(
      'The connector is not set up yet: the environment variable Dilitrust_account_rootfolder is empty. Ask your connector administrator to fill it.',
      300,
      'clm',
    );
  }
  const name = (body.name ?? converted.name).slice(0, 200);
  const contract = await deps.clm
    .createContract(
      {
        templateId: template.clmTemplateId,
        folderId,
        name,
        fields: converted.fields,
        ...((body.signatories ?? converted.signatories).length ? { signatories: body.signatories ?? converted.signatories } : {}),
        externalRef: { system: 'dynamics365', entity: body.entity, id: body.recordId.toLowerCase(), ...(deps.orgUrl ? { orgUrl: deps.orgUrl } : {}) },
        requestedBy: { ...(caller.email ? { email: caller.email } : {}), ...(caller.fullName ? { name: caller.fullName } : {}) },
      },
      requestKey,
    )
    .catch((e: unknown) => {
      throw e instanceof UnprocessableError ? inWords(e, parsed.fields) : e;
    });

  const rowId = (deps.newId ?? randomUUID)();
  const now = (deps.now ?? (() => new Date()))().toISOString();
  const outcome = await deps.store.create(
    {
      id: rowId,
      name: contract.name,
      clmContractId: contract.id,
      requestKey,
      status: contract.status,
      sequence: contract.sequence,
      statusChangedOn: contract.updatedAt,
      clmUrl: contract.url,
      templateId: template.id,
      record: { entity: body.entity, id: recordId },
      ...(quoteOpportunityId ? { quoteOpportunityId: quoteOpportunityId.toLowerCase() } : {}),
      ownerId: caller.systemUserId,
    },
    {
      eventId: `connector:${(deps.newId ?? randomUUID)()}`,
      name: eventName(contract.status, contract.sequence),
      status: contract.status,
      sequence: contract.sequence,
      occurredOn: now,
      payload: JSON.stringify({ action: 'requested', requestKey, clmContractId: contract.id, templateId: template.clmTemplateId, by: caller.systemUserId }),
    },
  );
  if (outcome === 'exists') {
    // A twin on another instance recorded it first: answer with its row.
    const winner = await deps.store.findByRequestKey(requestKey, caller);
    if (!winner) throw new ConflictError('This request key was already used by someone else: start a new request.');
    return { created: false, contract: replayOf(winner, body) };
  }
  return { created: true, contract: answerOf(rowId, contract) };
}

function answerOf(rowId: string, c: ClmContract): ContractAnswer {
  return { contractId: rowId, clmContractId: c.id, name: c.name, status: c.status, clmUrl: c.url };
}

function replayOf(row: ContractRow, body: RequestContractBody): ContractAnswer {
  // The key is per click: the same key for another record means a client bug, not a replay.
  if (row.record && row.record.id.toLowerCase() !== body.recordId.toLowerCase()) {
    throw new ConflictError('This request key was already used for another record: start a new request.');
  }
  return { contractId: row.id, clmContractId: row.clmContractId, name: row.name, status: row.status ?? 'draft', clmUrl: row.clmUrl ?? '' };
}

/** The CLM's 422 names field keys; the salesperson reads the template's labels. */
function inWords(e: UnprocessableError, fields: readonly { key: string; label: string }[]): UnprocessableError {
  const labels = new Map(fields.map((f) => [f.key, f.label]));
  const errors = (e.errors ?? []).map((p) => {
    const label = labels.get(p.field);
    // A field the Dynamics copy of the template does not know: the template changed in the CLM since the last sync.
    if (!label)
      return {
        field: p.field,
        message: `The CLM field "${p.field}" ${p.message}, but the template in Dynamics does not know it yet: ask your connector administrator to sync the templates and update the mapping.`,
      };
    return { field: p.field, message: p.message.startsWith(label) ? p.message : `${label}: ${p.message}` };
  });
  return new UnprocessableError(`The CLM refused some values of this contract: correct them in Dynamics, then try again.`, errors);
}
