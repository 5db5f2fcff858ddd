/**
 * Reading the lezer JSON syntax tree (@lezer/json, as @codemirror/lang-json keeps it): a node's
 * children, its string, and the member of an object or array at one path part. Shared by the path
 * locator and the completion context, so both read the tree the same way (the last of duplicate
 * keys, as JSON.parse does).
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { PathSegment } from './json-path';

export const VALUE_NODES = new Set(['Object', 'Array', 'String', 'Number', 'True', 'False', 'Null']);

export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** A String or PropertyName node's value; undefined for any other node or a string still being typed. */
export function stringOf(node: SyntaxNode | null | undefined, text: string): string | undefined {
  if (!node || (node.name !== 'String' && node.name !== 'PropertyName')) return undefined;
  try {
    return JSON.parse(text.slice(node.from, node.to)) as string;
  } catch {
    return undefined;
  }
}

/** The top value of a JSON text's tree. */
export function rootValue(tree: Tree): SyntaxNode | undefined {
  return children(tree.topNode).find((c) => VALUE_NODES.has(c.name));
}

/** The value at one part of a path in an object or array (with the key's node), when the text has it. */
export function memberOf(node: SyntaxNode, segment: PathSegment, text: string): { value: SyntaxNode; name?: SyntaxNode } | undefined {
  if (node.name === 'Object' && typeof segment === 'string') {
    let found: { value: SyntaxNode; name?: SyntaxNode } | undefined;
    for (const property of children(node).filter((c) => c.name === 'Property')) {
      const name = property.getChild('PropertyName');
      // A property still being typed has no value yet.
      const value = children(property).find((c) => VALUE_NODES.has(c.name));
      if (name && value && stringOf(name, text) === segment) found = { value, name };
    }
    return found;
  }
  if (node.name === 'Array' && typeof segment === 'number') {
    const value = children(node).filter((c) => VALUE_NODES.has(c.name))[segment];
    return value ? { value } : undefined;
  }
  return undefined;
}
