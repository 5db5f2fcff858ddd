/**
 * The answer of both previews (connector-api.md `POST /api/contracts/preview` for the salesperson,
 * `POST /api/admin/mappings/preview` for the admin): previewMapping's conversion, read as the
 * caller, with every template field labelled and displayed, and the errors in the words of the
 * request's 422. A record the caller cannot read is 404, as a request would answer.
 */
import type { ContractPreviewAnswer } from '../../../../api/contracts';
import { previewFields, returnsStatus, validateMapping, type Mapping, type TemplateField } from '../../domain/mapping';
import { NotFoundError } from '../errors';
import type { Caller } from '../ports';
import { previewMapping, type PreviewDeps } from './preview-mapping';

export interface PreviewSubject {
  template: { name: string; fields: readonly TemplateField[] };
  mapping: unknown;
  entity: string;
  recordId: string;
  caller: Caller;
}

export async function previewAnswer(s: PreviewSubject, deps: PreviewDeps): Promise<ContractPreviewAnswer> {
  const preview = await previewMapping({ mapping: s.mapping, template: s.template, recordId: s.recordId, caller: s.caller }, deps);
  if (preview.errors.some((e) => e.code === 'record_not_found'))
    throw new NotFoundError(`The ${s.entity} ${s.recordId} does not exist, or you may not see it.`);
  const ctx = await deps.userContext.contextOf(s.caller);
  const parsed = validateMapping(s.mapping, s.template.fields).mapping;
  const fields = previewFields(parsed, s.template.fields, preview.fields, ctx);
  return {
    name: preview.name,
    fields,
    signatories: preview.signatories,
    errors: preview.errors.map((e) => ({ field: e.kind === 'data' ? (e.fieldKey ?? e.path) : e.path, message: e.message })),
    ...(parsed?.returns ? { returns: returnsPreview(parsed.returns, fields) } : {}),
  };
}

/** What would come back: each returned column with the CLM field it takes and that field's value as sent now. */
function returnsPreview(returns: NonNullable<Mapping['returns']>, fields: ContractPreviewAnswer['fields']): NonNullable<ContractPreviewAnswer['returns']> {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const column = (name: string, fieldKey: string) => {
    const f = byKey.get(fieldKey);
    return { column: name, fieldKey, label: f?.label ?? fieldKey, display: f ? f.display || (f.value === null ? '' : JSON.stringify(f.value)) : '' };
  };
  return {
    when: returnsStatus(returns),
    columns: [
      ...Object.entries(returns.fields ?? {}).map(([name, key]) => column(name, key)),
      ...(returns.endDate ? [column('dtclm_enddate', returns.endDate)] : []),
    ],
  };
}
