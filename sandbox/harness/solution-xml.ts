/**
 * Reading the built solution zip's customizations.xml: the XML as plain objects (fast-xml-parser,
 * attributes without a prefix) and the two walkers every reader of it needs. The ribbon and the
 * site map readers share these so both see the zip the same way.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';

export type XmlNode = Record<string, unknown>;

/** A parser whose `listTags` always come back as arrays, even when the XML has one of them. */
export function customizationsParser(listTags: Set<string>): XMLParser {
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', textNodeName: '#text', isArray: (name) => listTags.has(name) });
}

export function list(node: unknown, key: string): XmlNode[] {
  if (!node || typeof node !== 'object') return [];
  const value = (node as XmlNode)[key];
  return Array.isArray(value) ? (value as XmlNode[]) : value ? [value as XmlNode] : [];
}

export function child(node: unknown, key: string): XmlNode | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const value = (node as XmlNode)[key];
  return value && typeof value === 'object' ? (Array.isArray(value) ? (value[0] as XmlNode) : (value as XmlNode)) : undefined;
}

export async function readCustomizationsXml(zipPath: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(zipPath));
  const file = zip.file('customizations.xml');
  if (!file) throw new Error(`${zipPath} has no customizations.xml`);
  return file.async('string');
}
