/**
 * Compiles a mapping into the fewest Web API requests: one GET for the trigger record with every
 * related block, path, signatory source and collection as (nested) $expand, plus at most one
 * request (a single GET, or one $batch) for all fixed field mappings. Where one query would pass a
 * Dataverse limit (limits.ts), the trigger read splits into the fewest requests that fit, and the
 * plan says so in `notes`.
 */
import { MAX_BATCH_REQUESTS, MAX_EXPANDS_PER_QUERY, MAX_URL_LENGTH, URL_BASE_ALLOWANCE } from './limits';
import { type DataverseMetadata, primaryIdOf } from './metadata';
import { collectReads, CURRENCY_CODE_ATTRIBUTE, CURRENCY_NAVIGATION, type MappingReads, type ReadOptions } from './reads';
import type { Mapping } from './schema';
import { parseOrderBy, type LocalOrder } from './collection-order';

export interface ExpandNode {
  navigation: string;
  /** Logical name of the expanded table, when known. */
  entity?: string;
  select: string[];
  expand: ExpandNode[];
  /**
   * Collection-valued expands only. `orderBy`/`top` are sent to Dataverse; `local` replaces them when
   * the request nests (Dataverse then refuses them and pages the rows): the rows are ordered and cut
   * by the connector (collection-order.ts) once every page was read through `<name>@odata.nextLink`.
   */
  collection?: { filter?: string; orderBy?: string; top?: number; local?: LocalOrder };
}

export type RecordId =
  | { kind: 'trigger' }
  | { kind: 'literal'; value: string }
  /** The id of a record read by an earlier request: the `attribute` of the record at `path` from the trigger. */
  | { kind: 'fromGraph'; path: string[]; attribute: string };

export interface RecordRequest {
  kind: 'record';
  purpose: 'trigger' | 'fixed';
  /** Logical name; the adapter turns it into the entity set (`quote` -> `quotes`). */
  entity: string;
  id: RecordId;
  select: string[];
  expand: ExpandNode[];
  /** Where the answer belongs: [] is the trigger record itself, else the navigation path to the record. */
  attachAt: string[];
}

interface BatchRequest {
  kind: 'batch';
  purpose: 'fixed';
  parts: RecordRequest[];
}

export type PlannedRequest = RecordRequest | BatchRequest;

export interface ReadPlan {
  triggerEntity: string;
  requests: PlannedRequest[];
  /** Why the plan has more requests than the ideal (limits passed), and aliases applied. */
  notes: string[];
}

/** Mutable tree while compiling. */
interface Builder {
  entity?: string;
  select: Set<string>;
  children: Map<string, Builder>;
  collection?: ExpandNode['collection'];
}

const newBuilder = (entity?: string): Builder => ({ entity, select: new Set(), children: new Map() });

function child(b: Builder, navigation: string, entity: string | undefined): Builder {
  let c = b.children.get(navigation);
  if (!c) {
    c = newBuilder(entity);
    b.children.set(navigation, c);
  } else if (!c.entity && entity) c.entity = entity;
  return c;
}

function buildTree(reads: MappingReads, metadata: DataverseMetadata | undefined): Builder {
  const root = newBuilder(reads.triggerEntity);
  const currencyOn = (b: Builder) => child(b, CURRENCY_NAVIGATION, 'transactioncurrency').select.add(CURRENCY_CODE_ATTRIBUTE);
  for (const r of reads.attributes) {
    let b = root;
    r.navigation.forEach((nav, i) => (b = child(b, nav, r.entities[i])));
    b.select.add(r.property);
    if (r.money) currencyOn(b);
  }
  for (const c of reads.collections) {
    const b = child(root, c.relationship, c.entity);
    c.properties.forEach((p) => b.select.add(p));
    b.collection = { filter: c.filter, orderBy: c.orderBy, top: c.top };
    // Collection rows carry their parent's currency (a quote line's is the quote's): read it once, on the trigger.
    if (c.money) currencyOn(root);
  }
  // A record reached only on the way to another must still $select something, or Dataverse returns every column.
  const fillEmpty = (b: Builder) => {
    for (const c of b.children.values()) {
      if (c.select.size === 0 && c.entity) c.select.add(primaryIdOf(c.entity, metadata));
      fillEmpty(c);
    }
  };
  fillEmpty(root);
  return root;
}

function toNode(navigation: string, b: Builder): ExpandNode {
  const node: ExpandNode = {
    navigation,
    select: [...b.select].sort(),
    expand: [...b.children.entries()].sort(([a], [c]) => a.localeCompare(c)).map(([n, c]) => toNode(n, c)),
  };
  if (b.entity) node.entity = b.entity;
  if (b.collection) node.collection = stripUndefined(b.collection);
  return node;
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Number of $expand options a node costs, nested ones included. */
export function expandCount(nodes: readonly ExpandNode[]): number {
  return nodes.reduce((n, e) => n + 1 + expandCount(e.expand), 0);
}

function renderExpand(node: ExpandNode): string {
  const opts: string[] = [];
  if (node.select.length) opts.push(`$select=${node.select.join(',')}`);
  if (node.collection?.filter) opts.push(`$filter=${node.collection.filter}`);
  if (node.collection?.orderBy) opts.push(`$orderby=${node.collection.orderBy}`);
  if (node.collection?.top !== undefined) opts.push(`$top=${node.collection.top}`);
  if (node.expand.length) opts.push(`$expand=${node.expand.map(renderExpand).join(',')}`);
  return opts.length ? `${node.navigation}(${opts.join(';')})` : node.navigation;
}

/** The query string of a record request (`$select=...&$expand=...`), unencoded, as Microsoft's docs write it. */
export function renderQuery(req: Pick<RecordRequest, 'select' | 'expand'>): string {
  const parts: string[] = [];
  if (req.select.length) parts.push(`$select=${req.select.join(',')}`);
  if (req.expand.length) parts.push(`$expand=${req.expand.map(renderExpand).join(',')}`);
  return parts.join('&');
}

/** Length of the URL path+query once percent-encoded, with room for a 36-character id and a long entity set name. */
function encodedLength(select: string[], expand: ExpandNode[]): number {
  return encodeURI(renderQuery({ select, expand })).length + 36 + 64;
}

const URL_BUDGET = MAX_URL_LENGTH - URL_BASE_ALLOWANCE;

interface Root {
  entity: string;
  id: RecordId;
  select: string[];
  expand: ExpandNode[];
  attachAt: string[];
}

interface Cut {
  /** Navigation path (from the trigger) of the record whose branches are read in a later request. */
  path: string[];
  entity: string;
  branches: ExpandNode[];
}

/**
 * Keeps as much of a branch as `budget` $expand options allow, deepest first along the biggest
 * child; what does not fit is cut off and read later from the last kept record, by its id.
 */
function trim(node: ExpandNode, budget: number, path: string[], metadata: DataverseMetadata | undefined, cuts: Cut[]): ExpandNode {
  let remaining = budget - 1;
  const kept: ExpandNode[] = [];
  const cutHere: ExpandNode[] = [];
  const children = [...node.expand].sort((a, b) => expandCount([a]) - expandCount([b]));
  for (const c of children) {
    const cost = expandCount([c]);
    if (cost <= remaining) {
      kept.push(c);
      remaining -= cost;
    } else if (remaining >= 1 && c.entity && !c.collection && c.expand.length) {
      const partial = trim(c, remaining, [...path, c.navigation], metadata, cuts);
      kept.push(partial);
      remaining -= expandCount([partial]);
    } else {
      cutHere.push(c);
    }
  }
  let select = node.select;
  if (cutHere.length && node.entity) {
    const idAttribute = primaryIdOf(node.entity, metadata);
    if (!select.includes(idAttribute)) select = [...select, idAttribute].sort();
    cuts.push({ path, entity: node.entity, branches: cutHere });
  }
  return { ...node, select, expand: sortNodes(kept) };
}

/**
 * Packs a record's expand branches into the fewest requests that stay within the limits
 * (first-fit decreasing). A branch that alone passes the limit keeps what fits; the rest is read
 * from the last record kept, by its id, once the earlier request has returned that id.
 */
function pack(root: Root, metadata: DataverseMetadata | undefined, notes: string[]): RecordRequest[] {
  const fits = (select: string[], expand: ExpandNode[]) => expandCount(expand) <= MAX_EXPANDS_PER_QUERY && encodedLength(select, expand) <= URL_BUDGET;
  const make = (select: string[], expand: ExpandNode[]): RecordRequest => ({
    kind: 'record',
    purpose: 'trigger',
    entity: root.entity,
    id: root.id,
    select,
    expand,
    attachAt: root.attachAt,
  });
  if (fits(root.select, root.expand)) return [make(root.select, root.expand)];

  const where = root.attachAt.length ? root.attachAt.join('.') : root.entity;
  const bins: { select: string[]; expand: ExpandNode[] }[] = [{ select: root.select, expand: [] }];
  const cuts: Cut[] = [];
  const branches = [...root.expand].sort((a, b) => expandCount([b]) - expandCount([a]));
  for (const branch of branches) {
    let placed = branch;
    if (expandCount([branch]) > MAX_EXPANDS_PER_QUERY && branch.entity && !branch.collection) {
      placed = trim(branch, MAX_EXPANDS_PER_QUERY, [...root.attachAt, branch.navigation], metadata, cuts);
      notes.push(
        `${where}.${branch.navigation} needs ${expandCount([branch])} $expand options (limit ${MAX_EXPANDS_PER_QUERY}): its deepest records are read by id in a later request`,
      );
    } else if (!fits([], [branch])) {
      notes.push(`${where}.${branch.navigation} passes a Dataverse query limit on its own and cannot be split further`);
    }
    const bin = bins.find((b) => fits(b.select, [...b.expand, placed]));
    if (bin) bin.expand.push(placed);
    else bins.push({ select: [], expand: [placed] });
  }
  if (bins.length > 1) {
    notes.push(
      `${where}: ${expandCount(root.expand)} $expand options (limit ${MAX_EXPANDS_PER_QUERY} per query) and a ${encodedLength(root.select, root.expand)}-character URL (limit ${URL_BUDGET}) -> split into ${bins.length} requests for the same record`,
    );
  }
  const own = bins.filter((b, i) => i === 0 || b.expand.length > 0).map((b) => make(b.select, sortNodes(b.expand)));
  const later = cuts.flatMap((cut) => {
    const idAttribute = primaryIdOf(cut.entity, metadata);
    return pack(
      {
        entity: cut.entity,
        id: { kind: 'fromGraph', path: cut.path, attribute: idAttribute },
        select: [idAttribute],
        expand: sortNodes(cut.branches),
        attachAt: cut.path,
      },
      metadata,
      notes,
    );
  });
  return [...own, ...later];
}

/** True when a nested `$expand` appears anywhere in the request's query. */
const nestsExpand = (expand: readonly ExpandNode[]): boolean => expand.some((n) => n.expand.length > 0);

/**
 * When the request nests, Dataverse takes only `$select` and `$filter` in a collection's expansion:
 * its `orderBy`/`top` move to `local` and the ordering property is selected so that the rows can be
 * ordered once read. Without nesting the request asks Dataverse, as before.
 */
function orderCollectionsLocally(request: RecordRequest, metadata: DataverseMetadata | undefined): RecordRequest {
  if (!nestsExpand(request.expand)) return request;
  const localize = (node: ExpandNode): ExpandNode => {
    if (!node.collection || (node.collection.orderBy === undefined && node.collection.top === undefined)) {
      return node.expand.length ? { ...node, expand: node.expand.map(localize) } : node;
    }
    const { orderBy, top, ...rest } = node.collection;
    const { property, descending } = parseOrderBy(orderBy);
    const idProperty = primaryIdOf(node.entity ?? '', metadata);
    const local: LocalOrder = { ...(property ? { property } : {}), descending, ...(top !== undefined ? { top } : {}), idProperty };
    const select = [...new Set([...node.select, ...(property ? [property] : []), idProperty])].sort();
    return { ...node, select, collection: { ...rest, local }, expand: node.expand.map(localize) };
  };
  return { ...request, expand: request.expand.map(localize) };
}

function sortNodes(nodes: ExpandNode[]): ExpandNode[] {
  return [...nodes].sort((a, b) => a.navigation.localeCompare(b.navigation));
}

function fixedRequests(reads: MappingReads): PlannedRequest[] {
  const byRecord = new Map<string, RecordRequest>();
  for (const f of reads.fixed) {
    const k = `${f.entity}:${f.id.toLowerCase()}`;
    let r = byRecord.get(k);
    if (!r) {
      r = { kind: 'record', purpose: 'fixed', entity: f.entity, id: { kind: 'literal', value: f.id }, select: [], expand: [], attachAt: [] };
      byRecord.set(k, r);
    }
    if (!r.select.includes(f.property)) r.select.push(f.property);
  }
  const records = [...byRecord.values()];
  records.forEach((r) => r.select.sort());
  if (records.length === 0) return [];
  if (records.length === 1) return records;
  const out: PlannedRequest[] = [];
  for (let i = 0; i < records.length; i += MAX_BATCH_REQUESTS) {
    out.push({ kind: 'batch', purpose: 'fixed', parts: records.slice(i, i + MAX_BATCH_REQUESTS) });
  }
  return out;
}

/** Compiles a shape-valid mapping. Metadata makes lookups read as `_x_value` and fills unknown tables. */
export function compileReadPlan(mapping: Mapping, options: ReadOptions = {}): ReadPlan {
  const reads = collectReads(mapping, options);
  const tree = buildTree(reads, options.metadata);
  const rootNode = toNode('', tree);
  const notes: string[] = [];
  for (const { written, read } of reads.aliases) notes.push(`${written} is read through the Web API navigation property ${read}`);
  const triggerRequests = pack(
    { entity: reads.triggerEntity, id: { kind: 'trigger' }, select: rootNode.select, expand: rootNode.expand, attachAt: [] },
    options.metadata,
    notes,
  ).map((r) => orderCollectionsLocally(r, options.metadata));
  return { triggerEntity: reads.triggerEntity, requests: [...triggerRequests, ...fixedRequests(reads)], notes };
}
