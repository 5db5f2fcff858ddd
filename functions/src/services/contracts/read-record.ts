/**
 * Reads the trigger record through the template's mapping, as the caller, and converts it: the same
 * engine as the admin preview. Turns the engine's problems into the errors a salesperson sees:
 * 404 when the record cannot be read, 409 when the mapping itself is wrong (an admin must fix it),
 * 422 when this record cannot fill the template (one error per CLM field, in words).
 */
import type { Conversion, TemplateField } from '../../domain/mapping';
import { ConflictError, NotFoundError, UnprocessableError } from '../errors';
import { previewMapping, type PreviewDeps } from '../mapping/preview-mapping';
import type { Caller } from '../ports';

export interface ReadRecordInput {
  template: { name: string; fields: readonly TemplateField[]; mapping: unknown };
  entity: string;
  recordId: string;
  caller: Caller;
}

const plural = (entity: string) => ({ opportunity: 'opportunities', quote: 'quotes' })[entity] ?? `${entity} records`;

export async function readThroughMapping(input: ReadRecordInput, deps: PreviewDeps): Promise<Conversion> {
  const { template } = input;
  if (template.mapping === undefined) {
    throw new ConflictError(`The template "${template.name}" has no mapping yet: ask your connector administrator to write one before it can be used.`);
  }
  const trigger = (template.mapping as { trigger_entity?: unknown } | null)?.trigger_entity;
  if (typeof trigger === 'string' && trigger !== input.entity) {
    throw new ConflictError(`The template "${template.name}" is made for ${plural(trigger)}, not ${plural(input.entity)}: pick another template.`);
  }
  const preview = await previewMapping(
    { mapping: template.mapping, template: { name: template.name, fields: template.fields }, recordId: input.recordId, caller: input.caller },
    deps,
  );
  const notFound = preview.errors.find((e) => e.code === 'record_not_found');
  if (notFound) throw new NotFoundError(`The ${input.entity} ${input.recordId} does not exist, or you may not see it.`);
  const shape = preview.errors.filter((e) => e.kind === 'shape');
  if (shape.length) {
    throw new ConflictError(
      `The mapping of the template "${template.name}" has ${shape.length} problem(s): ask your connector administrator to fix it in the connector settings.`,
      shape.map((e) => ({ field: e.path, message: e.message })),
    );
  }
  const data = preview.errors.filter((e) => e.kind === 'data');
  if (data.length) {
    throw new UnprocessableError(
      `This ${input.entity} cannot fill the template "${template.name}" yet: complete the fields below, then try again.`,
      data.map((e) => ({ field: e.fieldKey ?? e.path, message: e.message })),
    );
  }
  return preview;
}
