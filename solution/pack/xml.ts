/**
 * A small XML writer for the solution files. The packer builds a tree of plain objects and
 * serializes it once, so escaping lives in one place and two builds give the same bytes.
 * Layout follows what Dynamics writes in an export: two-space indent, `<Empty />` with a space,
 * text-only elements on one line.
 */

export interface XmlElement {
  name: string;
  attrs: Array<[string, string]>;
  children: XmlNode[];
}

type XmlNode = XmlElement | string;

/** What callers may pass as children: falsy entries are dropped, so optional parts read inline. */
export type XmlChild = XmlNode | undefined | null | false | XmlChild[];

export type XmlAttrs = Record<string, string | number | boolean | undefined | null>;

const NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;
// XML 1.0 allows tab, LF, CR and everything from U+0020 except the surrogates and U+FFFE/U+FFFF.
const INVALID_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function checkName(name: string): string {
  if (!NAME.test(name)) throw new Error(`Not an XML name: "${name}"`);
  return name;
}

function checkChars(value: string): string {
  const bad = INVALID_CHAR.exec(value);
  if (bad) throw new Error(`Character U+${bad[0].codePointAt(0)!.toString(16).padStart(4, '0')} cannot appear in XML: ${JSON.stringify(value.slice(0, 60))}`);
  return value;
}

function escapeText(value: string): string {
  return checkChars(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also escape quotes and whitespace characters that attribute normalization would turn into spaces. */
function escapeAttr(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;').replace(/\r/g, '&#xD;');
}

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
    list.push([checkName(k), typeof v === 'boolean' ? (v ? '1' : '0') : String(v)]);
  }
  return { name: checkName(name), attrs: list, children: flatten(children) };
}

/** An element holding only text: `<Name>value</Name>`. */
export function textEl(name: string, value: string | number | boolean, attrs: XmlAttrs = {}): XmlElement {
  return el(name, attrs, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
}

function openTag(e: XmlElement): string {
  const attrs = e.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
  return `<${e.name}${attrs}`;
}

function write(node: XmlNode, indent: string, out: string[]): void {
  if (typeof node === 'string') {
    out.push(indent + escapeText(node));
    return;
  }
  if (node.children.length === 0) {
    out.push(`${indent}${openTag(node)} />`);
    return;
  }
  if (node.children.every((c) => typeof c === 'string')) {
    out.push(`${indent}${openTag(node)}>${node.children.map((c) => escapeText(c as string)).join('')}</${node.name}>`);
    return;
  }
  out.push(`${indent}${openTag(node)}>`);
  for (const c of node.children) write(c, indent + '  ', out);
  out.push(`${indent}</${node.name}>`);
}

/** The document as text, with an XML declaration unless told otherwise, lines joined by CRLF-free "\n". */
export function serialize(root: XmlElement, opts: { declaration?: boolean } = {}): string {
  const out: string[] = [];
  if (opts.declaration !== false) out.push('<?xml version="1.0" encoding="utf-8"?>');
  write(root, '', out);
  return out.join('\n') + '\n';
}
