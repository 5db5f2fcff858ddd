/**
 * validateMapping: every problem of a mapping at once, each with its JSON path: its shape (unknown
 * keys included), CLM keys the template does not have, required template fields left unfilled,
 * attributes and navigation properties Dataverse does not have, and types that cannot become the
 * CLM field's type. A well-formed section is checked even when another one is broken.
 */
import { incompatibility, literalProblem } from './compatibility';
import { placeholdersOf } from './contract-name';
import { type MappingProblem, shapeProblem } from './errors';
import { type DataverseMetadata, type EntityInfo, findAttribute } from './metadata';
import { canonicalNavigation, normalizeSource, signatoryNavigation, splitPath } from './paths';
import { issuesToProblems, type Mapping, mappingSections, type RelatedBlock, SUPPORTED_TRIGGER_ENTITIES, type ValueSource } from './schema';
import { fieldsByKey, type TemplateField } from './template';
import { endDateIncompatibility, returnIncompatibility } from './returns';

export interface ValidationResult {
  ok: boolean;
  problems: MappingProblem[];
  /** The parsed mapping, when its shape is right. */
  mapping?: Mapping;
}

type Segments = (string | number)[];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function validateMapping(input: unknown, templateFields: readonly TemplateField[], metadata?: DataverseMetadata): ValidationResult {
  const problems: MappingProblem[] = [];
  let raw = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (e) {
      return { ok: false, problems: [shapeProblem('invalid_shape', [], `not valid JSON: ${(e as Error).message}`)] };
    }
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [shapeProblem('invalid_shape', [], 'a mapping is a JSON object')] };
  }
  const obj = raw as Record<string, unknown>;
  const sectionNames = Object.keys(mappingSections) as (keyof typeof mappingSections)[];
  for (const key of Object.keys(obj)) {
    if (!(sectionNames as string[]).includes(key)) problems.push(shapeProblem('unknown_key', [key], `unknown key "${key}"`));
  }
  const parsed: Record<string, unknown> = {};
  let shapeOk = problems.length === 0;
  for (const name of sectionNames) {
    const r = mappingSections[name].safeParse(obj[name]);
    if (r.success) {
      if (r.data !== undefined) parsed[name] = r.data;
    } else {
      shapeOk = false;
      problems.push(...(obj[name] === undefined ? [shapeProblem('invalid_shape', [name], `"${name}" is required`)] : issuesToProblems(r.error.issues, [name])));
    }
  }
  const mapping = parsed as unknown as Mapping;
  if (typeof mapping.trigger_entity === 'string') {
    new Checker(mapping, templateFields, metadata, problems).run();
  }
  return { ok: problems.length === 0, problems, ...(shapeOk ? { mapping } : {}) };
}

class Checker {
  private readonly template: Map<string, TemplateField>;
  private readonly filled = new Map<string, Segments>();
  private readonly missingEntities = new Set<string>();

  constructor(
    private readonly mapping: Mapping,
    private readonly templateFields: readonly TemplateField[],
    private readonly metadata: DataverseMetadata | undefined,
    private readonly problems: MappingProblem[],
  ) {
    this.template = fieldsByKey(templateFields);
  }

  run(): void {
    const m = this.mapping;
    const trigger = m.trigger_entity;
    if (!(SUPPORTED_TRIGGER_ENTITIES as readonly string[]).includes(trigger)) {
      this.add('unsupported_trigger', ['trigger_entity'], `"${trigger}" is not supported: use ${SUPPORTED_TRIGGER_ENTITIES.map((t) => `"${t}"`).join(' or ')}`);
    }
    for (const [key, source] of Object.entries(m.fields ?? {})) this.source(key, source, ['fields', key], trigger);
    this.related(m.relatedEntities, [], trigger);
    for (const [key, c] of Object.entries(m.collections ?? {})) this.collection(key, c, trigger);
    for (const [key, f] of Object.entries(m.fixedFieldMappings ?? {})) this.fixed(key, f);
    for (const [key, value] of Object.entries(m.constants ?? {})) {
      const field = this.clmField(key, ['constants', key]);
      if (!field) continue;
      const p = literalProblem(value, field);
      if (p) this.add('invalid_literal', ['constants', key], p, key);
    }
    (m.signatories ?? []).forEach((s, i) => this.signatory(s, i, trigger));
    if (m.contractName) {
      for (const p of placeholdersOf(m.contractName)) this.path(p, ['contractName'], trigger);
    }
    if (m.returns) this.returns(m.returns, trigger);
    for (const f of this.templateFields) {
      if (f.required && !this.filled.has(f.key)) {
        this.add(
          'required_unmapped',
          [f.type === 'table' ? 'collections' : 'fields', f.key],
          `${f.label} (${f.key}) is required by the template: map it, or give it a constant`,
          f.key,
        );
      }
    }
  }

  private add(code: MappingProblem['code'], segments: Segments, message: string, fieldKey?: string): void {
    this.problems.push(shapeProblem(code, segments, message, fieldKey));
  }

  private entity(name: string | undefined, segments: Segments): EntityInfo | undefined {
    if (!name || !this.metadata) return undefined;
    const info = this.metadata.entities[name];
    if (!info && !this.missingEntities.has(name)) {
      this.missingEntities.add(name);
      this.add('unknown_entity', segments, `Dataverse has no table "${name}"`);
    }
    return info;
  }

  /** Marks a CLM key as filled, reporting keys the template lacks and keys filled twice. */
  private clmField(key: string, segments: Segments): TemplateField | undefined {
    const field = this.template.get(key);
    if (!field) {
      this.add('unknown_template_field', segments, `the template has no field "${key}"`, key);
      return undefined;
    }
    const before = this.filled.get(key);
    if (before) this.add('invalid_shape', segments, `${key} is already filled at ${shapeProblem('invalid_shape', before, '').path}`, key);
    else this.filled.set(key, segments);
    return field;
  }

  /** Follows navigation properties from `entity`; returns the last table, or undefined when unknown. */
  private navigate(entity: string, navigation: readonly string[], segments: Segments): { entity?: string; ok: boolean } {
    let current: string | undefined = entity;
    for (const nav of navigation) {
      const info = this.entity(current, segments);
      if (!info) return { ok: !this.metadata };
      const target: string | undefined = info.singleValued[canonicalNavigation(nav)]?.target;
      if (!target) {
        const hint = info.collectionValued[nav] ? ' (it is a one-to-many relationship: use "collections")' : '';
        this.add('unknown_navigation', segments, `${current} has no lookup navigation property "${nav}"${hint}`);
        return { ok: false };
      }
      current = target;
    }
    return { entity: current, ok: true };
  }

  private attribute(entity: string | undefined, name: string, segments: Segments) {
    const info = this.entity(entity, segments);
    if (!info) return undefined;
    const attr = findAttribute(info, name);
    if (!attr) this.add('unknown_attribute', segments, `${entity} has no column "${name}"`);
    return attr;
  }

  /** A `{path}` or signatory column: only existence matters. */
  private path(path: string, segments: Segments, entity: string): void {
    const { navigation, attribute } = splitPath(path);
    const nav = this.navigate(entity, navigation, segments);
    if (nav.ok && nav.entity) this.attribute(nav.entity, attribute, segments);
  }

  private source(key: string, source: ValueSource, segments: Segments, entity: string): void {
    const field = this.clmField(key, segments);
    const s = normalizeSource(source);
    if (field?.type === 'table') this.add('incompatible_type', segments, `${field.label} is a table: fill it from "collections"`, key);
    if (field && s.values) {
      const allowed = new Set((field.options ?? []).map((o) => o.value));
      for (const [from, to] of Object.entries(s.values)) {
        if (!allowed.has(String(to))) this.add('invalid_literal', [...segments, 'values', from], `${field.label} has no option "${String(to)}"`, key);
      }
    }
    if (field && s.hasDefault) {
      const p = literalProblem(s.default, field);
      if (p) this.add('invalid_literal', [...segments, 'default'], p, key);
    }
    const nav = this.navigate(entity, s.navigation, segments);
    if (!nav.ok || !nav.entity) return;
    const attr = this.attribute(nav.entity, s.attribute, segments);
    if (attr && field && field.type !== 'table') {
      const why = incompatibility(attr, field, s);
      if (why) this.add('incompatible_type', segments, why, key);
    }
  }

  private related(blocks: Record<string, RelatedBlock> | undefined, segments: Segments, entity: string): void {
    for (const [nav, block] of Object.entries(blocks ?? {})) {
      const at = [...segments, 'relatedEntities', nav];
      const info = this.entity(entity, at);
      if (info) {
        const target = info.singleValued[canonicalNavigation(nav)]?.target;
        if (!target) {
          const hint = info.collectionValued[nav] ? ' (it is a one-to-many relationship: use "collections")' : '';
          this.add('unknown_navigation', at, `${entity} has no lookup navigation property "${nav}"${hint}`);
          continue;
        }
        if (target !== block.entity) this.add('unknown_navigation', [...at, 'entity'], `${nav} leads to ${target}, not ${block.entity}`);
      }
      for (const [key, source] of Object.entries(block.fields ?? {})) this.source(key, source, [...at, 'fields', key], block.entity);
      this.related(block.relatedEntities, at, block.entity);
    }
  }

  private collection(key: string, c: NonNullable<Mapping['collections']>[string], trigger: string): void {
    const at: Segments = ['collections', key];
    const field = this.clmField(key, at);
    if (field && field.type !== 'table') this.add('incompatible_type', at, `${field.label} is a ${field.type} field; collections fill table fields`, key);
    const info = this.entity(trigger, at);
    if (info) {
      const rel = info.collectionValued[c.relationship];
      if (!rel) this.add('unknown_relationship', [...at, 'relationship'], `${trigger} has no one-to-many relationship "${c.relationship}"`);
      else if (rel.entity !== c.entity) this.add('unknown_relationship', [...at, 'entity'], `${c.relationship} holds ${rel.entity} rows, not ${c.entity}`);
    }
    const columns = fieldsByKey(field?.columns ?? []);
    if (c.orderBy) this.attribute(c.entity, c.orderBy.split(' ')[0], [...at, 'orderBy']);
    for (const [columnKey, source] of Object.entries(c.columns)) {
      const cat = [...at, 'columns', columnKey];
      const column = columns.get(columnKey);
      if (field?.type === 'table' && !column) this.add('unknown_template_field', cat, `the table ${field.label} has no column "${columnKey}"`, key);
      const s = normalizeSource(source);
      if (s.navigation.length) {
        // $orderby/$top are not supported with a nested $expand in a collection (limits.ts).
        this.add(
          'unsupported_path',
          cat,
          `a row column is read on the row itself; for a lookup's name use { "attribute": "${s.navigation[0]}", "as": "label" }`,
          key,
        );
        continue;
      }
      if (column && s.hasDefault) {
        const p = literalProblem(s.default, column);
        if (p) this.add('invalid_literal', [...cat, 'default'], p, key);
      }
      const attr = this.attribute(c.entity, s.attribute, cat);
      if (attr && column) {
        const why = incompatibility(attr, column, s);
        if (why) this.add('incompatible_type', cat, why, key);
      }
    }
  }

  private fixed(key: string, f: NonNullable<Mapping['fixedFieldMappings']>[string]): void {
    const at: Segments = ['fixedFieldMappings', key];
    const field = this.clmField(key, at);
    if (!GUID.test(f.id)) this.add('invalid_id', [...at, 'id'], `"${f.id}" is not a record id (a GUID such as 00000000-0000-0000-0000-000000000001)`, key);
    const attr = this.attribute(f.entity, f.attribute, [...at, 'attribute']);
    if (attr && field) {
      const why = incompatibility(attr, field, {});
      if (why) this.add('incompatible_type', at, why, key);
    }
  }

  /**
   * `returns` reads CLM fields back, so its keys are looked up in the template without counting as
   * filled; every column must exist on the trigger entity, be writable, and take the field's type.
   */
  private returns(r: NonNullable<Mapping['returns']>, trigger: string): void {
    for (const [column, key] of Object.entries(r.fields ?? {})) {
      const at: Segments = ['returns', 'fields', column];
      const field = this.template.get(key);
      if (!field) this.add('unknown_template_field', at, `the template has no field "${key}"`, key);
      const attr = this.attribute(trigger, column, at);
      if (attr && field) {
        const why = returnIncompatibility(attr, field);
        if (why) this.add('incompatible_type', at, why, key);
      }
    }
    if (r.endDate) {
      const field = this.template.get(r.endDate);
      if (!field) this.add('unknown_template_field', ['returns', 'endDate'], `the template has no field "${r.endDate}"`, r.endDate);
      else {
        const why = endDateIncompatibility(field);
        if (why) this.add('incompatible_type', ['returns', 'endDate'], why, r.endDate);
      }
    }
    if (r.renewalNoticeDays !== undefined && !r.endDate) {
      this.add('invalid_shape', ['returns', 'renewalNoticeDays'], 'a renewal task needs an end date: name the CLM field in "endDate"');
    }
  }

  private signatory(s: NonNullable<Mapping['signatories']>[number], i: number, trigger: string): void {
    const at: Segments = ['signatories', i];
    const nav = this.navigate(trigger, signatoryNavigation(s.from), [...at, 'from']);
    if (!nav.ok || !nav.entity) return;
    for (const k of ['firstName', 'lastName', 'email', 'phone'] as const) {
      const attribute = s[k];
      if (attribute) this.attribute(nav.entity, attribute, [...at, k]);
    }
  }
}
