/**
 * A mapping compiles once: the plan is kept under a hash of the mapping's JSON (keys sorted, so
 * that re-saving the same mapping with keys in another order hits), of the template field types
 * it depends on and of the metadata version, until one of them changes.
 */
import { compileReadPlan, type ReadPlan } from './read-plan';
import type { ReadOptions } from './reads';
import type { Mapping } from './schema';

/** JSON with object keys sorted at every level: equal mappings give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** cyrb53: a fast 53-bit string hash (pure JS; the domain does no I/O and loads no crypto). */
function hash53(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

const metadataIds = new WeakMap<object, string>();
let nextMetadataId = 0;
/** Metadata without a `version` is told apart by identity: a new object is new metadata. */
function metadataVersion(options: ReadOptions): string {
  const m = options.metadata;
  if (!m) return 'none';
  if (m.version) return `v:${m.version}`;
  let id = metadataIds.get(m);
  if (!id) metadataIds.set(m, (id = `o:${++nextMetadataId}`));
  return id;
}

function planKey(mapping: Mapping, options: ReadOptions = {}): { hash: string; text: string } {
  const text = canonicalJson({
    mapping,
    fieldTypes: (options.templateFields ?? []).map((f) => [f.key, f.type, (f.columns ?? []).map((c) => [c.key, c.type])]),
    metadataVersion: metadataVersion(options),
  });
  return { hash: hash53(text), text };
}

export class ReadPlanCache {
  private readonly entries = new Map<string, { text: string; plan: ReadPlan }>();
  compilations = 0;

  constructor(private readonly maxEntries = 200) {}

  get(mapping: Mapping, options: ReadOptions = {}): ReadPlan {
    const { hash, text } = planKey(mapping, options);
    const hit = this.entries.get(hash);
    // The full text is compared too: a hash collision must never hand out another mapping's plan.
    if (hit && hit.text === text) {
      this.entries.delete(hash);
      this.entries.set(hash, hit); // most recently used last
      return hit.plan;
    }
    const plan = compileReadPlan(mapping, options);
    this.compilations++;
    this.entries.set(hash, { text, plan });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return plan;
  }

  get size(): number {
    return this.entries.size;
  }
}
