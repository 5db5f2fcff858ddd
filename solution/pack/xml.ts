/**
 * The solution files as a tree of plain objects, rendered once by xmlbuilder2, so escaping lives
 * in one place and two builds give the same bytes. Layout follows what Dynamics writes in an
 * export: two-space indent, `<Empty />` with a space, text-only elements on one line.
 */

import { create } from 'xmlbuilder2';

export interface XmlElement {
  name: string;
  attrs: Array<[string, string]>;
  children: XmlNode[];
}

type XmlNode = XmlElement | string;

/** What callers may pass as children: falsy entries are dropped, so optional parts read inline. */
export type XmlChild = XmlNode | undefined | null | false | XmlChild[];

export type XmlAttrs = Record<string, string | number | boolean | undefined | null>;

function flatten(children: XmlChild[], out: XmlNode[] = []): XmlNode[] {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) flatten(c, out);
    else out.push(c);
  }
  return out;
}

/** An element; attributes whose value is undefined or null are left out, booleans become 1/0. */
export function el(name: string, attrs: XmlAttrs = {}, ...children: XmlChild[]): XmlElement {
  const list: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    list.push([k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v)]);
  }
  return { name, attrs: list, children: flatten(children) };
}

/** An element holding only text: `<Name>value</Name>`. */
export function textEl(name: string, value: string | number | boolean, attrs: XmlAttrs = {}): XmlElement {
  return el(name, attrs, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
}

type Builder = ReturnType<typeof create>;

/**
 * xmlbuilder2 leaves `&` alone when it starts something that looks like a reference (`&amp;`,
 * `&#10;`), so a label holding the literal text "&amp;" would read back as "&". Escaping `&` here
 * first makes every `&` the library sees such a reference, which it keeps: the text reads back as given.
 */
function escapeAmpersands(value: string): string {
  return value.replace(/&/g, '&amp;');
}

/**
 * The library does not escape tab, LF and CR in attribute values, which attribute normalization
 * would turn into spaces; they go in as decimal references (the only form it keeps) and come out
 * in the hex form .NET, hence a Dynamics export, writes (see serialize).
 */
function escapeAttr(value: string): string {
  return escapeAmpersands(value).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

const HEX_REF: Record<string, string> = { '9': '&#x9;', '10': '&#xA;', '13': '&#xD;' };

/** Called by the library for each character XML 1.0 cannot carry: says which one and where, instead of replacing it. */
function refuseChar(char: string, offset: number, text: string): string {
  const code = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  const around = text.slice(Math.max(0, offset - 30), offset + 30);
  throw new Error(`Character U+${code} cannot appear in XML: ${JSON.stringify(around)}`);
}

function append(parent: Builder, node: XmlElement): void {
  const element = parent.ele(node.name);
  for (const [name, value] of node.attrs) {
    const colon = name.indexOf(':');
    // The builder does not resolve an attribute's prefix (`xsi:nil`) from the declarations in scope,
    // as a parser would: look it up here (null, hence an error, when undeclared).
    if (colon < 0 || name.startsWith('xmlns:')) element.att(name, escapeAttr(value));
    else element.att(element.node.lookupNamespaceURI(name.slice(0, colon)), name, escapeAttr(value));
  }
  for (const c of node.children) {
    if (typeof c === 'string') element.txt(escapeAmpersands(c));
    else append(element, c);
  }
}

/**
 * The document as text, rendered by xmlbuilder2 laid out as Dynamics exports it (two-space indent,
 * `<Empty />`, text-only elements on one line), with an XML declaration unless told otherwise,
 * lines joined by "\n". Names are checked by the library as the tree is built, characters by
 * refuseChar, and the result once more by its `wellFormed` serialization.
 */
export function serialize(root: XmlElement, opts: { declaration?: boolean } = {}): string {
  const doc = create({ version: '1.0', encoding: 'utf-8', invalidCharReplacement: refuseChar });
  append(doc, root);
  const xml = doc.end({ headless: opts.declaration === false, prettyPrint: true, indent: '  ', spaceBeforeSlash: true, wellFormed: true });
  // Every "&#9;", "&#10;", "&#13;" here is one escapeAttr wrote: a literal one in the input became "&amp;#9;".
  return xml.replace(/&#(9|10|13);/g, (_, n: string) => HEX_REF[n]!) + '\n';
}
