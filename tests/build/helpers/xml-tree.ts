/** Reads XML into a small tree the tests can walk by element names (fast-xml-parser underneath). */
import { XMLParser } from 'fast-xml-parser';

export interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  text: string;
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  htmlEntities: true,
});

function convert(items: Ordered[]): XNode[] {
  const out: XNode[] = [];
  for (const item of items) {
    const name = Object.keys(item).find((k) => k !== ':@');
    if (!name || name === '#text' || name === '?xml') continue;
    const kids = (item[name] as Ordered[]) ?? [];
    const text = kids
      .filter((k) => '#text' in k)
      .map((k) => String(k['#text']))
      .join('');
    out.push({ name, attrs: item[':@'] ?? {}, children: convert(kids), text });
  }
  return out;
}

export function parseXml(xml: string | Buffer): XNode {
  const text = (typeof xml === 'string' ? xml : xml.toString('utf8')).replace(/^\uFEFF/, '');
  const roots = convert(parser.parse(text) as Ordered[]);
  if (roots.length !== 1) throw new Error(`Expected one root element, got ${roots.length}`);
  return roots[0]!;
}

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

/** Every node at a slash-separated path of child names below `node`. */
export function all(node: XNode, path: string): XNode[] {
  let level = [node];
  for (const step of path.split('/')) level = level.flatMap((n) => kids(n, step));
  return level;
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
