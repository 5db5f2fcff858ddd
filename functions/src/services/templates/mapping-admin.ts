/**
 * The admin's mapping routes (connector-api.md): validate, preview and save a template's mapping.
 * Templates are read as the calling admin (CallerObjectId), so Dataverse's own security applies.
 *
 *   validate  every problem at once, each with its JSON path (the mapping engine's check with the
 *             template's fields and Dataverse metadata); warnings: what is legal but likely unmeant.
 *   preview   what a request would send for one record, with the stored mapping or the one given.
 *   save      ETag-guarded (If-Match: a concurrent edit is not overwritten, 412). A mapping whose
 *             shape is wrong (not the format of mapping.md) is refused (422) and not saved; any
 *             other problem is saved with the row marked Broken and the problems in
 *             dtclm_mappingerrors, so the admin can save work in progress. `dtclm_triggerentity` is
 *             copied from the mapping. An empty mapping (null or "") takes the template off the dialog.
 */
import type { ContractPreviewAnswer } from '../../../../api/contracts';
import type { MappingStateName, SaveMappingAnswer, ValidateMappingAnswer } from '../../../../api/admin';
import { validateMapping, type MappingProblem, type TemplateField } from '../../domain/mapping';
import { BadRequestError, ConflictError, NotFoundError, UnprocessableError } from '../errors';
import { previewAnswer } from '../mapping/preview-answer';
import type { PreviewDeps } from '../mapping/preview-mapping';
import type { Caller, MetadataReader } from '../ports';
import { checkMappingFit, errorsText, hasMapping, parseStoredMapping } from './mapping-fit';
import type { MappingState, TemplateAdminStore, TemplateForAdmin } from './ports';

export interface MappingAdminDeps {
  store: TemplateAdminStore;
  metadata: MetadataReader;
  preview: PreviewDeps;
}

const STATE_NAMES: Record<MappingState, MappingStateName> = { fits: 'fits', broken: 'broken', none: 'none' };
const problem = (p: MappingProblem) => ({ path: p.path, message: p.message });

async function readTemplate(templateId: string, caller: Caller, store: TemplateAdminStore): Promise<TemplateForAdmin & { fields: TemplateField[] }> {
  const row = await store.read(templateId, caller);
  if (!row) throw new NotFoundError(`The template ${templateId} does not exist, or you may not see it.`);
  let fields: unknown;
  try {
    fields = row.fieldsJson ? JSON.parse(row.fieldsJson) : [];
  } catch {
    throw new ConflictError(`The template "${row.name}" has field definitions that are not valid JSON: sync the templates again.`);
  }
  return { ...row, fields: Array.isArray(fields) ? (fields as TemplateField[]) : [] };
}

/** Legal but likely unmeant: optional fields left empty, a template no longer active. */
function warningsOf(mapping: unknown, fields: readonly TemplateField[], active: boolean): MappingProblem[] {
  const warnings: MappingProblem[] = [];
  const parsed = validateMapping(mapping, fields).mapping;
  if (!active)
    warnings.push({
      kind: 'shape',
      code: 'invalid_shape',
      path: '$',
      message: 'This template is inactive in the CLM: the mapping is kept, but no one is offered the template.',
    });
  if (!parsed) return warnings;
  const filled = new Set([
    ...Object.keys(parsed.fields ?? {}),
    ...Object.keys(parsed.collections ?? {}),
    ...Object.keys(parsed.fixedFieldMappings ?? {}),
    ...Object.keys(parsed.constants ?? {}),
    ...Object.values(parsed.relatedEntities ?? {}).flatMap(function keys(b): string[] {
      return [...Object.keys(b.fields ?? {}), ...Object.values(b.relatedEntities ?? {}).flatMap(keys)];
    }),
  ]);
  for (const f of fields) {
    if (!f.required && !filled.has(f.key)) {
      warnings.push({
        kind: 'shape',
        code: 'required_unmapped',
        path: `$.fields.${f.key}`,
        message: `${f.label} (${f.key}) is not mapped: contracts get it empty.`,
        fieldKey: f.key,
      });
    }
  }
  return warnings;
}

export async function validateTemplateMapping(templateId: string, mapping: unknown, caller: Caller, deps: MappingAdminDeps): Promise<ValidateMappingAnswer> {
  const t = await readTemplate(templateId, caller, deps.store);
  const fit = await checkMappingFit(mapping, t.fields, deps.metadata);
  return { errors: fit.problems.map(problem), warnings: warningsOf(mapping, t.fields, t.active).map(problem) };
}

export async function previewTemplateMapping(
  input: { templateId: string; mapping?: unknown; entity: string; recordId: string },
  caller: Caller,
  deps: MappingAdminDeps,
): Promise<ContractPreviewAnswer> {
  const t = await readTemplate(input.templateId, caller, deps.store);
  const mapping = input.mapping !== undefined ? input.mapping : hasMapping(t.mappingJson) ? parseStoredMapping(t.mappingJson) : undefined;
  if (mapping === undefined) throw new ConflictError(`The template "${t.name}" has no mapping yet: give one in the request to preview it.`);
  return previewAnswer({ template: { name: t.name, fields: t.fields }, mapping, entity: input.entity, recordId: input.recordId, caller }, deps.preview);
}

/** `W/"123"` or `"123"`: what Dataverse hands out as `@odata.etag`. */
const ETAG = /^(W\/)?"[^"]{1,100}"$/;

function isEmptyMapping(mapping: unknown): boolean {
  return mapping === null || (typeof mapping === 'string' && mapping.trim() === '');
}

export async function saveTemplateMapping(
  templateId: string,
  mapping: unknown,
  ifMatch: string | null,
  caller: Caller,
  deps: MappingAdminDeps,
): Promise<SaveMappingAnswer> {
  if (!ifMatch)
    throw new BadRequestError('Send the row’s ETag in If-Match (read the template first), so that a concurrent edit is not overwritten.', [
      { field: 'If-Match', message: 'If-Match is required' },
    ]);
  if (!ETAG.test(ifMatch.trim()))
    throw new BadRequestError('If-Match must be the row’s ETag as Dataverse gives it, e.g. W/"123456".', [{ field: 'If-Match', message: 'not an ETag' }]);
  const t = await readTemplate(templateId, caller, deps.store);
  if (isEmptyMapping(mapping)) {
    const etag = await deps.store.saveMapping(templateId, { mappingJson: null, triggerEntity: null, state: 'none', errorsText: null }, ifMatch.trim(), caller);
    return { state: 'none', errors: [], warnings: [], etag };
  }
  const value = typeof mapping === 'string' ? parseStoredMapping(mapping) : mapping;
  const shape = validateMapping(value, t.fields);
  if (!shape.mapping) {
    throw new UnprocessableError(
      'The mapping does not follow the mapping format; nothing was saved. Fix the problems listed, then save again.',
      shape.problems.map((p) => ({ field: p.path, message: p.message })),
    );
  }
  const fit = await checkMappingFit(shape.mapping, t.fields, deps.metadata);
  const etag = await deps.store.saveMapping(
    templateId,
    {
      mappingJson: JSON.stringify(value, null, 2),
      triggerEntity: shape.mapping.trigger_entity,
      state: fit.state,
      errorsText: fit.problems.length ? errorsText(fit.problems) : null,
    },
    ifMatch.trim(),
    caller,
  );
  return { state: STATE_NAMES[fit.state], errors: fit.problems.map(problem), warnings: warningsOf(value, t.fields, t.active).map(problem), etag };
}
