/**
 * `POST /api/contracts/preview` (role User): what a request would send, read as the caller, without
 * calling the CLM. The same checks as a request, in the same words: 404 for a template or record
 * the caller cannot see, 409 for an inactive template, one without a mapping, one for another
 * form, or one whose mapping no longer fits; the values a record cannot fill come back in
 * `errors` (a request would answer them as its 422).
 */
import type { ContractPreviewAnswer, ContractPreviewBody } from '../../../../api/contracts';
import { ConflictError, NotFoundError } from '../errors';
import { previewAnswer } from '../mapping/preview-answer';
import type { PreviewDeps } from '../mapping/preview-mapping';
import type { Caller } from '../ports';
import type { TemplatesStore } from './ports';
import type { TemplateCache } from './template-cache';
import { refuseBrokenMapping } from './usable-template';

export interface PreviewContractDeps {
  templatesStore: TemplatesStore;
  templates: TemplateCache;
  mapping: PreviewDeps;
}

export async function previewContract(body: ContractPreviewBody, caller: Caller, deps: PreviewContractDeps): Promise<ContractPreviewAnswer> {
  const header = await deps.templatesStore.header(body.templateId, caller);
  if (!header) throw new NotFoundError(`The contract template ${body.templateId} does not exist: refresh the page and pick a template again.`);
  if (!header.active) throw new ConflictError(`The template "${header.name}" is no longer active in the CLM: pick another template.`);
  refuseBrokenMapping(header);
  const parsed = await deps.templates.get(header, caller);
  if (parsed.mapping === undefined) {
    throw new ConflictError(`The template "${header.name}" has no mapping yet: ask your connector administrator to write one before it can be used.`);
  }
  const trigger = (parsed.mapping as { trigger_entity?: unknown } | null)?.trigger_entity;
  if (typeof trigger === 'string' && trigger !== body.entity)
    throw new ConflictError(`The template "${header.name}" is not made for a ${body.entity}: pick another template.`);
  return previewAnswer(
    { template: { name: header.name, fields: parsed.fields }, mapping: parsed.mapping, entity: body.entity, recordId: body.recordId, caller },
    deps.mapping,
  );
}
