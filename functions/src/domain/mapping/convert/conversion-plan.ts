/**
 * What a conversion works out from the mapping, the template and the metadata alone, before it
 * sees a record: for every field its parsed source, the record path to follow, the Web API
 * property (and its FormattedValue property) to read, the attribute's metadata; for every table
 * column the same. It is worked out once per mapping, template and metadata (they are immutable
 * and cached by the callers), not once per conversion, field or table cell: a 200-row table is
 * 2,000 cells. The Dynamics path labels, needed only for the message of an empty value, are worked
 * out when first asked for.
 */
import { findAttribute, type AttributeInfo, type DataverseMetadata, type EntityInfo } from '../metadata';
import { dynamicsPathLabels } from '../labels';
import { canonicalNavigation, normalizeSource, type NormalizedSource } from '../paths';
import { entitiesAlong, propertyFor } from '../reads';
import type { Mapping, RelatedBlock, ValueSource } from '../schema';
import { fieldsByKey, type TemplateField } from '../template';
import { FORMATTED_VALUE } from './source-value';

export type Segments = (string | number)[];

/** Where one value is read: the property on the record a path leads to. */
interface ReadPoint {
  s: NormalizedSource;
  property: string;
  formattedProperty: string;
  attribute: AttributeInfo | undefined;
}

/** A field filled from the trigger or a related record. */
export interface FieldStep extends ReadPoint {
  key: string;
  segments: Segments;
  field: TemplateField | undefined;
  /** Navigation from the trigger: the block's path, then the source's own navigation. */
  path: string[];
  /** How many steps of `path` are the block's (the rest are the source's). */
  basePathLength: number;
  /** The Dynamics path labels of the value, up to step i of the source's navigation (all of it when omitted). */
  labels(upToStep?: number): string[];
}

interface ColumnStep extends ReadPoint {
  columnKey: string;
  column: TemplateField | undefined;
  /** Labels for "row n: Column is empty" (the row part is added by the caller). */
  labels(): string[];
}

interface CollectionStep {
  key: string;
  field: TemplateField | undefined;
  navigation: string;
  entity: string;
  columns: ColumnStep[];
  emptyLabels(): string[];
}

export interface ConversionPlan {
  template: Map<string, TemplateField>;
  fields: FieldStep[];
  collections: CollectionStep[];
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

function readPoint(s: NormalizedSource, info: EntityInfo | undefined): ReadPoint {
  const property = propertyFor(s.attribute, info, s.as);
  return { s, property, formattedProperty: property + FORMATTED_VALUE, attribute: findAttribute(info, s.attribute) };
}

function compileConversion(mapping: Mapping, templateFields: readonly TemplateField[], metadata: DataverseMetadata | undefined): ConversionPlan {
  const template = fieldsByKey(templateFields);
  const fields: FieldStep[] = [];

  const addField = (key: string, source: ValueSource, segments: Segments, basePath: string[], baseEntity: string | undefined, baseLabels: () => string[]) => {
    const s = normalizeSource(source);
    const entities = entitiesAlong(baseEntity, s.navigation, metadata);
    const owner = entities.length ? entities[entities.length - 1] : baseEntity;
    const info = owner ? metadata?.entities[owner] : undefined;
    const all = lazy(() => [...baseLabels(), ...dynamicsPathLabels(baseEntity, s.navigation, s.attribute, metadata)]);
    fields.push({
      key,
      segments,
      field: template.get(key),
      path: [...basePath, ...s.navigation.map(canonicalNavigation)],
      basePathLength: basePath.length,
      labels: (upToStep?: number) => (upToStep === undefined ? all() : all().slice(0, baseLabels().length + upToStep)),
      ...readPoint(s, info),
    });
  };

  const none = () => [];
  for (const [key, source] of Object.entries(mapping.fields ?? {})) addField(key, source, ['fields', key], [], mapping.trigger_entity, none);

  const walk = (blocks: Record<string, RelatedBlock> | undefined, segments: Segments, path: string[], labels: () => string[], entity: string) => {
    for (const [nav, block] of Object.entries(blocks ?? {})) {
      const blockPath = [...path, canonicalNavigation(nav)];
      const blockLabels = lazy(() => [...labels(), ...dynamicsPathLabels(entity, [nav], undefined, metadata)]);
      const blockSegments = [...segments, 'relatedEntities', nav];
      for (const [key, source] of Object.entries(block.fields ?? {}))
        addField(key, source, [...blockSegments, 'fields', key], blockPath, block.entity, blockLabels);
      walk(block.relatedEntities, blockSegments, blockPath, blockLabels, block.entity);
    }
  };
  walk(mapping.relatedEntities, [], [], none, mapping.trigger_entity);

  const collections: CollectionStep[] = Object.entries(mapping.collections ?? {}).map(([key, c]) => {
    const field = template.get(key);
    const columns = fieldsByKey(field?.columns ?? []);
    const info = metadata?.entities[c.entity];
    return {
      key,
      field,
      navigation: canonicalNavigation(c.relationship),
      entity: c.entity,
      emptyLabels: lazy(() => dynamicsPathLabels(mapping.trigger_entity, [], c.relationship, metadata)),
      columns: Object.entries(c.columns).map(([columnKey, source]) => {
        const s = normalizeSource(source);
        return {
          columnKey,
          column: columns.get(columnKey),
          labels: lazy(() => dynamicsPathLabels(c.entity, [], s.attribute, metadata)),
          ...readPoint(s, info),
        };
      }),
    };
  });

  return { template, fields, collections };
}

/** Plans by mapping, then metadata, then template fields: all three are reused objects (the callers cache them). */
const plans = new WeakMap<Mapping, WeakMap<object, WeakMap<readonly TemplateField[], ConversionPlan>>>();
const NO_METADATA = {};

export function conversionPlanFor(mapping: Mapping, templateFields: readonly TemplateField[], metadata: DataverseMetadata | undefined): ConversionPlan {
  let byMetadata = plans.get(mapping);
  if (!byMetadata) plans.set(mapping, (byMetadata = new WeakMap()));
  let byTemplate = byMetadata.get(metadata ?? NO_METADATA);
  if (!byTemplate) byMetadata.set(metadata ?? NO_METADATA, (byTemplate = new WeakMap()));
  let plan = byTemplate.get(templateFields);
  if (!plan) byTemplate.set(templateFields, (plan = compileConversion(mapping, templateFields, metadata)));
  return plan;
}
