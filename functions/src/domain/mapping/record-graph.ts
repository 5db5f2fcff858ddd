/**
 * The answers of a plan's requests put back together: the trigger record with its expanded
 * records inline (as one unsplit request would have returned it), and the fixed records by id.
 */
import type { ExpandNode, PlannedRequest, ReadPlan, RecordId, RecordRequest } from './read-plan';
import { orderRows } from './collection-order';

export type JsonRecord = Record<string, unknown>;

export interface RecordGraph {
  trigger: JsonRecord;
  /** Fixed records by `entity:id` (id lower-cased); null when it could not be read. */
  fixed: Map<string, JsonRecord | null>;
}

export const fixedKey = (entity: string, id: string): string => `${entity}:${id.toLowerCase()}`;

export function asRecord(value: unknown): JsonRecord | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonRecord) : null;
}

/** The record at a navigation path from the trigger, or null when a step is empty. */
export function recordAt(root: JsonRecord, path: readonly string[]): JsonRecord | null {
  let current: JsonRecord | null = root;
  for (const nav of path) {
    current = current ? asRecord(current[nav]) : null;
    if (!current) return null;
  }
  return current;
}

function merge(into: JsonRecord, from: JsonRecord): void {
  for (const [k, v] of Object.entries(from)) {
    const existing = asRecord(into[k]);
    const incoming = asRecord(v);
    if (existing && incoming) merge(existing, incoming);
    else if (!(k in into) || v !== null) into[k] = v;
  }
}

/** The id a request reads, once the requests before it have answered. Undefined: nothing to read (an empty lookup). */
export function resolveId(id: RecordId, triggerId: string, graph: RecordGraph): string | undefined {
  switch (id.kind) {
    case 'trigger':
      return triggerId;
    case 'literal':
      return id.value;
    case 'fromGraph': {
      const v = recordAt(graph.trigger, id.path)?.[id.attribute];
      return typeof v === 'string' ? v : undefined;
    }
  }
}

/** An answer of one request: a record, null (not found / not readable), or for a $batch one per part. */
export type Answer = JsonRecord | null | (JsonRecord | null)[];

export function emptyGraph(): RecordGraph {
  return { trigger: {}, fixed: new Map() };
}

/** Orders and cuts, in place, the collections the request left to the connector (`collection.local`). */
function orderCollections(nodes: readonly ExpandNode[], record: JsonRecord): void {
  for (const node of nodes) {
    const value = record[node.navigation];
    if (Array.isArray(value)) {
      const rows = value.map(asRecord).filter((x): x is JsonRecord => x !== null);
      if (node.collection?.local) record[node.navigation] = orderRows(rows, node.collection.local);
      if (node.expand.length) rows.forEach((row) => orderCollections(node.expand, row));
    } else {
      const inner = asRecord(value);
      if (inner && node.expand.length) orderCollections(node.expand, inner);
    }
  }
}

/** Adds one request's answer to the graph (call in plan order). */
export function addAnswer(graph: RecordGraph, request: PlannedRequest, answer: Answer): void {
  const place = (r: RecordRequest, a: JsonRecord | null) => {
    if (r.purpose === 'fixed') {
      if (r.id.kind === 'literal') graph.fixed.set(fixedKey(r.entity, r.id.value), a);
      return;
    }
    if (!a) return;
    orderCollections(r.expand, a);
    if (r.attachAt.length === 0) return merge(graph.trigger, a);
    const parent = recordAt(graph.trigger, r.attachAt.slice(0, -1));
    const last = r.attachAt[r.attachAt.length - 1];
    if (!parent) return;
    const existing = asRecord(parent[last]);
    if (existing) merge(existing, a);
    else parent[last] = a;
  };
  if (request.kind === 'batch') {
    const parts = Array.isArray(answer) ? answer : [];
    request.parts.forEach((p, i) => place(p, asRecord(parts[i])));
  } else {
    place(request, asRecord(Array.isArray(answer) ? null : answer));
  }
}

export function assembleGraph(plan: ReadPlan, answers: readonly Answer[]): RecordGraph {
  const graph = emptyGraph();
  plan.requests.forEach((r, i) => addAnswer(graph, r, answers[i] ?? null));
  return graph;
}
