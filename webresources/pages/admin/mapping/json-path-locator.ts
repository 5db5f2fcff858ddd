/**
 * Where a JSON path lands in the editor's text, found on the lezer JSON syntax tree (the one
 * CodeMirror's JSON mode already keeps), so a problem the connector reports at
 * `$.relatedEntities.customerid_account.fields.dt0_client_nom` is drawn on that very value. A path
 * that goes further than the text does (a required field not mapped yet) lands on its nearest
 * existing parent. Pure: text in, positions out.
 */
import { jsonLanguage } from '@codemirror/lang-json';
import type { SyntaxNode, Tree } from '@lezer/common';
import { parseJsonPath } from './json-path';
import { memberOf, rootValue } from './json-tree';

export interface LocatedPath {
  /** The value's range: its text parses to the value at the path. */
  from: number;
  to: number;
  /** The key's range when the value is a property's (for drawing a long object at its name). */
  name?: { from: number; to: number };
  /** False when the path went past the text and this is the nearest parent that exists. */
  exact: boolean;
  /** How many of the path's parts were found. */
  depth: number;
}

/**
 * Locates `path` in `text`. `tree` is the text's lezer JSON tree (CodeMirror's `syntaxTree(state)`
 * when it covers the whole text); parsed here when not given. Undefined only when the text holds no
 * JSON value at all.
 */
export function locateJsonPath(text: string, path: string, tree: Tree = jsonLanguage.parser.parse(text)): LocatedPath | undefined {
  const root = rootValue(tree);
  if (!root) return undefined;
  const segments = parseJsonPath(path) ?? [];
  let current: { value: SyntaxNode; name?: SyntaxNode } = { value: root };
  let depth = 0;
  for (const segment of segments) {
    const next = memberOf(current.value, segment, text);
    if (!next) break;
    current = next;
    depth++;
  }
  return {
    from: current.value.from,
    to: current.value.to,
    ...(current.name ? { name: { from: current.name.from, to: current.name.to } } : {}),
    exact: depth === segments.length,
    depth,
  };
}
