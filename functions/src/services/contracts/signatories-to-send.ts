/**
 * The signatories a Send to Sign without a list would send, so the panel can show them before
 * anything is sent (`GET /api/contracts/{contractId}/signatories`) and the send itself uses the
 * same rule: the mapping's, read afresh from the record as the caller (a corrected e-mail is
 * used), else the ones the contract already has in the CLM (those checked in the Request Contract
 * dialog, when the template's mapping names none). A signatory the mapping cannot complete (no
 * e-mail) is an error in words, not a silent drop.
 */
import type { Signatory } from '../../../../api/contracts';
import { NotFoundError } from '../errors';
import { previewMapping, type PreviewDeps } from '../mapping/preview-mapping';
import type { Caller } from '../ports';
import type { ClmContracts, ContractRow, TemplatesStore } from './ports';
import type { TemplateCache } from './template-cache';

export interface SignatoriesDeps {
  clm: ClmContracts;
  templatesStore: TemplatesStore;
  templates: TemplateCache;
  mapping: PreviewDeps;
}

interface SignatoriesToSend {
  signatories: Signatory[];
  /** Where they come from: the record through the mapping, the CLM contract, or nowhere. */
  source: 'record' | 'contract' | 'none';
  /** What stops the mapping's signatories from being sent (an empty e-mail), one per signatory. */
  errors: Array<{ field: string; message: string }>;
}

/** `onClm`: the CLM contract as already read (and its externalRef checked) by the route. */
export async function signatoriesToSend(
  row: ContractRow,
  caller: Caller,
  deps: SignatoriesDeps,
  onClm: { signatories?: Signatory[] },
): Promise<SignatoriesToSend> {
  const fromRecord = await signatoriesFromMapping(row, caller, deps);
  if (fromRecord.errors.length || fromRecord.signatories.length) return { ...fromRecord, source: 'record' };
  const onContract = onClm.signatories ?? [];
  const inOrder = onContract.map((s, i) => ({ s, i })).sort((a, b) => (a.s.order ?? a.i + 1) - (b.s.order ?? b.i + 1));
  return { signatories: inOrder.map(({ s }) => s), source: onContract.length ? 'contract' : 'none', errors: [] };
}

async function signatoriesFromMapping(row: ContractRow, caller: Caller, deps: SignatoriesDeps): Promise<Omit<SignatoriesToSend, 'source'>> {
  const none = { signatories: [], errors: [] };
  if (!row.templateId || !row.record) return none;
  const header = await deps.templatesStore.header(row.templateId, caller);
  if (!header) return none;
  const parsed = await deps.templates.get(header, caller);
  if (parsed.mapping === undefined) return none;
  // Only the signatories matter here: a field emptied since the request does not block signing.
  const preview = await previewMapping(
    { mapping: parsed.mapping, template: { name: header.name, fields: parsed.fields }, recordId: row.record.id, caller },
    deps.mapping,
  );
  if (preview.errors.some((e) => e.code === 'record_not_found'))
    throw new NotFoundError(`The ${row.record.entity} of this contract does not exist any more, or you may not see it.`);
  const errors = preview.errors.filter((e) => e.code === 'missing_email').map((e) => ({ field: 'signatories', message: e.message }));
  return { signatories: preview.signatories as Signatory[], errors };
}
