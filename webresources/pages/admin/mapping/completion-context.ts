/**
 * What the admin is typing at the cursor, read from the mapping's JSON syntax tree: a CLM field key,
 * a navigation property of the block's entity, an attribute path in a value source, ... and which
 * entity it belongs to (the trigger entity, or the one a relatedEntities / collections key leads
 * to). Pure: the completion source (mapping-completion.ts) turns it into options with the
 * template's fields and Dataverse metadata.
 */
import { jsonLanguage } from '@codemirror/lang-json';
import type { SyntaxNode, Tree } from '@lezer/common';
import type { PathSegment } from './json-path';
import { children, memberOf, rootValue, stringOf, VALUE_NODES } from './json-tree';

/** An entity as the mapping names it: declared by logical name, or reached through a navigation property. */
export type EntityRef = { kind: 'entity'; name: string } | { kind: 'via'; from: EntityRef; navigation: string; many: boolean };

export type CompletionTarget =
  /** A CLM field key (`fields`, `constants`, ... keys); `table` for `collections`, which take table fields only. */
  | { kind: 'fieldKey'; table: boolean }
  /** A column key of the `table` field `field` (a collection's `columns`). */
  | { kind: 'columnKey'; field: string }
  /** A key of the mapping format itself (`trigger_entity`, `fields`, `attribute`, ...). */
  | { kind: 'formatKey'; keys: readonly string[] }
  /** A fixed set of values (`as`, `format`, `trigger_entity`). */
  | { kind: 'literal'; values: readonly string[] }
  /** A single-valued navigation property of `entity` (a relatedEntities key). */
  | { kind: 'navigation'; entity: EntityRef }
  /** A collection-valued navigation property of `entity` (a collection's `relationship`). */
  | { kind: 'relationship'; entity: EntityRef }
  /** An attribute, or a `.`-path through navigation properties, of `entity`; `through` = the parts typed before the last dot. */
  | { kind: 'valuePath'; entity: EntityRef; through: string[] }
  /** A `.`-path of navigation properties only (a signatory's `from`). */
  | { kind: 'navigationPath'; entity: EntityRef; through: string[] }
  /** The logical name of the table a navigation property leads to (a block's `entity`). */
  | { kind: 'targetEntity'; via: EntityRef };

export interface CompletionContext {
  target: CompletionTarget;
  /** The range the chosen option replaces. */
  from: number;
  to: number;
  /** What is typed of the replaced part so far. */
  typed: string;
  /** False where no quotes are typed yet: the option is inserted as a JSON string. */
  quoted: boolean;
}

const ROOT_KEYS = ['trigger_entity', 'contractName', 'fields', 'relatedEntities', 'collections', 'fixedFieldMappings', 'constants', 'signatories', 'returns'];
/** mapping.md `returns`: what the CLM decided, brought back onto the trigger record. */
const RETURNS_KEYS = ['when', 'fields', 'endDate', 'renewalNoticeDays'];
const CONTRACT_STATUSES = ['draft', 'in_validation', 'validated', 'rejected', 'sent_for_signature', 'signed', 'declined', 'expired', 'cancelled'];
const BLOCK_KEYS = ['entity', 'fields', 'relatedEntities'];
const SOURCE_KEYS = ['attribute', 'as', 'values', 'format', 'default'];
const COLLECTION_KEYS = ['relationship', 'entity', 'orderBy', 'top', 'filter', 'columns'];
const FIXED_KEYS = ['entity', 'id', 'attribute'];
const SIGNATORY_KEYS = ['from', 'firstName', 'lastName', 'email', 'phone', 'order'];
const SIGNATORY_ATTRIBUTES = new Set(['firstName', 'lastName', 'email', 'phone']);
const FIELD_KEY_SECTIONS = new Set(['collections', 'fixedFieldMappings', 'constants']);
const TRIGGER_ENTITIES = ['opportunity', 'quote'];

/** The path from the root value to `value` (a value node). Its holder: not named `parent`, which the Power Apps checker reads as the window's. */
function pathOf(value: SyntaxNode, text: string): PathSegment[] | undefined {
  const holder = value.parent;
  if (!holder || holder.name === 'JsonText') return [];
  if (holder.name === 'Property') {
    const key = stringOf(holder.getChild('PropertyName'), text);
    const object = holder.parent;
    const up = object ? pathOf(object, text) : undefined;
    return key === undefined || !up ? undefined : [...up, key];
  }
  if (holder.name === 'Array') {
    const up = pathOf(holder, text);
    const index = children(holder)
      .filter((c) => VALUE_NODES.has(c.name))
      .findIndex((c) => c.from === value.from);
    return up && index >= 0 ? [...up, index] : undefined;
  }
  return undefined;
}

/** The value node at `path`, when the text has it. */
function nodeAt(root: SyntaxNode, path: readonly PathSegment[], text: string): SyntaxNode | undefined {
  let node: SyntaxNode | undefined = root;
  for (const segment of path) node = node && memberOf(node, segment, text)?.value;
  return node;
}

/** Reads the mapping's own declarations (trigger_entity, a block's entity, ...) around the cursor. */
class MappingShape {
  constructor(
    private readonly root: SyntaxNode,
    private readonly text: string,
  ) {}

  string(path: readonly PathSegment[]): string | undefined {
    return stringOf(nodeAt(this.root, path, this.text), this.text);
  }

  trigger(): EntityRef | undefined {
    const name = this.string(['trigger_entity']);
    return name ? { kind: 'entity', name } : undefined;
  }

  /** The entity of a block: the root (trigger) or a relatedEntities block, by its `entity` or its navigation property. */
  block(path: readonly PathSegment[]): EntityRef | undefined {
    if (path.length === 0) return this.trigger();
    const declared = this.string([...path, 'entity']);
    if (declared) return { kind: 'entity', name: declared };
    const outer = this.block(path.slice(0, -2));
    return outer ? { kind: 'via', from: outer, navigation: String(path[path.length - 1]), many: false } : undefined;
  }

  collection(key: string): EntityRef | undefined {
    const declared = this.string(['collections', key, 'entity']);
    if (declared) return { kind: 'entity', name: declared };
    const relationship = this.string(['collections', key, 'relationship']);
    const trigger = this.trigger();
    return relationship && trigger ? { kind: 'via', from: trigger, navigation: relationship, many: true } : undefined;
  }

  /** A signatory's record: `this`, or its `from` path of navigation properties from the trigger record. */
  signatory(index: number): EntityRef | undefined {
    const from = this.string(['signatories', index, 'from']);
    let ref = this.trigger();
    if (!from || from === 'this') return ref;
    for (const navigation of from.split('.')) ref = ref ? { kind: 'via', from: ref, navigation, many: false } : undefined;
    return ref;
  }
}

/** A block path: [] or [...block, 'relatedEntities', nav]. Answers its length when `path` starts with one followed by `rest`. */
function blockPrefix(path: readonly PathSegment[]): number {
  let i = 0;
  while (path[i] === 'relatedEntities' && typeof path[i + 1] === 'string') i += 2;
  return i;
}

function keyTarget(objectPath: PathSegment[], shape: MappingShape): CompletionTarget | undefined {
  const b = blockPrefix(objectPath);
  const block = objectPath.slice(0, b);
  const rest = objectPath.slice(b);
  if (rest.length === 0) return { kind: 'formatKey', keys: b === 0 ? ROOT_KEYS : BLOCK_KEYS };
  if (rest.length === 1 && rest[0] === 'fields') return { kind: 'fieldKey', table: false };
  if (rest.length === 1 && rest[0] === 'relatedEntities') {
    const entity = shape.block(block);
    return entity ? { kind: 'navigation', entity } : undefined;
  }
  if (rest.length === 2 && rest[0] === 'fields') return { kind: 'formatKey', keys: SOURCE_KEYS };
  if (b !== 0) return undefined;
  const [section, key, sub, column] = rest;
  if (rest.length === 1 && FIELD_KEY_SECTIONS.has(String(section))) return { kind: 'fieldKey', table: section === 'collections' };
  if (section === 'collections' && rest.length === 2) return { kind: 'formatKey', keys: COLLECTION_KEYS };
  if (section === 'collections' && sub === 'columns' && rest.length === 3) return { kind: 'columnKey', field: String(key) };
  if (section === 'collections' && sub === 'columns' && column !== undefined && rest.length === 4) return { kind: 'formatKey', keys: SOURCE_KEYS };
  if (section === 'fixedFieldMappings' && rest.length === 2) return { kind: 'formatKey', keys: FIXED_KEYS };
  if (section === 'signatories' && rest.length === 2) return { kind: 'formatKey', keys: SIGNATORY_KEYS };
  if (section === 'returns' && rest.length === 1) return { kind: 'formatKey', keys: RETURNS_KEYS };
  // returns.fields: Dynamics column of the trigger record -> CLM field key (the other way round).
  if (section === 'returns' && key === 'fields' && rest.length === 2) {
    const trigger = shape.trigger();
    return trigger ? { kind: 'valuePath', entity: trigger, through: [] } : undefined;
  }
  return undefined;
}

function splitTyped(typed: string): { through: string[]; last: string } {
  const parts = typed.split('.');
  return { through: parts.slice(0, -1), last: parts[parts.length - 1] };
}

function valueTarget(valuePath: PathSegment[], shape: MappingShape, typed: string): CompletionTarget | undefined {
  const { through } = splitTyped(typed);
  const b = blockPrefix(valuePath);
  const block = valuePath.slice(0, b);
  const rest = valuePath.slice(b);
  const last = rest[rest.length - 1];
  if (b === 0 && rest.length === 1 && last === 'trigger_entity') return { kind: 'literal', values: TRIGGER_ENTITIES };
  if (rest[0] === 'fields' && (rest.length === 2 || (rest.length === 3 && last === 'attribute'))) {
    const entity = shape.block(block);
    return entity ? { kind: 'valuePath', entity, through } : undefined;
  }
  if ((rest[0] === 'fields' && rest.length === 3) || (rest[0] === 'collections' && rest[2] === 'columns' && rest.length === 5)) {
    if (last === 'as') return { kind: 'literal', values: ['value', 'label', 'id'] };
    if (last === 'format') return { kind: 'literal', values: ['date', 'datetime', 'number', 'money'] };
  }
  // A relatedEntities block's own `entity`: where its navigation property leads.
  if (b > 0 && rest.length === 1 && last === 'entity') {
    const outer = shape.block(block.slice(0, -2));
    return outer ? { kind: 'targetEntity', via: { kind: 'via', from: outer, navigation: String(block[block.length - 1]), many: false } } : undefined;
  }
  if (b !== 0) return undefined;
  const [section, key, sub] = rest;
  if (section === 'returns') {
    if (key === 'when' && rest.length === 2) return { kind: 'literal', values: CONTRACT_STATUSES };
    if ((key === 'endDate' && rest.length === 2) || (key === 'fields' && rest.length === 3)) return { kind: 'fieldKey', table: false };
    return undefined;
  }
  if (section === 'collections' && typeof key === 'string') {
    const trigger = shape.trigger();
    if (sub === 'relationship' && rest.length === 3) return trigger ? { kind: 'relationship', entity: trigger } : undefined;
    if (sub === 'entity' && rest.length === 3) {
      const relationship = shape.string(['collections', key, 'relationship']);
      return trigger && relationship ? { kind: 'targetEntity', via: { kind: 'via', from: trigger, navigation: relationship, many: true } } : undefined;
    }
    const entity = shape.collection(key);
    const isSource = (sub === 'columns' && (rest.length === 4 || (rest.length === 5 && last === 'attribute'))) || (sub === 'orderBy' && rest.length === 3);
    return isSource && entity ? { kind: 'valuePath', entity, through } : undefined;
  }
  if (section === 'fixedFieldMappings' && typeof key === 'string' && sub === 'attribute' && rest.length === 3) {
    const name = shape.string(['fixedFieldMappings', key, 'entity']);
    return name ? { kind: 'valuePath', entity: { kind: 'entity', name }, through } : undefined;
  }
  if (section === 'signatories' && typeof key === 'number' && rest.length === 3) {
    const trigger = shape.trigger();
    if (sub === 'from') return trigger ? { kind: 'navigationPath', entity: trigger, through } : undefined;
    const entity = shape.signatory(key);
    if (SIGNATORY_ATTRIBUTES.has(String(sub)) && entity) return { kind: 'valuePath', entity, through };
  }
  return undefined;
}

const WORD = /[A-Za-z0-9_]/;

/** Where the cursor is when it is inside a string that is not closed yet: the text with the quote put back, and the string's start. */
function closeOpenString(text: string, pos: number): { text: string; start: number } | undefined {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const before = text.slice(lineStart, pos);
  const quotes = before.replace(/\\./g, '').split('"').length - 1;
  if (quotes % 2 === 0) return undefined;
  const start = lineStart + before.lastIndexOf('"');
  return { text: `${text.slice(0, pos)}"${text.slice(pos)}`, start };
}

/**
 * The completion context at `pos`, or undefined where nothing is completed (a number, a
 * `contractName` pattern, outside the mapping's structure). `tree` is the text's lezer JSON tree;
 * parsed here when not given.
 */
export function completionContextAt(text: string, pos: number, tree?: Tree): CompletionContext | undefined {
  let source = text;
  let parsed = tree ?? jsonLanguage.parser.parse(text);
  let node = parsed.resolveInner(pos, -1);
  const inString = (n: SyntaxNode) => (n.name === 'String' || n.name === 'PropertyName') && n.from < pos && pos < n.to;
  if (!inString(node)) {
    const open = closeOpenString(text, pos);
    if (open) {
      source = open.text;
      parsed = jsonLanguage.parser.parse(source);
      node = parsed.resolveInner(pos, 1);
    }
  }
  const root = rootValue(parsed);
  if (!root) return undefined;
  const shape = new MappingShape(root, source);

  if (inString(node)) {
    const contentEnd = node.to - 1;
    let end = pos;
    while (end < contentEnd && WORD.test(source[end])) end++;
    const typedAll = source.slice(node.from + 1, pos);
    if (node.name === 'PropertyName') {
      const object = node.parent?.parent;
      const objectPath = object ? pathOf(object, source) : undefined;
      const target = objectPath && keyTarget(objectPath, shape);
      return target ? { target, from: node.from + 1, to: end, typed: typedAll, quoted: true } : undefined;
    }
    const valuePath = pathOf(node, source);
    const target = valuePath && valueTarget(valuePath, shape, typedAll);
    if (!target) return undefined;
    const dotted = target.kind === 'valuePath' || target.kind === 'navigationPath';
    const segmentStart = dotted ? node.from + 1 + typedAll.lastIndexOf('.') + 1 : node.from + 1;
    return { target, from: segmentStart, to: end, typed: source.slice(segmentStart, pos), quoted: true };
  }

  // Between members of an object: a key is expected (no quote typed yet).
  let start = pos;
  while (start > 0 && WORD.test(source[start - 1])) start--;
  const at = parsed.resolveInner(start, -1);
  const object = at.name === 'Object' ? at : at.parent?.name === 'Object' ? at.parent : undefined;
  if (!object) return undefined;
  const previous = source.slice(0, start).trimEnd().slice(-1);
  if (previous !== '{' && previous !== ',') return undefined;
  const objectPath = pathOf(object, source);
  const target = objectPath && keyTarget(objectPath, shape);
  return target ? { target, from: start, to: pos, typed: source.slice(start, pos), quoted: false } : undefined;
}
