/**
 * Property tests (fast-check) of the bars of the issue:
 * - for any valid mapping, the plan's $select/$expand covers exactly the attributes the mapping reads;
 * - conversion never throws on any Dataverse value of the column's type;
 * - a mapping that passes validateMapping never fails conversion for a reason of shape.
 */
import fc from 'fast-check';
import {
  assembleGraph,
  compileReadPlan,
  convertRecord,
  type ExpandNode,
  MAX_EXPANDS_PER_QUERY,
  expandCount,
  type PlannedRequest,
  type RecordRequest,
  validateMapping,
} from '../../../functions/src/domain/mapping';
import { convertValue, readSourceValue } from '../../../functions/src/domain/mapping/convert';
import type { AttributeInfo, DataverseMetadata } from '../../../functions/src/domain/mapping/metadata';
import type { ClmFieldType, TemplateField } from '../../../functions/src/domain/mapping/template';
import { FV, METADATA } from './fixtures';
import { mustParse } from './helpers';

const RUNS = { numRuns: 60 };
const ZONES = ['Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'];
const LOCALES = ['fr-FR', 'en-US', 'de-DE', 'ja-JP'];
const CLM_TYPES: ClmFieldType[] = ['text', 'multiline', 'number', 'money', 'date', 'datetime', 'boolean', 'choice'];

/** Every (navigation path, attribute) reachable from a table within `depth` lookups, by metadata. */
function reachable(entity: string, depth: number, md: DataverseMetadata, prefix: string[] = []): { nav: string[]; attr: AttributeInfo }[] {
  const info = md.entities[entity];
  if (!info) return [];
  const here = Object.values(info.attributes).map((attr) => ({ nav: prefix, attr }));
  if (depth === 0) return here;
  return [
    ...here,
    ...Object.entries(info.singleValued)
      .filter(([nav]) => nav !== 'transactioncurrencyid')
      .flatMap(([nav, n]) => reachable(n.target, depth - 1, md, [...prefix, nav])),
  ];
}

const QUOTE_PATHS = reachable('quote', 3, METADATA);
const LINE_ATTRS = Object.values(METADATA.entities.quotedetail.attributes);

const sourceOf = (nav: string[], attr: AttributeInfo) => [...nav, attr.logicalName].join('.');
const isLookup = (a: AttributeInfo) => ['Lookup', 'Customer', 'Owner'].includes(a.attributeType);
const webName = (a: AttributeInfo) => (isLookup(a) ? `_${a.logicalName}_value` : a.logicalName);

interface GeneratedMapping {
  fields: { nav: string[]; attr: AttributeInfo }[];
  lines: AttributeInfo[] | undefined;
  top: number;
  signatory: boolean;
  /** customerid_account block (account paths) with a nested primarycontactid block (contact attributes). */
  account: { nav: string[]; attr: AttributeInfo }[] | undefined;
  contact: AttributeInfo[] | undefined;
  fixed: { entity: 'systemuser' | 'account'; id: number; attr: AttributeInfo }[];
  namePath: { nav: string[]; attr: AttributeInfo } | undefined;
}

const ACCOUNT_PATHS = reachable('account', 1, METADATA);
const CONTACT_ATTRS = Object.values(METADATA.entities.contact.attributes);
const FIXED_ATTRS = (['systemuser', 'account'] as const).flatMap((entity) =>
  Object.values(METADATA.entities[entity].attributes).map((attr) => ({ entity, attr })),
);

const mappingArb: fc.Arbitrary<GeneratedMapping> = fc.record({
  fields: fc.array(fc.constantFrom(...QUOTE_PATHS), { maxLength: 25 }),
  lines: fc.option(fc.array(fc.constantFrom(...LINE_ATTRS), { minLength: 1, maxLength: 5 }), { nil: undefined }),
  top: fc.integer({ min: 1, max: 500 }),
  signatory: fc.boolean(),
  account: fc.option(fc.array(fc.constantFrom(...ACCOUNT_PATHS), { maxLength: 6 }), { nil: undefined }),
  contact: fc.option(fc.array(fc.constantFrom(...CONTACT_ATTRS), { maxLength: 4 }), { nil: undefined }),
  fixed: fc.array(
    fc.record({ pick: fc.constantFrom(...FIXED_ATTRS), id: fc.integer({ min: 1, max: 3 }) }).map(({ pick, id }) => ({ ...pick, id })),
    { maxLength: 5 },
  ),
  namePath: fc.option(fc.constantFrom(...QUOTE_PATHS), { nil: undefined }),
});

/** What the mapping reads, computed from the spec of the Web API: `nav/nav:property`. */
function expectedReads(m: GeneratedMapping): Set<string> {
  const out = new Set<string>();
  // The contract name reads its placeholder, or by default the primary name.
  if (m.namePath) out.add(`/${m.namePath.nav.join('/')}:${webName(m.namePath.attr)}`);
  else out.add('/:name');
  for (const p of m.fields) out.add(`/${p.nav.join('/')}:${webName(p.attr)}`);
  if (m.account) for (const p of m.account) out.add(`/${['customerid_account', ...p.nav].join('/')}:${webName(p.attr)}`);
  if (m.account && m.contact) for (const a of m.contact) out.add(`/customerid_account/primarycontactid:${webName(a)}`);
  if (m.lines) for (const a of m.lines) out.add(`/quote_details:${webName(a)}`);
  if (m.signatory) for (const a of ['firstname', 'lastname', 'emailaddress1']) out.add(`/customerid_contact:${a}`);
  return out;
}

function plannedReads(requests: PlannedRequest[]): { reads: Set<string>; idsOnly: Set<string> } {
  const reads = new Set<string>();
  const idsOnly = new Set<string>();
  const walk = (path: string[], select: string[], expand: ExpandNode[]) => {
    for (const s of select) reads.add(`/${path.join('/')}:${s}`);
    for (const e of expand) walk([...path, e.navigation], e.select, e.expand);
  };
  for (const r of requests.filter((r): r is RecordRequest => r.kind === 'record' && r.purpose === 'trigger')) {
    walk(r.attachAt, r.select, r.expand);
    if (r.id.kind === 'fromGraph') idsOnly.add(`/${r.id.path.join('/')}:${r.id.attribute}`);
  }
  return { reads, idsOnly };
}

const fixedId = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

function toMapping(m: GeneratedMapping) {
  return {
    trigger_entity: 'quote',
    ...(m.namePath ? { contractName: `Contrat {${sourceOf(m.namePath.nav, m.namePath.attr)}}` } : {}),
    ...(m.account
      ? {
          relatedEntities: {
            customerid_account: {
              entity: 'account',
              fields: Object.fromEntries(m.account.map((p, i) => [`a${i}`, sourceOf(p.nav, p.attr)])),
              ...(m.contact
                ? {
                    relatedEntities: { primarycontactid: { entity: 'contact', fields: Object.fromEntries(m.contact.map((a, i) => [`p${i}`, a.logicalName])) } },
                  }
                : {}),
            },
          },
        }
      : {}),
    ...(m.fixed.length
      ? { fixedFieldMappings: Object.fromEntries(m.fixed.map((f, i) => [`x${i}`, { entity: f.entity, id: fixedId(f.id), attribute: f.attr.logicalName }])) }
      : {}),
    fields: Object.fromEntries(m.fields.map((p, i) => [`f${i}`, sourceOf(p.nav, p.attr)])),
    ...(m.lines
      ? {
          collections: {
            lines: {
              relationship: 'quote_details',
              entity: 'quotedetail',
              top: m.top,
              orderBy: 'lineitemnumber desc',
              columns: Object.fromEntries(m.lines.map((a, i) => [`c${i}`, a.logicalName])),
            },
          },
        }
      : {}),
    ...(m.signatory ? { signatories: [{ from: 'customerid_contact', firstName: 'firstname', lastName: 'lastname', email: 'emailaddress1' }] } : {}),
  };
}

describe('read plan properties', () => {
  it("covers exactly the attributes the mapping reads, within Dataverse's limits", () => {
    fc.assert(
      fc.property(mappingArb, (m) => {
        const plan = compileReadPlan(mustParse(toMapping(m)), { metadata: METADATA });
        const { reads, idsOnly } = plannedReads(plan.requests);
        const expected = expectedReads(m);
        for (const e of expected) expect(reads).toContain(e);
        for (const r of reads) {
          if (expected.has(r) || idsOnly.has(r) || r.endsWith('/transactioncurrencyid:isocurrencycode')) continue;
          // A collection the connector orders itself (the query nests) reads its ordering column and row ids too.
          if (r === '/quote_details:lineitemnumber' || r === '/quote_details:quotedetailid') continue;
          // Otherwise only the id of a record passed through on the way to one the mapping reads,
          // so that Dataverse does not return all its columns.
          const [path, prop] = r.split(':');
          expect(prop).toMatch(/id$/);
          expect([...expected].some((e) => e.startsWith(`${path === '/' ? '' : path}/`))).toBe(true);
        }
        for (const r of plan.requests) if (r.kind === 'record') expect(expandCount(r.expand)).toBeLessThanOrEqual(MAX_EXPANDS_PER_QUERY);
        // Fixed mappings: at most one more request, reading exactly their records and attributes.
        const fixedRequests = plan.requests.filter((r) => r.purpose === 'fixed');
        expect(fixedRequests.length).toBe(m.fixed.length ? 1 : 0);
        const fixedParts = fixedRequests.flatMap((r) => (r.kind === 'batch' ? r.parts : [r]));
        const fixedReads = new Set(fixedParts.flatMap((r) => r.select.map((sel) => `${r.entity}:${(r.id as { value: string }).value}:${sel}`)));
        expect(fixedReads).toEqual(new Set(m.fixed.map((f) => `${f.entity}:${fixedId(f.id)}:${webName(f.attr)}`)));
      }),
      RUNS,
    );
  });
});

/** A value Dataverse could return for a column of this type, with its annotations. */
function valueArb(attr: AttributeInfo): fc.Arbitrary<Record<string, unknown>> {
  const name = webName(attr);
  const withLabel = (v: fc.Arbitrary<unknown>) =>
    fc
      .tuple(v, fc.option(fc.string(), { nil: undefined }))
      .map(([raw, label]) => ({ [name]: raw, ...(label !== undefined && raw !== null ? { [`${name}${FV}`]: label } : {}) }));
  const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 5 });
  const instant = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true });
  switch (attr.attributeType) {
    case 'String':
    case 'Memo':
      return withLabel(nullable(fc.string({ unit: 'grapheme' })));
    case 'Integer':
    case 'Picklist':
    case 'State':
    case 'Status':
      return withLabel(nullable(fc.integer()));
    case 'BigInt':
      return withLabel(nullable(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String)));
    case 'Decimal':
    case 'Double':
    case 'Money':
      return withLabel(nullable(fc.double({ noNaN: true, noDefaultInfinity: true })));
    case 'Boolean':
      return withLabel(nullable(fc.boolean()));
    case 'DateTime':
      return attr.dateTimeBehavior === 'DateOnly'
        ? withLabel(nullable(instant.map((d) => d.toISOString().slice(0, 10))))
        : withLabel(nullable(instant.map((d) => d.toISOString().replace('.000Z', 'Z'))));
    case 'Lookup':
    case 'Customer':
    case 'Owner':
    case 'Uniqueidentifier':
      return withLabel(nullable(fc.uuid()));
    default:
      return withLabel(nullable(fc.string()));
  }
}

const ALL_ATTRS = Object.values(METADATA.entities).flatMap((e) => Object.values(e.attributes));

describe('conversion properties', () => {
  it("never throws on any Dataverse value of the column's type, whatever the CLM type and options", () => {
    const arb = fc.constantFrom(...ALL_ATTRS).chain((attr) =>
      fc.record({
        attr: fc.constant(attr),
        answer: valueArb(attr),
        type: fc.constantFrom<ClmFieldType>(...CLM_TYPES, 'table'),
        as: fc.constantFrom(undefined, 'value', 'label', 'id'),
        format: fc.constantFrom(undefined, 'date', 'datetime', 'number', 'money'),
        values: fc.option(fc.dictionary(fc.string(), fc.string()), { nil: undefined }),
        maxLength: fc.option(fc.nat(20), { nil: undefined }),
        currency: fc.constantFrom(null, 'EUR', 'USD', 'JPY'),
        timeZone: fc.constantFrom(...ZONES),
        locale: fc.constantFrom(...LOCALES),
      }),
    );
    fc.assert(
      fc.property(arb, (c) => {
        const field: TemplateField = { key: 'k', label: 'K', type: c.type, required: false, maxLength: c.maxLength, options: [{ value: 'a', label: 'Á' }] };
        const v = readSourceValue(c.answer, webName(c.attr), c.attr, c.currency);
        const out = convertValue(v, field, { as: c.as as never, format: c.format as never, values: c.values }, { timeZone: c.timeZone, locale: c.locale });
        expect(typeof out.ok).toBe('boolean');
      }),
      { numRuns: 400 },
    );
  });

  it('never fails for a reason of shape once validateMapping accepted the mapping', () => {
    const candidates = reachable('quote', 2, METADATA).filter((p) => p.attr.attributeType !== 'Uniqueidentifier');
    const arb = fc.record({
      fields: fc.array(fc.record({ path: fc.constantFrom(...candidates), type: fc.constantFrom(...CLM_TYPES), required: fc.boolean() }), { maxLength: 12 }),
      lines: fc.array(fc.record({ attr: fc.constantFrom(...LINE_ATTRS), type: fc.constantFrom(...CLM_TYPES) }), { maxLength: 4 }),
      seed: fc.integer(),
      timeZone: fc.constantFrom(...ZONES),
    });
    fc.assert(
      fc.property(arb, (g) => {
        const template: TemplateField[] = g.fields.map((f, i) => ({
          key: `f${i}`,
          label: `F${i}`,
          type: f.type,
          required: f.required,
          options: [{ value: 'x', label: 'X' }],
        }));
        template.push({
          key: 'lines',
          label: 'Lines',
          type: 'table',
          required: false,
          columns: g.lines.map((l, i) => ({ key: `c${i}`, label: `C${i}`, type: l.type, required: false })),
        });
        const raw = {
          trigger_entity: 'quote',
          fields: Object.fromEntries(g.fields.map((f, i) => [`f${i}`, sourceOf(f.path.nav, f.path.attr)])),
          collections: {
            lines: { relationship: 'quote_details', entity: 'quotedetail', columns: Object.fromEntries(g.lines.map((l, i) => [`c${i}`, l.attr.logicalName])) },
          },
        };
        // Keep what validateMapping accepts: drop each field or column it reports.
        const first = validateMapping(raw, template, METADATA);
        for (const p of first.problems) {
          const m = /^\$\.fields\.(f\d+)$/.exec(p.path) ?? /^\$\.collections\.lines\.columns\.(c\d+)$/.exec(p.path);
          if (m) {
            delete (raw.fields as Record<string, unknown>)[m[1]];
            delete (raw.collections.lines.columns as Record<string, unknown>)[m[1]];
            const dropped = template.find((f) => f.key === m[1]);
            if (dropped) dropped.required = false;
          }
          if (p.code === 'required_unmapped') template.find((f) => f.key === p.fieldKey)!.required = false;
        }
        const checked = validateMapping(raw, template, METADATA);
        expect(checked.problems).toEqual([]);
        const mapping = checked.mapping!;
        const plan = compileReadPlan(mapping, { metadata: METADATA, templateFields: template });
        const answers = plan.requests.map((r) => answerFor(r as RecordRequest, 'quote', g.seed));
        const graph = assembleGraph(plan, answers);
        const result = convertRecord({ mapping, templateFields: template, graph, metadata: METADATA, ctx: { timeZone: g.timeZone, locale: 'fr-FR' } });
        expect(result.errors.filter((e) => e.kind === 'shape')).toEqual([]);
      }),
      RUNS,
    );
  });
});

/** A random record matching a planned request, typed by metadata (deterministic from the seed). */
function answerFor(r: RecordRequest, entity: string, seed: number): Record<string, unknown> {
  let s = seed >>> 0;
  const rand = () => (s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0) / 2 ** 32;
  const sample = (attr: AttributeInfo | undefined, name: string) => {
    const out = fc.sample(attr ? valueArb(attr) : fc.constant({ [name]: 'x' }), { numRuns: 1, seed: Math.floor(rand() * 1e9) })[0];
    return out;
  };
  const record = (ent: string | undefined, select: string[], expand: ExpandNode[]): Record<string, unknown> => {
    const info = ent ? METADATA.entities[ent] : undefined;
    const rec: Record<string, unknown> = {};
    for (const p of select) {
      const attr = info && (info.attributes[p] ?? info.attributes[p.replace(/^_(.+)_value$/, '$1')]);
      Object.assign(rec, sample(attr, p));
    }
    for (const e of expand) {
      if (e.collection) rec[e.navigation] = Array.from({ length: Math.floor(rand() * 4) }, () => record(e.entity, e.select, e.expand));
      else rec[e.navigation] = rand() < 0.2 ? null : record(e.entity ?? info?.singleValued[e.navigation]?.target, e.select, e.expand);
    }
    return rec;
  };
  return record(r.purpose === 'trigger' ? r.entity : entity, r.select, r.expand);
}
