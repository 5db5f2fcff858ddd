/**
 * A read record -> the CLM contract's name, field values and signatories, with every problem at
 * once: per-field errors in words a salesperson can act on ("Client SIREN: Customer > Account
 * Number is empty"). Nothing here throws on a record's values.
 */
import { convertValue, type ConversionContext, readSourceValue, type SourceValue, textOf } from './convert';
import { dataProblem, emptyRequiredMessage, type MappingProblem, shapeProblem } from './errors';
import { dynamicsPathLabels } from './labels';
import { type DataverseMetadata, findAttribute } from './metadata';
import { canonicalNavigation, type NormalizedSource, normalizeSource } from './paths';
import { asRecord, fixedKey, type JsonRecord, type RecordGraph, recordAt } from './record-graph';
import { CURRENCY_CODE_ATTRIBUTE, CURRENCY_NAVIGATION, entitiesAlong, primaryNameOf, propertyFor } from './reads';
import { renderContractName, defaultContractName } from './contract-name';
import type { Mapping, RelatedBlock, ValueSource } from './schema';
import { extractSignatories, type Signatory } from './signatories';
import { fieldsByKey, type FieldValue, type TemplateField } from './template';

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

type Segments = (string | number)[];

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

export function convertRecord(input: ConvertInput): Conversion {
  const { mapping, graph, ctx, metadata } = input;
  const triggerEntity = mapping.trigger_entity;
  const template = fieldsByKey(input.templateFields);
  const fields: Record<string, FieldValue> = {};
  const errors: MappingProblem[] = [];
  /** Where each CLM field's value came from, for the "is empty" message. */
  const emptyPaths = new Map<string, { segments: Segments; labels: string[] }>();

  const fieldFor = (key: string, segments: Segments): TemplateField | undefined => {
    const f = template.get(key);
    if (!f) errors.push(shapeProblem('unknown_template_field', segments, `the template has no field "${key}"`, key));
    return f;
  };

  const applyOne = (key: string, source: ValueSource, segments: Segments, basePath: string[], baseEntity: string | undefined, baseLabels: string[]) => {
    const field = fieldFor(key, segments);
    if (!field) return;
    const s = normalizeSource(source);
    const { value, emptyPath } = locate(graph, basePath, baseEntity, s, baseLabels, metadata);
    const outcome = value ? convertValue(value, field, s, ctx) : ({ ok: true, value: null } as const);
    if (!outcome.ok) {
      errors.push({ kind: outcome.kind, code: outcome.code, path: shapeProblem(outcome.code, segments, '').path, message: outcome.message, fieldKey: key });
      return;
    }
    let v = outcome.value;
    if (v === null && s.hasDefault) v = s.default as FieldValue;
    fields[key] = v;
    if (v === null) emptyPaths.set(key, { segments, labels: emptyPath });
  };

  for (const [key, source] of Object.entries(mapping.fields ?? {})) applyOne(key, source, ['fields', key], [], triggerEntity, []);

  const walk = (blocks: Record<string, RelatedBlock> | undefined, segments: Segments, path: string[], labels: string[], entity: string) => {
    for (const [nav, block] of Object.entries(blocks ?? {})) {
      const blockPath = [...path, canonicalNavigation(nav)];
      const blockLabels = [...labels, ...dynamicsPathLabels(entity, [nav], undefined, metadata)];
      const blockSegments = [...segments, 'relatedEntities', nav];
      for (const [key, source] of Object.entries(block.fields ?? {})) {
        applyOne(key, source, [...blockSegments, 'fields', key], blockPath, block.entity, blockLabels);
      }
      walk(block.relatedEntities, blockSegments, blockPath, blockLabels, block.entity);
    }
  };
  walk(mapping.relatedEntities, [], [], [], triggerEntity);

  const triggerCurrency = currencyOf(graph.trigger);
  for (const [key, c] of Object.entries(mapping.collections ?? {})) {
    const field = fieldFor(key, ['collections', key]);
    if (!field) continue;
    const columns = fieldsByKey(field.columns ?? []);
    const info = metadata?.entities[c.entity];
    const raw = graph.trigger[canonicalNavigation(c.relationship)];
    const rows = Array.isArray(raw) ? raw.map(asRecord).filter((r): r is JsonRecord => r !== null) : [];
    if (rows.length === 0) emptyPaths.set(key, { segments: ['collections', key], labels: dynamicsPathLabels(triggerEntity, [], c.relationship, metadata) });
    // Everything that does not depend on the row is worked out once per column, not once per cell.
    const plan = Object.entries(c.columns).map(([columnKey, source]) => {
      const s = normalizeSource(source);
      return { columnKey, s, column: columns.get(columnKey), attribute: findAttribute(info, s.attribute), property: propertyFor(s.attribute, info, s.as) };
    });
    for (const p of plan) {
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
    fields[key] = rows.map((row, rowIndex) => {
      const out: Record<string, unknown> = {};
      // A line's currency is its document's: Dataverse keeps them equal.
      const currency = currencyOf(row) ?? triggerCurrency;
      for (const { columnKey, s, column, attribute, property } of plan) {
        if (!column) continue;
        const segments: Segments = ['collections', key, 'columns', columnKey];
        const outcome = convertValue(readSourceValue(row, property, attribute, currency), column, s, ctx);
        if (!outcome.ok) {
          errors.push({
            kind: outcome.kind,
            code: outcome.code,
            path: shapeProblem(outcome.code, segments, '').path,
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
          const labels = [field.label, `row ${rowIndex + 1}`, ...dynamicsPathLabels(c.entity, [], s.attribute, metadata)];
          errors.push(dataProblem('required_empty', segments, emptyRequiredMessage(column.label, labels), key));
        }
      }
      return out;
    });
  }

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
