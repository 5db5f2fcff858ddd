import {
  assembleGraph,
  compileReadPlan,
  convertRecord,
  type Conversion,
  type ConversionContext,
  parseMapping,
  type ReadPlan,
} from '../../../functions/src/domain/mapping';
import type { DataverseMetadata } from '../../../functions/src/domain/mapping/metadata';
import type { Mapping } from '../../../functions/src/domain/mapping/schema';
import type { TemplateField } from '../../../functions/src/domain/mapping/template';
import { METADATA, PARIS } from './fixtures';

export function mustParse(input: unknown): Mapping {
  const r = parseMapping(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.mapping;
}

/** Plans, then converts the given answers (one per planned request) as the plan's reader would. */
export function run(
  mappingInput: unknown,
  templateFields: TemplateField[],
  answers: unknown[],
  ctx: ConversionContext = PARIS,
  metadata: DataverseMetadata | undefined = METADATA,
): Conversion & { plan: ReadPlan } {
  const mapping = mustParse(mappingInput);
  const plan = compileReadPlan(mapping, { metadata, templateFields });
  const graph = assembleGraph(plan, answers as never);
  return { ...convertRecord({ mapping, templateFields, graph, ctx, metadata }), plan };
}

export const field = (key: string, type: TemplateField['type'], extra: Partial<TemplateField> = {}): TemplateField => ({
  key,
  label: extra.label ?? key,
  type,
  required: false,
  ...extra,
});
