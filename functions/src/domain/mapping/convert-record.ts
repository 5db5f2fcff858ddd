/**
 * A read record -> the CLM contract's name, field values and signatories, with every problem at
 * once: per-field errors in words a salesperson can act on ("Client SIREN: Customer > Account
 * Number is empty"). Nothing here throws on a record's values.
 */
import { convertValue, type ConversionContext, readSourceValue, type SourceValue, textOf } from './convert';
import { dataProblem, emptyRequiredMessage, jsonPath, type MappingProblem, shapeProblem } from './errors';
import { conversionPlanFor, type FieldStep, type Segments } from './convert/conversion-plan';
import { dynamicsPathLabels } from './labels';
import { type DataverseMetadata, findAttribute } from './metadata';
import { canonicalNavigation, type NormalizedSource, normalizeSource } from './paths';
import { asRecord, fixedKey, type JsonRecord, type RecordGraph, recordAt } from './record-graph';
import { CURRENCY_CODE_ATTRIBUTE, CURRENCY_NAVIGATION, entitiesAlong, primaryNameOf, propertyFor } from './reads';
import { renderContractName, defaultContractName } from './contract-name';
import type { Mapping } from './schema';
import { extractSignatories, type Signatory } from './signatories';
import { type FieldValue, type TemplateField } from './template';

export interface ConvertInput {
  mapping: Mapping;
  templateFields: readonly TemplateField[];
  graph: RecordGraph;
  ctx: ConversionContext;
  metadata?: DataverseMetadata;
}

export interface Conversion {
  name: string;
  fields: Record<string, FieldValue>;
  signatories: Signatory[];
  errors: MappingProblem[];
}

interface Located {
  value: SourceValue | null;
  /** Labels of the Dynamics path, up to the step that was empty when one was. */
  emptyPath: string[];
}

function currencyOf(record: JsonRecord | null): string | null {
  const c = asRecord(record?.[CURRENCY_NAVIGATION]);
  const code = c?.[CURRENCY_CODE_ATTRIBUTE];
  return typeof code === 'string' ? code : null;
}

/** Reads a value source on a record reached from the trigger by `basePath` (on `baseEntity`). */
function locate(
  graph: RecordGraph,
  basePath: readonly string[],
  baseEntity: string | undefined,
  s: NormalizedSource,
  baseLabels: readonly string[],
  metadata: DataverseMetadata | undefined,
): Located {
  const navigation = s.navigation.map(canonicalNavigation);
  const entities = entitiesAlong(baseEntity, s.navigation, metadata);
  const owner = entities.length ? entities[entities.length - 1] : baseEntity;
  const info = owner ? metadata?.entities[owner] : undefined;
  const labels = [...baseLabels, ...dynamicsPathLabels(baseEntity, s.navigation, s.attribute, metadata)];
  // Find the first empty step so the message names it ("Customer is empty", not "Customer > Name").
  for (let i = 0; i <= navigation.length; i++) {
    const rec = recordAt(graph.trigger, [...basePath, ...navigation.slice(0, i)]);
    if (!rec) return { value: null, emptyPath: labels.slice(0, baseLabels.length + i) };
  }
  const record = recordAt(graph.trigger, [...basePath, ...navigation]) as JsonRecord;
  const property = propertyFor(s.attribute, info, s.as);
  const value = readSourceValue(record, property, findAttribute(info, s.attribute), currencyOf(record));
  return { value, emptyPath: labels };
}

/**
 * The record a field step reads, or the number of its own navigation steps that were reached
 * before one was empty (its "is empty" message names that step).
 */
function recordOf(trigger: JsonRecord, step: FieldStep): JsonRecord | number {
  let current: JsonRecord | null = trigger;
  for (let j = 0; j < step.path.length; j++) {
    current = asRecord(current[step.path[j]]);
    if (!current) return Math.max(0, j + 1 - step.basePathLength);
  }
  return current;
}

export function convertRecord(input: ConvertInput): Conversion {
  const { mapping, graph, ctx, metadata } = input;
  const triggerEntity = mapping.trigger_entity;
  const plan = conversionPlanFor(mapping, input.templateFields, metadata);
  const fields: Record<string, FieldValue> = {};
  const errors: MappingProblem[] = [];
  /** Where each CLM field's value came from, for the "is empty" message. */
  const emptyPaths = new Map<string, { segments: Segments; labels: string[] }>();

  for (const step of plan.fields) {
    const { key, field, s, segments } = step;
    if (!field) {
      errors.push(shapeProblem('unknown_template_field', segments, `the template has no field "${key}"`, key));
      continue;
    }
    const record = recordOf(graph.trigger, step);
    const value = typeof record === 'number' ? null : readSourceValue(record, step.property, step.attribute, currencyOf(record), step.formattedProperty);
    const outcome = value ? convertValue(value, field, s, ctx) : ({ ok: true, value: null } as const);
    if (!outcome.ok) {
      errors.push({ kind: outcome.kind, code: outcome.code, path: jsonPath(segments), message: outcome.message, fieldKey: key });
      continue;
    }
    let v = outcome.value;
    if (v === null && s.hasDefault) v = s.default as FieldValue;
    fields[key] = v;
    if (v === null) emptyPaths.set(key, { segments, labels: step.labels(typeof record === 'number' ? record : undefined) });
  }

  const triggerCurrency = currencyOf(graph.trigger);
  for (const c of plan.collections) {
    const { key, field } = c;
    if (!field) {
      errors.push(shapeProblem('unknown_template_field', ['collections', key], `the template has no field "${key}"`, key));
      continue;
    }
    const raw = graph.trigger[c.navigation];
    const rows = Array.isArray(raw) ? raw.map(asRecord).filter((r): r is JsonRecord => r !== null) : [];
    if (rows.length === 0) emptyPaths.set(key, { segments: ['collections', key], labels: c.emptyLabels() });
    for (const p of c.columns) {
      if (!p.column)
        errors.push(
          shapeProblem(
            'unknown_template_field',
            ['collections', key, 'columns', p.columnKey],
            `the table "${field.label}" has no column "${p.columnKey}"`,
            key,
          ),
        );
    }
    const table: Record<string, unknown>[] = new Array(rows.length);
    for (let rowIndex = 0; rowIndex < rows.length; rowIndex++) {
      const row = rows[rowIndex];
      const out: Record<string, unknown> = {};
      // A line's currency is its document's: Dataverse keeps them equal.
      const currency = currencyOf(row) ?? triggerCurrency;
      for (const p of c.columns) {
        const { columnKey, s, column } = p;
        if (!column) continue;
        const outcome = convertValue(readSourceValue(row, p.property, p.attribute, currency, p.formattedProperty), column, s, ctx);
        if (!outcome.ok) {
          errors.push({
            kind: outcome.kind,
            code: outcome.code,
            path: jsonPath(['collections', key, 'columns', columnKey]),
            message: `${field.label}, row ${rowIndex + 1}: ${outcome.message}`,
            fieldKey: key,
          });
          out[columnKey] = null;
          continue;
        }
        let v = outcome.value;
        if (v === null && s.hasDefault) v = s.default as FieldValue;
        out[columnKey] = v;
        if (v === null && column.required) {
          const labels = [field.label, `row ${rowIndex + 1}`, ...p.labels()];
          errors.push(dataProblem('required_empty', ['collections', key, 'columns', columnKey], emptyRequiredMessage(column.label, labels), key));
        }
      }
      table[rowIndex] = out;
    }
    fields[key] = table as FieldValue;
  }

  const fieldFor = (key: string, segments: Segments): TemplateField | undefined => {
    const f = plan.template.get(key);
    if (!f) errors.push(shapeProblem('unknown_template_field', segments, `the template has no field "${key}"`, key));
    return f;
  };

  for (const [key, f] of Object.entries(mapping.fixedFieldMappings ?? {})) {
    const segments: Segments = ['fixedFieldMappings', key];
    const field = fieldFor(key, segments);
    if (!field) continue;
    const record = graph.fixed.get(fixedKey(f.entity, f.id));
    const labels = dynamicsPathLabels(f.entity, [], f.attribute, metadata);
    if (!record) {
      errors.push(
        dataProblem(
          'record_not_found',
          segments,
          `${field.label}: the ${metadata?.entities[f.entity]?.displayName ?? f.entity} ${f.id} cannot be read (missing, or you may not see it)`,
          key,
        ),
      );
      fields[key] = null;
      continue;
    }
    const info = metadata?.entities[f.entity];
    const value = readSourceValue(record, propertyFor(f.attribute, info, undefined), findAttribute(info, f.attribute), currencyOf(record));
    const outcome = convertValue(value, field, {}, ctx);
    if (!outcome.ok) {
      errors.push({ kind: outcome.kind, code: outcome.code, path: shapeProblem(outcome.code, segments, '').path, message: outcome.message, fieldKey: key });
      continue;
    }
    fields[key] = outcome.value;
    if (outcome.value === null) emptyPaths.set(key, { segments, labels });
  }

  for (const [key, value] of Object.entries(mapping.constants ?? {})) {
    if (fieldFor(key, ['constants', key])) fields[key] = value as FieldValue;
  }

  // A required field that came out empty stops the request: one error per field, in the salesperson's words.
  for (const field of input.templateFields) {
    if (!field.required) continue;
    const v = fields[field.key];
    const failed = errors.some((e) => e.fieldKey === field.key);
    if (failed) continue;
    if (!(field.key in fields)) {
      errors.push(shapeProblem('required_unmapped', [], `${field.label} is required by the template but the mapping does not fill it`, field.key));
    } else if (v === null || (Array.isArray(v) && v.length === 0)) {
      const where = emptyPaths.get(field.key);
      errors.push(
        dataProblem('required_empty', where?.segments ?? [], emptyRequiredMessage(field.label, where?.labels.length ? where.labels : [field.label]), field.key),
      );
    }
  }

  const { signatories, errors: signatoryErrors } = extractSignatories(mapping.signatories ?? [], graph.trigger, triggerEntity, metadata);
  errors.push(...signatoryErrors);

  return { name: contractNameOf(input), fields, signatories, errors };
}

function contractNameOf(input: ConvertInput): string {
  const { mapping, graph, ctx, metadata } = input;
  const textAt = (path: string): string => {
    const s = normalizeSource(path);
    const { value } = locate(graph, [], mapping.trigger_entity, s, [], metadata);
    if (!value || value.raw === null || value.raw === undefined) return '';
    return textOf(value, s, ctx);
  };
  if (mapping.contractName) {
    return renderContractName(mapping.contractName, textAt);
  }
  return defaultContractName(ctx.templateName, textAt(primaryNameOf(mapping.trigger_entity, metadata)));
}
