/**
 * The solution files' XML as a small tree walked by element names (fast-xml-parser underneath, in
 * document order, every value kept as text: the importer decides what a value means, as Dataverse's
 * import does from the schema of each element).
 */
import { XMLParser } from 'fast-xml-parser';
import type { LabelText } from '../../../solution/model/labels';

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

/** The document's root element; a file that is not one XML document is refused by the caller. */
export function parseXml(xml: string | Buffer): XNode {
  const text = (typeof xml === 'string' ? xml : xml.toString('utf8')).replace(/^\uFEFF/, '');
  const roots = convert(parser.parse(text) as Ordered[]);
  if (roots.length !== 1) throw new Error(`expected one root element, found ${roots.length}`);
  return roots[0]!;
}

/** Every node at a slash-separated path of child names below `node`. */
export function all(node: XNode | undefined, path: string): XNode[] {
  let level = node ? [node] : [];
  for (const step of path.split('/')) level = level.flatMap((n) => n.children.filter((c) => c.name === step));
  return level;
}

/** The first node at `path`, if any. */
export function first(node: XNode | undefined, path: string): XNode | undefined {
  return all(node, path)[0];
}

/** The text of the first node at `path`; undefined when the element is absent. */
export function textOf(node: XNode | undefined, path: string): string | undefined {
  return first(node, path)?.text;
}

/** The `description` of the first `<label>`-like child at `path` in `languagecode` (else the first one). */
export function labelAt(node: XNode | undefined, path: string, languageCode = '1033'): string | undefined {
  const items = all(node, path);
  const pick = items.find((i) => i.attrs.languagecode === languageCode) ?? items[0];
  return pick?.attrs.description;
}

/**
 * Every language's `description` of the `<label>`-like children at `path`, by `languagecode`: a
 * solution carries one per language it was translated into, and the organization keeps them all.
 * Undefined when there is none; an empty text is no label.
 */
export function labelsAt(node: XNode | undefined, path: string): LabelText | undefined {
  const texts: Record<number, string> = {};
  for (const item of all(node, path)) {
    const code = Number(item.attrs.languagecode ?? item.attrs.LCID);
    const text = item.attrs.description ?? item.attrs.Title;
    if (Number.isInteger(code) && text) texts[code] = text;
  }
  return Object.keys(texts).length ? texts : undefined;
}
