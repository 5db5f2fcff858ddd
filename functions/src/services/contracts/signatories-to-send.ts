/**
 * The signatories a Send to Sign without a list would send, so the panel can show them before
 * anything is sent (`GET /api/contracts/{contractId}/signatories`) and the send itself uses the
 * same rule. The list given at request time is the contract's list (kept by the CLM with the
 * contract, clm-api.yaml `Contract.signatories`): it comes first, so a signatory the rep added by
 * hand is the one asked to sign. Only a contract that has none falls back to the template's, read
 * afresh from the record as the caller (source `record`: the dialog asks before using them). Each
 * signatory says where it came from: the template's mapping gives that person (same e-mail) or it
 * was added by hand when the contract was requested. A signatory the mapping cannot complete (no
 * e-mail) is an error in words, not a silent drop.
 */
import type { ContractSignatoriesAnswer, Signatory } from '../../../../api/contracts';
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

type SignatoriesToSend = ContractSignatoriesAnswer;

/** `onClm`: the CLM contract as already read (and its externalRef checked) by the route. */
export async function signatoriesToSend(
  row: ContractRow,
  caller: Caller,
  deps: SignatoriesDeps,
  onClm: { signatories?: Signatory[] },
): Promise<SignatoriesToSend> {
  const fromTemplate = await signatoriesFromMapping(row, caller, deps);
  const onContract = inSigningOrder(onClm.signatories ?? []);
  if (onContract.length) {
    const templateEmails = new Set(fromTemplate.signatories.map((s) => s.email.toLowerCase()));
    return {
      signatories: onContract,
      source: 'contract',
      origins: onContract.map((s) => (templateEmails.has(s.email.toLowerCase()) ? 'template' : 'added')),
      errors: [],
    };
  }
  if (fromTemplate.errors.length || fromTemplate.signatories.length)
    return { ...fromTemplate, source: 'record', origins: fromTemplate.signatories.map(() => 'template') };
  return { signatories: [], source: 'none', origins: [], errors: [] };
}

function inSigningOrder(signatories: Signatory[]): Signatory[] {
  return signatories
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.order ?? a.i + 1) - (b.s.order ?? b.i + 1))
    .map(({ s }) => s);
}

async function signatoriesFromMapping(row: ContractRow, caller: Caller, deps: SignatoriesDeps): Promise<Pick<SignatoriesToSend, 'signatories' | 'errors'>> {
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
