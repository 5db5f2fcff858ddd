/**
 * Mapping benchmark: a 100-field mapping with 3 levels of related records, a 200-row collection
 * and 5 fixed mappings. Prints requests per read (warm and cold, from the emulator's request log;
 * the compiled plan's own count beside them), microseconds to compile
 * the plan, microseconds to convert one record (median of many), and, as the yardstick, the
 * microseconds to JSON.parse the same Dataverse answer in the same run.
 *
 *   npm run bench -- mapping      or      npx tsx bench/mapping.ts
 */
import { setUpDynamicsAsAdmin } from '../sandbox/admin-setup';
import {
  assembleGraph,
  compileReadPlan,
  convertRecord,
  type DataverseAttributeType,
  type DataverseMetadata,
  type EntityInfo,
  parseMapping,
  type PlannedRequest,
  type TemplateField,
  type ClmFieldType,
} from '../functions/src/domain/mapping';
import { dataverseMappingPorts } from '../functions/src/adapters/dataverse';
import { previewMapping } from '../functions/src/services/mapping/preview-mapping';
import { startDataverse } from '../sandbox/dataverse';
import { SEED_IDS } from '../sandbox/dataverse/seed/ids';
import { connectorAppToken, startIdentity } from '../sandbox/identity';
import { demoUser } from '../sandbox/seed/identities';

const FV = '@OData.Community.Display.V1.FormattedValue';

/** Column types cycled through, with the CLM type each fills. */
const KINDS: { type: DataverseAttributeType; clm: ClmFieldType; value: (i: number) => unknown; label?: (i: number) => string }[] = [
  { type: 'String', clm: 'text', value: (i) => `Texte de la clause ${i}, rédigé pour le contrat` },
  { type: 'Money', clm: 'money', value: (i) => 1000 + i * 12.5, label: (i) => `€${(1000 + i * 12.5).toFixed(2)}` },
  { type: 'DateTime', clm: 'date', value: (i) => `2026-03-${String((i % 28) + 1).padStart(2, '0')}T23:30:00Z`, label: () => '3/10/2026 12:30 AM' },
  { type: 'Picklist', clm: 'choice', value: (i) => 100000000 + (i % 3), label: (i) => ['Français', 'English', 'Deutsch'][i % 3] },
  { type: 'Integer', clm: 'number', value: (i) => i * 7, label: (i) => String(i * 7) },
  { type: 'Decimal', clm: 'number', value: (i) => i / 4, label: (i) => (i / 4).toFixed(2) },
  { type: 'Boolean', clm: 'boolean', value: (i) => i % 2 === 0, label: (i) => (i % 2 === 0 ? 'Yes' : 'No') },
  { type: 'Status', clm: 'text', value: () => 1, label: () => 'In Progress' },
];
const OPTIONS = [
  { value: 'fr', label: 'Francais' },
  { value: 'en', label: 'english' },
  { value: 'de', label: 'DEUTSCH' },
];

interface Level {
  entity: string;
  nav?: string;
  fields: number;
}
/** quote -> account -> contact -> systemuser: 3 levels of related records. */
const LEVELS: Level[] = [
  { entity: 'quote', fields: 45 },
  { entity: 'account', nav: 'customerid_account', fields: 20 },
  { entity: 'contact', nav: 'primarycontactid', fields: 15 },
  { entity: 'systemuser', nav: 'owninguser', fields: 14 },
];
const ROWS = 200;
const COLUMNS = 10;
const FIXED = 5;

export function buildMetadata(): DataverseMetadata {
  const entities: Record<string, EntityInfo> = {};
  const add = (name: string, count: number): EntityInfo => {
    const attributes: EntityInfo['attributes'] = {};
    for (let i = 0; i < count; i++) {
      const k = KINDS[i % KINDS.length];
      attributes[`dtx_a${i}`] = {
        logicalName: `dtx_a${i}`,
        attributeType: k.type,
        ...(k.type === 'DateTime' ? { dateTimeBehavior: 'UserLocal' as const } : {}),
        displayName: `Attribute ${i}`,
      };
    }
    attributes.fullname = { logicalName: 'fullname', attributeType: 'String' };
    attributes.name = { logicalName: 'name', attributeType: 'String' };
    return (entities[name] = {
      logicalName: name,
      entitySetName: `${name}s`,
      primaryIdAttribute: `${name}id`,
      primaryNameAttribute: 'name',
      attributes,
      singleValued: {},
      collectionValued: {},
    });
  };
  LEVELS.forEach((l) => add(l.entity, Math.max(l.fields, COLUMNS)));
  add('quotedetail', COLUMNS);
  add('transactioncurrency', 0).attributes.isocurrencycode = { logicalName: 'isocurrencycode', attributeType: 'String' };
  for (let i = 1; i < LEVELS.length; i++) entities[LEVELS[i - 1].entity].singleValued[LEVELS[i].nav!] = { target: LEVELS[i].entity };
  for (const e of Object.values(entities)) e.singleValued.transactioncurrencyid = { target: 'transactioncurrency' };
  entities.quote.collectionValued.quote_details = { entity: 'quotedetail' };
  return { entities, version: 'bench' };
}

export function buildMappingAndTemplate() {
  const template: TemplateField[] = [];
  const fieldsOf = (level: number) => {
    const out: Record<string, string> = {};
    for (let i = 0; i < LEVELS[level].fields; i++) {
      const key = `dt0_l${level}_f${i}`;
      const k = KINDS[i % KINDS.length];
      out[key] = `dtx_a${i}`;
      template.push({ key, label: `Field ${level}.${i}`, type: k.clm, required: i === 0, ...(k.clm === 'choice' ? { options: OPTIONS } : {}) });
    }
    return out;
  };
  type Block = { entity: string; fields: Record<string, string>; relatedEntities?: Record<string, Block> };
  let related: Record<string, Block> | undefined;
  for (let level = LEVELS.length - 1; level >= 1; level--) {
    related = { [LEVELS[level].nav!]: { entity: LEVELS[level].entity, fields: fieldsOf(level), ...(related ? { relatedEntities: related } : {}) } };
  }
  const columns: Record<string, string> = {};
  const columnFields: TemplateField[] = [];
  for (let i = 0; i < COLUMNS; i++) {
    const k = KINDS[i % KINDS.length];
    columns[`c${i}`] = `dtx_a${i}`;
    columnFields.push({ key: `c${i}`, label: `Column ${i}`, type: k.clm, required: false, ...(k.clm === 'choice' ? { options: OPTIONS } : {}) });
  }
  template.push({ key: 'dt0_lignes', label: 'Lignes', type: 'table', required: true, columns: columnFields });
  const fixedFieldMappings: Record<string, { entity: string; id: string; attribute: string }> = {};
  for (let i = 0; i < FIXED; i++) {
    fixedFieldMappings[`dt0_fixed${i}`] = { entity: 'systemuser', id: `00000000-0000-0000-0000-00000000000${i + 1}`, attribute: 'fullname' };
    template.push({ key: `dt0_fixed${i}`, label: `Fixed ${i}`, type: 'text', required: false });
  }
  const mapping = {
    trigger_entity: 'quote',
    contractName: '{name} - {customerid_account.name}',
    fields: fieldsOf(0),
    relatedEntities: related,
    collections: { dt0_lignes: { relationship: 'quote_details', entity: 'quotedetail', orderBy: 'dtx_a4', top: 500, columns } },
    fixedFieldMappings,
  };
  return { mapping, template };
}

/** A record answering the plan, as Dataverse would with every annotation. */
function record(count: number, seed: number): Record<string, unknown> {
  const r: Record<string, unknown> = { name: `Record ${seed}`, fullname: `Person ${seed}` };
  for (let i = 0; i < count; i++) {
    const k = KINDS[i % KINDS.length];
    r[`dtx_a${i}`] = k.value(i + seed);
    if (k.label) r[`dtx_a${i}${FV}`] = k.label(i + seed);
  }
  return r;
}

export function buildAnswerText(): string {
  // Innermost first: systemuser, inside contact, inside account.
  let nested: Record<string, unknown> | undefined;
  for (let level = LEVELS.length - 1; level >= 1; level--) {
    const inner = nested;
    nested = { ...record(LEVELS[level].fields, level), transactioncurrencyid: { isocurrencycode: 'EUR' } };
    if (inner) nested[LEVELS[level + 1].nav!] = inner;
  }
  const top = {
    '@odata.context': 'https://contoso.crm4.dynamics.com/api/data/v9.2/$metadata#quotes(...)/$entity',
    '@odata.etag': 'W/"123456"',
    quoteid: '5eed0016-0000-4000-8000-000000000001',
    ...record(LEVELS[0].fields, 0),
    transactioncurrencyid: { isocurrencycode: 'EUR' },
    customerid_account: nested,
    quote_details: Array.from({ length: ROWS }, (_, i) => ({ '@odata.etag': `W/"${i}"`, quotedetailid: `row-${i}`, ...record(COLUMNS, i) })),
  };
  return JSON.stringify(top);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeUs(fn: () => void, runs: number, warmup: number): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  return Math.round(median(samples) * 10) / 10;
}

/**
 * The seeded quote the bench reads from the emulator: 3 levels of lookups, a 1:N collection and a
 * fixed record (tests/integration/mapping/strict-reads-cases.ts holds the strict emulator to it).
 */
export function emulatorReadCase() {
  const text = (key: string): TemplateField => ({ key, label: key, type: 'text', required: false });
  const lines: TemplateField = { key: 'l', label: 'l', type: 'table', required: false, columns: [text('p')] };
  return {
    mapping: {
      trigger_entity: 'quote',
      fields: { t: 'name' },
      relatedEntities: {
        customerid_account: {
          entity: 'account',
          fields: { a: 'name' },
          relatedEntities: {
            primarycontactid: {
              entity: 'contact',
              fields: { c: 'fullname' },
              relatedEntities: { owninguser: { entity: 'systemuser', fields: { u: 'fullname' } } },
            },
          },
        },
      },
      collections: { l: { relationship: 'quote_details', entity: 'quotedetail', orderBy: 'lineitemnumber', columns: { p: 'productname' } } },
      fixedFieldMappings: { f: { entity: 'systemuser', id: demoUser('admin').systemUserId, attribute: 'fullname' } },
    },
    template: {
      name: 'Bench',
      fields: [text('t'), text('a'), text('c'), text('u'), text('f'), lines],
    },
    recordId: SEED_IDS.quote,
  };
}

/**
 * Requests per read, counted where they arrive: the emulator's request log. The synthetic tables
 * do not exist in the Dataverse emulator, so the read is the demo quote's with the same shape (3
 * levels of related records, its lines, a fixed record). Cold: the first read of a new instance,
 * with its metadata and the caller's settings to fetch; warm: the next read, caches filled.
 * 'unavailable' when the sandbox cannot start.
 */
async function emulatorRequestsPerRead(): Promise<{ cold: number | string; warm: number | string }> {
  try {
    const identity = await startIdentity();
    const dataverse = await startDataverse({ issuer: identity.issuer, jwksUri: identity.jwksUri });
    try {
      await setUpDynamicsAsAdmin({ tokenEndpoint: identity.tokenEndpoint, dataverse });
      const getToken = async () => (await connectorAppToken(identity.tokenEndpoint, dataverse.url)).accessToken;
      const ports = dataverseMappingPorts({ url: dataverse.url, getToken });
      const input = { ...emulatorReadCase(), caller: { callerObjectId: demoUser('rep').objectId } };
      const counted = async (): Promise<number | string> => {
        await fetch(`${dataverse.url}/_sandbox/requests`, { method: 'DELETE' });
        const preview = await previewMapping(input, ports);
        if (preview.errors.length) return 'unavailable';
        const log = (await (await fetch(`${dataverse.url}/_sandbox/requests`)).json()) as unknown[] | { value: unknown[] };
        return Array.isArray(log) ? log.length : log.value.length;
      };
      const cold = await counted(); // fills the metadata and user settings caches
      const warm = await counted();
      return { cold, warm };
    } finally {
      await dataverse.close();
      await identity.close();
    }
  } catch {
    return { cold: 'unavailable', warm: 'unavailable' };
  }
}

export async function run(): Promise<Record<string, number | string>> {
  const metadata = buildMetadata();
  const { mapping: raw, template } = buildMappingAndTemplate();
  const parsed = parseMapping(raw);
  if (!parsed.ok) throw new Error(`bench mapping is not valid: ${JSON.stringify(parsed.problems)}`);
  const mapping = parsed.mapping;
  const fieldCount = template.length;
  const options = { metadata, templateFields: template };
  const plan = compileReadPlan(mapping, options);
  const text = buildAnswerText();
  const fixedAnswer = Array.from({ length: FIXED }, (_, i) => ({ systemuserid: `u${i}`, fullname: `Fixed Person ${i}` }));
  const answers = (answer: unknown) =>
    plan.requests.map((r: PlannedRequest) => (r.purpose === 'fixed' ? (r.kind === 'batch' ? fixedAnswer : fixedAnswer[0]) : answer));
  const ctx = { timeZone: 'Europe/Paris', locale: 'fr-FR', templateName: 'Bench' };

  // Sanity: the conversion really produced the fields (a benchmark of a failing conversion would flatter).
  const check = convertRecord({ mapping, templateFields: template, graph: assembleGraph(plan, answers(JSON.parse(text)) as never), ctx, metadata });
  if (check.errors.length) throw new Error(`bench conversion failed: ${JSON.stringify(check.errors.slice(0, 3))}`);
  if ((check.fields.dt0_lignes as unknown[]).length !== ROWS || Object.keys(check.fields).length !== fieldCount) throw new Error('bench conversion incomplete');

  const compileUs = timeUs(() => compileReadPlan(mapping, options), 300, 30);
  // The graph is rebuilt from a fresh parse outside the timed part (assembling mutates it).
  const parsedAnswers = Array.from({ length: 330 }, () => JSON.parse(text));
  let next = 0;
  const convertUs = timeUs(
    () => {
      const graph = assembleGraph(plan, answers(parsedAnswers[next++]) as never);
      convertRecord({ mapping, templateFields: template, graph, ctx, metadata });
    },
    300,
    30,
  );
  const jsonParseUs = timeUs(() => JSON.parse(text), 300, 30);

  const counted = await emulatorRequestsPerRead();
  return {
    bench: 'mapping',
    requestsPerRead: counted.warm,
    coldRequestsPerRead: counted.cold,
    planRequests: plan.requests.length,
    compileUs,
    convertUs,
    jsonParseUs,
    convertToJsonParse: Math.round((convertUs / jsonParseUs) * 100) / 100,
    fields: fieldCount,
    rows: ROWS,
    answerBytes: text.length,
  };
}

if (require.main === module) {
  run().then(
    (figures) => console.log(JSON.stringify(figures)),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
