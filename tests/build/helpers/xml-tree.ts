/**
 * The tests walk the solution's XML with the importer's own tree (sandbox/dataverse/solution-import/xml-tree.ts),
 * plus the few walks only the tests need.
 */
import { all, parseXml, type XNode } from '../../../sandbox/dataverse/solution-import/xml-tree';

export { all, parseXml, type XNode };

/** Direct children named `name`. */
export function kids(node: XNode, name: string): XNode[] {
  return node.children.filter((c) => c.name === name);
}

/** The one node at a slash-separated path of child names below `node`; throws when absent. */
export function at(node: XNode, path: string): XNode {
  const found = all(node, path);
  if (found.length === 0) throw new Error(`No ${path} below <${node.name}>`);
  return found[0]!;
}

/** Text of the child at `path`, or undefined. */
export function textAt(node: XNode, path: string): string | undefined {
  return all(node, path)[0]?.text;
}

/** Every descendant (depth first) named `name`. */
export function descendants(node: XNode, name: string): XNode[] {
  const out: XNode[] = [];
  const visit = (n: XNode) => {
    for (const c of n.children) {
      if (c.name === name) out.push(c);
      visit(c);
    }
  };
  visit(node);
  return out;
}
