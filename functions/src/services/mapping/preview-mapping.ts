/**
 * previewMapping: what a contract request would send, without sending anything. It checks the
 * mapping, compiles its read plan (cached), reads the record as the calling user, and converts it:
 * `{ name, fields, signatories, errors }`. The request-contract service reads the same way.
 */
import {
  addAnswer,
  type Answer,
  type Conversion,
  convertRecord,
  type DataverseMetadata,
  emptyGraph,
  entitiesToLoad,
  type MappingProblem,
  type ReadPlan,
  ReadPlanCache,
  type RecordGraph,
  type RecordRequest,
  resolveId,
  shapeProblem,
  type TemplateField,
  validateMapping,
} from '../../domain/mapping';
import type { Caller, MetadataReader, ReadyRequest, RecordReader, UserContextReader } from '../ports';

export interface PreviewDeps {
  records: RecordReader;
  metadata: MetadataReader;
  userContext: UserContextReader;
  /** Shared across calls so that a mapping compiles once. */
  planCache?: ReadPlanCache;
}

export interface PreviewInput {
  mapping: unknown;
  template: { name: string; fields: readonly TemplateField[] };
  recordId: string;
  caller: Caller;
}

export interface Preview extends Conversion {
  /** Notes of the read plan (splits, aliases), for the admin page. */
  planNotes: string[];
  requests: number;
}

const defaultCache = new ReadPlanCache();

/** Loads the metadata of every table the mapping reaches, following paths one table at a time. */
export async function metadataFor(mapping: Parameters<typeof entitiesToLoad>[0], reader: MetadataReader): Promise<DataverseMetadata> {
  const merged: DataverseMetadata = { entities: {} };
  const versions: string[] = [];
  // A path of n lookups needs at most n rounds; stop when nothing new is needed.
  for (let round = 0; round < 20; round++) {
    const missing = entitiesToLoad(mapping, merged).filter((e) => !versions.includes(`?${e}`));
    if (missing.length === 0) break;
    const loaded = await reader.load(missing);
    Object.assign(merged.entities, loaded.entities);
    if (loaded.version) versions.push(loaded.version);
    missing.filter((e) => !loaded.entities[e]).forEach((e) => versions.push(`?${e}`));
  }
  merged.version = versions.join('|') || undefined;
  return merged;
}

/** Runs a plan's requests: those that need no earlier answer together, then the others in order. */
async function readPlan(plan: ReadPlan, recordId: string, reader: RecordReader, caller: Caller): Promise<RecordGraph & { triggerFound: boolean }> {
  const graph = emptyGraph();
  let triggerFound = false;
  const ready = (r: RecordRequest): { request: RecordRequest; id: string } | undefined => {
    const id = resolveId(r.id, recordId, graph);
    return id ? { request: r, id } : undefined;
  };
  const toReady = (i: number): ReadyRequest | undefined => {
    const r = plan.requests[i];
    if (r.kind === 'batch') return { kind: 'batch', parts: r.parts.map((p) => ready(p)!).filter(Boolean) };
    const one = ready(r);
    return one ? { kind: 'record', ...one } : undefined;
  };
  const independent = plan.requests.map((r, i) => ({ r, i })).filter(({ r }) => r.kind === 'batch' || r.id.kind !== 'fromGraph');
  const answers = await Promise.all(independent.map(({ i }) => read(toReady(i))));
  independent.forEach(({ r }, k) => {
    if (r.kind === 'record' && r.id.kind === 'trigger' && answers[k]) triggerFound = true;
    addAnswer(graph, r, answers[k]);
  });
  for (const [i, r] of plan.requests.entries()) {
    if (r.kind === 'record' && r.id.kind === 'fromGraph') addAnswer(graph, r, await read(toReady(i)));
  }
  return { ...graph, triggerFound };

  async function read(req: ReadyRequest | undefined): Promise<Answer> {
    return req ? reader.read(req, caller) : null; // an empty lookup: nothing to read
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Problems that would make Dataverse refuse the read itself (400): reported instead of reading. */
const BLOCKS_READING: ReadonlySet<MappingProblem['code']> = new Set([
  'unknown_entity',
  'unknown_navigation',
  'unknown_attribute',
  'unknown_relationship',
  'invalid_id',
  'unsupported_path',
]);

const nothing = (errors: MappingProblem[], planNotes: string[] = []): Preview => ({ name: '', fields: {}, signatories: [], errors, planNotes, requests: 0 });

export async function previewMapping(input: PreviewInput, deps: PreviewDeps): Promise<Preview> {
  const cache = deps.planCache ?? defaultCache;
  const shapeOnly = validateMapping(input.mapping, input.template.fields);
  if (!shapeOnly.mapping) return nothing(shapeOnly.problems);
  if (!GUID.test(input.recordId)) return nothing([shapeProblem('invalid_id', [], `"${input.recordId}" is not a record id`)]);
  const mapping = shapeOnly.mapping;
  const [metadata, ctx] = await Promise.all([metadataFor(mapping, deps.metadata), deps.userContext.contextOf(input.caller)]);
  const checked = validateMapping(mapping, input.template.fields, metadata);
  if (checked.problems.some((p) => BLOCKS_READING.has(p.code))) return nothing(checked.problems);
  const plan = cache.get(mapping, { metadata, templateFields: input.template.fields });
  const graph = await readPlan(plan, input.recordId, deps.records, input.caller);
  if (!graph.triggerFound) {
    const what = metadata.entities[mapping.trigger_entity]?.displayName ?? mapping.trigger_entity;
    return nothing(
      [
        {
          ...shapeProblem('record_not_found', ['trigger_entity'], `The ${what} ${input.recordId} cannot be read (missing, or you may not see it)`),
          kind: 'data',
        },
      ],
      plan.notes,
    );
  }
  const result = convertRecord({ mapping, templateFields: input.template.fields, graph, metadata, ctx: { ...ctx, templateName: input.template.name } });
  // The mapping's own problems come first, then what this record's values could not fill (without repeats).
  const seen = new Set(checked.problems.map((p) => `${p.code} ${p.path}`));
  const errors: MappingProblem[] = [...checked.problems, ...result.errors.filter((e) => !seen.has(`${e.code} ${e.path}`))];
  return { ...result, errors, planNotes: plan.notes, requests: plan.requests.length };
}
