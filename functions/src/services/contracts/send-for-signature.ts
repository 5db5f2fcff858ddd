/**
 * sendForSignature (`POST /api/contracts/{contractId}/signature`, role Send to Sign): signatories
 * from the body, else read afresh from the record through the template's mapping (so a corrected
 * e-mail is used). None at all is 422 `no_signatory`, in words. 409 unless draft or validated.
 */
import type { SendForSignatureAnswer, SendForSignatureBody, Signatory } from '../../../../api/contracts';
import { canSendForSignature, STATUS_LABEL } from '../../domain/contract';
import { ConflictError, NotFoundError, UnprocessableError } from '../errors';
import { previewMapping, type PreviewDeps } from '../mapping/preview-mapping';
import type { Caller } from '../ports';
import { contractOf } from './contract-access';
import type { ClmContracts, ContractRow, ContractsStore, TemplatesStore } from './ports';
import { recordAction } from './record-status';
import type { TemplateCache } from './template-cache';

export interface SendForSignatureDeps {
  store: ContractsStore;
  clm: ClmContracts;
  templatesStore: TemplatesStore;
  templates: TemplateCache;
  mapping: PreviewDeps;
}

export async function sendForSignature(
  contractId: string,
  body: SendForSignatureBody,
  caller: Caller,
  deps: SendForSignatureDeps,
): Promise<SendForSignatureAnswer> {
  const row = await contractOf(contractId, deps.store, caller);
  if (row.status && !canSendForSignature(row.status)) {
    throw new ConflictError(
      `The contract "${row.name}" is ${STATUS_LABEL[row.status].toLowerCase()}: only a draft or validated contract can be sent for signature.`,
    );
  }
  const signatories = body.signatories?.length ? body.signatories : await signatoriesFromMapping(row, caller, deps);
  if (!signatories.length) {
    throw new UnprocessableError(
      'No one to sign: add the signatories in the dialog, or fill the contact the template takes them from (name and e-mail), then try again.',
      [{ field: 'signatories', message: 'No signatory is known for this contract' }],
    );
  }
  const contract = await deps.clm.sendForSignature(row.clmContractId, signatories);
  await recordAction(row, contract, { name: 'signature', detail: { signatories: signatories.length } }, deps.store, caller);
  return { status: contract.status };
}

async function signatoriesFromMapping(row: ContractRow, caller: Caller, deps: SendForSignatureDeps): Promise<Signatory[]> {
  if (!row.templateId || !row.record) return [];
  const header = await deps.templatesStore.header(row.templateId, caller);
  if (!header) return [];
  const parsed = await deps.templates.get(header, caller);
  if (parsed.mapping === undefined) return [];
  // Only the signatories matter here: a field emptied since the request does not block signing.
  const preview = await previewMapping(
    { mapping: parsed.mapping, template: { name: header.name, fields: parsed.fields }, recordId: row.record.id, caller },
    deps.mapping,
  );
  if (preview.errors.some((e) => e.code === 'record_not_found'))
    throw new NotFoundError(`The ${row.record.entity} of this contract does not exist any more, or you may not see it.`);
  const missingEmail = preview.errors.filter((e) => e.code === 'missing_email');
  if (missingEmail.length) {
    throw new UnprocessableError(
      'A signatory has no e-mail address: fill it in Dynamics, or give the signatories in the dialog.',
      missingEmail.map((e) => ({ field: 'signatories', message: e.message })),
    );
  }
  return preview.signatories as Signatory[];
}
